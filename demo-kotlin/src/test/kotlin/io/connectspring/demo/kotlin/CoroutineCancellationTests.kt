package io.connectspring.demo.kotlin

import io.connectspring.Code
import io.connectspring.client.HttpConnectTransport
import io.connectspring.client.HttpVersion
import io.connectspring.demo.greet.v1.GreetRequest
import io.connectspring.demo.greet.v1.GreetResponse
import io.connectspring.demo.greet.v1.GreetServiceCoroutine
import io.connectspring.demo.greet.v1.GreetServiceCoroutineClient
import io.connectspring.demo.greet.v1.GreetStreamRequest
import io.connectspring.server.ConnectContext
import io.connectspring.server.ConnectService
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.awaitCancellation
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.flow.map
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import org.assertj.core.api.Assertions.assertThat
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.BeforeEach
import org.junit.jupiter.api.Test
import org.springframework.beans.factory.annotation.Autowired
import org.springframework.boot.SpringBootConfiguration
import org.springframework.boot.autoconfigure.EnableAutoConfiguration
import org.springframework.boot.test.context.SpringBootTest
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment
import org.springframework.boot.test.web.server.LocalServerPort
import org.springframework.context.annotation.Import

/**
 * Cancellation both ways between the generated coroutine client and server, over h2c: a client that cancels its
 * coroutine (or stops collecting) cancels the server's coroutine, and a server method that throws a
 * [CancellationException] is answered with `canceled`. A probe service observes its own cancellation through
 * [CompletableDeferred]s; every wait is bounded by [withTimeout], none is a sleep.
 */
@SpringBootTest(classes = [CoroutineCancellationTests.ProbeApplication::class],
    webEnvironment = WebEnvironment.RANDOM_PORT, properties = ["server.http2.enabled=true"])
class CoroutineCancellationTests {

    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import(ProbeGreetService::class)
    class ProbeApplication

    /** Waits where told to, and records how each wait ended. */
    @ConnectService
    class ProbeGreetService : GreetServiceCoroutine {

        val unaryStarted = CompletableDeferred<Unit>()

        val unaryCancelled = CompletableDeferred<Throwable>()

        val streamCancelled = CompletableDeferred<Throwable>()

        override suspend fun greet(request: GreetRequest, context: ConnectContext): GreetResponse {
            if (request.name == "give up") {
                throw CancellationException("the service gave up")
            }
            unaryStarted.complete(Unit)
            try {
                awaitCancellation()
            } catch (ex: CancellationException) {
                unaryCancelled.complete(ex)
                throw ex
            }
        }

        override fun greetStream(request: GreetStreamRequest, context: ConnectContext): Flow<GreetResponse> = flow {
            emit(greeting("first"))
            try {
                awaitCancellation()
            } catch (ex: CancellationException) {
                streamCancelled.complete(ex)
                throw ex
            }
        }

        override suspend fun greetEveryone(requests: Flow<GreetRequest>, context: ConnectContext): GreetResponse =
            greeting("unused")

        override fun converse(requests: Flow<GreetRequest>, context: ConnectContext): Flow<GreetResponse> =
            requests.map { greeting(it.name) }

        private fun greeting(text: String): GreetResponse = GreetResponse.newBuilder().setGreeting(text).build()

    }

    @LocalServerPort
    private var port: Int = 0

    @Autowired
    private lateinit var probe: ProbeGreetService

    private lateinit var transport: HttpConnectTransport

    private lateinit var client: GreetServiceCoroutineClient

    @BeforeEach
    fun connect() {
        transport = HttpConnectTransport.builder("http://127.0.0.1:$port").httpVersion(HttpVersion.H2C).build()
        client = GreetServiceCoroutineClient(transport)
    }

    @AfterEach
    fun close() {
        transport.close()
    }

    @Test
    fun cancellingTheCallingCoroutineCancelsTheServersCoroutine() = runBlocking<Unit> {
        val call = launch { client.greet(GreetRequest.newBuilder().setName("Ada").build()) }
        withTimeout(10_000) { probe.unaryStarted.await() }
        call.cancel()
        val cause = withTimeout(10_000) { probe.unaryCancelled.await() }
        assertThat(cause).isInstanceOf(CancellationException::class.java)
    }

    @Test
    fun stoppingTheCollectionOfAStreamCancelsTheServersFlow() = runBlocking<Unit> {
        val first = client.greetStream(GreetStreamRequest.newBuilder().setName("Ada").build()).first()
        assertThat(first.greeting).isEqualTo("first")
        val cause = withTimeout(10_000) { probe.streamCancelled.await() }
        assertThat(cause).isInstanceOf(CancellationException::class.java)
    }

    @Test
    fun aCancellationExceptionThrownByTheServiceIsCanceled() = runBlocking<Unit> {
        val error = catchConnectException { client.greet(GreetRequest.newBuilder().setName("give up").build()) }
        assertThat(error.code()).isEqualTo(Code.CANCELED)
    }

}
