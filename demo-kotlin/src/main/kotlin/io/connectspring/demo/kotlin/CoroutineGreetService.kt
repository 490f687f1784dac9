package io.connectspring.demo.kotlin

import io.connectspring.Code
import io.connectspring.ConnectException
import io.connectspring.demo.greet.v1.GreetRequest
import io.connectspring.demo.greet.v1.GreetResponse
import io.connectspring.demo.greet.v1.GreetServiceCoroutine
import io.connectspring.demo.greet.v1.GreetStreamRequest
import io.connectspring.server.ConnectContext
import io.connectspring.server.ConnectService
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.fold
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.flow.map

/** The demo's `greet.v1.GreetService` in Kotlin, written against the generated coroutine interface. */
// tag::service[]
@ConnectService
class CoroutineGreetService : GreetServiceCoroutine {

    override suspend fun greet(request: GreetRequest, context: ConnectContext): GreetResponse {
        if (request.name.isEmpty()) {
            throw ConnectException(Code.INVALID_ARGUMENT, "name is required")
        }
        context.responseHeaders().set("greet-version", "v1")
        return greeting("Hello, ${request.name}!")
    }

    override fun greetStream(request: GreetStreamRequest, context: ConnectContext): Flow<GreetResponse> {
        // Thrown before the flow starts: the client gets the error and no message.
        if (request.count < 0) {
            throw ConnectException(Code.INVALID_ARGUMENT, "count must not be negative")
        }
        if (request.intervalMs < 0) {
            throw ConnectException(Code.INVALID_ARGUMENT, "interval_ms must not be negative")
        }
        // A cold flow: each greeting is made when the client is ready for it; delay() holds no thread.
        return flow {
            for (n in 1..request.count) {
                if (request.intervalMs > 0) {
                    delay(request.intervalMs.toLong())
                }
                emit(greeting("Hello, ${request.name}! #$n"))
            }
        }
    }
    // docs:elide // greetEveryone and converse: see the demo

    override suspend fun greetEveryone(requests: Flow<GreetRequest>, context: ConnectContext): GreetResponse {
        val lines = requests.fold(StringBuilder()) { lines, request -> lines.append("Hello, ${request.name}!\n") }
        return greeting(lines.toString())
    }

    override fun converse(requests: Flow<GreetRequest>, context: ConnectContext): Flow<GreetResponse> =
        requests.map { request -> greeting("Hello, ${request.name}!") }

    private fun greeting(text: String): GreetResponse = GreetResponse.newBuilder().setGreeting(text).build()
    // docs:end-elide
}
// end::service[]
