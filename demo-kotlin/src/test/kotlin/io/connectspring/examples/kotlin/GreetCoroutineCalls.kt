package io.connectspring.examples.kotlin

import io.connectspring.boot.client.ImportConnectClients
import io.connectspring.client.CallOptions
import io.connectspring.demo.greet.v1.GreetRequest
import io.connectspring.demo.greet.v1.GreetServiceCoroutineClient
import io.connectspring.demo.greet.v1.GreetStreamRequest
import java.time.Duration
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.asFlow
import kotlinx.coroutines.flow.map
import org.springframework.context.annotation.Configuration

// tag::configuration[]
/** Registers a [GreetServiceCoroutineClient] bean on the transport configured under `connect.client.greet`. */
@Configuration(proxyBeanMethods = false)
@ImportConnectClients(client = "greet", types = [GreetServiceCoroutineClient::class])
class GreetClientConfiguration
// end::configuration[]

/** Calls GreetService through the generated coroutine client. */
// tag::calls[]
class GreetCoroutineCalls(private val client: GreetServiceCoroutineClient) {

    /** Greets each name in a call of its own, all calls at once; cancelling the caller cancels them all. */
    suspend fun greetEach(names: List<String>): List<String> = coroutineScope {
        names.map { name -> async { client.greet(request(name)).greeting } }.awaitAll()
    }

    /** Greets everyone in one client-streaming call, with a timeout. */
    suspend fun greetEveryone(names: List<String>): String =
        client.greetEveryone(names.asFlow().map(::request), CallOptions.defaults().withTimeout(Duration.ofSeconds(5))).greeting

    /** A server stream as a Flow: the call starts when the flow is collected and ends when the collection does. */
    fun countdown(name: String, count: Int): Flow<String> =
        client.greetStream(GreetStreamRequest.newBuilder().setName(name).setCount(count).build()).map { it.greeting }

    private fun request(name: String): GreetRequest = GreetRequest.newBuilder().setName(name).build()

}
// end::calls[]
