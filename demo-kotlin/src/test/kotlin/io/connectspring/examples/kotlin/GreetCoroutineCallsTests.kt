package io.connectspring.examples.kotlin

import io.connectspring.client.HttpConnectTransport
import io.connectspring.client.HttpVersion
import io.connectspring.demo.greet.v1.GreetServiceCoroutineClient
import io.connectspring.demo.kotlin.DemoKotlinApplication
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.runBlocking
import org.assertj.core.api.Assertions.assertThat
import org.junit.jupiter.api.Test
import org.springframework.boot.test.context.SpringBootTest
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment
import org.springframework.boot.test.web.server.LocalServerPort

/** The calls docs/kotlin.md shows, against the Kotlin demo. */
@SpringBootTest(classes = [DemoKotlinApplication::class], webEnvironment = WebEnvironment.RANDOM_PORT)
class GreetCoroutineCallsTests {

    @LocalServerPort
    private var port: Int = 0

    @Test
    fun eachCallOfTheExampleGreets() = runBlocking<Unit> {
        HttpConnectTransport.builder("http://127.0.0.1:$port").httpVersion(HttpVersion.H2C).build().use { transport ->
            val calls = GreetCoroutineCalls(GreetServiceCoroutineClient(transport))
            assertThat(calls.greetEach(listOf("Ada", "Grace"))).containsExactly("Hello, Ada!", "Hello, Grace!")
            assertThat(calls.greetEveryone(listOf("Ada", "Grace"))).isEqualTo("Hello, Ada!\nHello, Grace!\n")
            assertThat(calls.countdown("Ada", 2).toList()).containsExactly("Hello, Ada! #1", "Hello, Ada! #2")
        }
    }

}
