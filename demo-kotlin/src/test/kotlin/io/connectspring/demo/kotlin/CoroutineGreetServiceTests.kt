package io.connectspring.demo.kotlin

import io.connectspring.Code
import io.connectspring.ConnectException
import io.connectspring.client.HttpConnectTransport
import io.connectspring.client.HttpVersion
import io.connectspring.demo.greet.v1.GreetRequest
import io.connectspring.demo.greet.v1.GreetServiceCoroutineClient
import io.connectspring.demo.greet.v1.GreetStreamRequest
import kotlinx.coroutines.flow.asFlow
import kotlinx.coroutines.flow.emptyFlow
import kotlinx.coroutines.flow.map
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.runBlocking
import org.assertj.core.api.Assertions.assertThat
import org.assertj.core.api.Assertions.catchThrowableOfType
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.BeforeEach
import org.junit.jupiter.api.Test
import org.springframework.boot.test.context.SpringBootTest
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment
import org.springframework.boot.test.web.server.LocalServerPort

/** The Kotlin demo on a real port, called through the generated coroutine client over h2c. */
@SpringBootTest(classes = [DemoKotlinApplication::class], webEnvironment = WebEnvironment.RANDOM_PORT)
class CoroutineGreetServiceTests {

    @LocalServerPort
    private var port: Int = 0

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
    fun unaryGreetsByName() = runBlocking<Unit> {
        assertThat(client.greet(name("Ada")).greeting).isEqualTo("Hello, Ada!")
    }

    @Test
    fun anEmptyNameIsInvalidArgument() = runBlocking<Unit> {
        val error = catchConnectException { client.greet(name("")) }
        assertThat(error.code()).isEqualTo(Code.INVALID_ARGUMENT)
        assertThat(error.rawMessage()).isEqualTo("name is required")
    }

    @Test
    fun serverStreamGreetsCountTimes() = runBlocking<Unit> {
        val greetings = client.greetStream(stream("Ada", 3)).toList().map { it.greeting }
        assertThat(greetings).containsExactly("Hello, Ada! #1", "Hello, Ada! #2", "Hello, Ada! #3")
    }

    @Test
    fun aNegativeCountFailsTheStreamBeforeAnyMessage() = runBlocking<Unit> {
        val error = catchConnectException { client.greetStream(stream("Ada", -1)).toList() }
        assertThat(error.code()).isEqualTo(Code.INVALID_ARGUMENT)
        assertThat(error.rawMessage()).isEqualTo("count must not be negative")
    }

    @Test
    fun clientStreamGreetsEveryoneInOneAnswer() = runBlocking<Unit> {
        val answer = client.greetEveryone(listOf("Ada", "Grace").asFlow().map(::name))
        assertThat(answer.greeting).isEqualTo("Hello, Ada!\nHello, Grace!\n")
        assertThat(client.greetEveryone(emptyFlow()).greeting).isEmpty()
    }

    @Test
    fun bidiStreamAnswersEachRequest() = runBlocking<Unit> {
        val answers = client.converse(listOf("Ada", "Grace", "Linus").asFlow().map(::name)).toList()
        assertThat(answers.map { it.greeting }).containsExactly("Hello, Ada!", "Hello, Grace!", "Hello, Linus!")
    }

    private fun name(name: String): GreetRequest = GreetRequest.newBuilder().setName(name).build()

    private fun stream(name: String, count: Int): GreetStreamRequest =
        GreetStreamRequest.newBuilder().setName(name).setCount(count).build()

}

/** Runs a call that must fail and returns its [ConnectException]. */
internal suspend fun catchConnectException(call: suspend () -> Unit): ConnectException {
    val failure = runCatching { call() }.exceptionOrNull()
    return catchThrowableOfType(ConnectException::class.java) { throw failure ?: AssertionError("the call succeeded") }
}
