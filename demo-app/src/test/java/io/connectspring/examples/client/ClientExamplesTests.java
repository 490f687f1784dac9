package io.connectspring.examples.client;

import java.util.List;

import io.connectspring.boot.test.AutoConfigureTestConnectTransport;
import io.connectspring.demo.DemoApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application's own test of its Connect API, as docs/clients.md shows it: the demo on a random port,
 * {@code @AutoConfigureTestConnectTransport} pointing connect.client.greet (configured in greet-client.yml) at it,
 * and the generated clients injected through {@link GreetCalls}.
 */
// tag::test[]
@SpringBootTest(classes = DemoApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.config.import=classpath:examples/client/greet-client.yml")
@AutoConfigureTestConnectTransport
@Import({ GreetClients.class, GreetCalls.class, ClientExamplesTests.Interceptors.class })
@Timeout(30)
class ClientExamplesTests {

	@Autowired
	private GreetCalls calls;

	// docs:elide
	@LocalServerPort
	private int port;

	@TestConfiguration(proxyBeanMethods = false)
	static class Interceptors {

		@Bean
		BearerTokenClientInterceptor bearerTokenInterceptor() {
			return new BearerTokenClientInterceptor("s3cret");
		}

	}
	// docs:end-elide

	@Test
	void unaryCallsReachTheApplicationUnderTest() {
		assertThat(this.calls.greet("Ada").block()).isEqualTo("Hello, Ada!");
	}
	// docs:elide

	@Test
	void perCallOptionsSeeTheResponseHeaders() {
		assertThat(this.calls.greetWithOptions("Ada")).isEqualTo("Hello, Ada! (greet-version v1)");
	}

	@Test
	void streamsOfEveryKindWork() {
		assertThat(this.calls.greetEveryone(List.of("Ada", "Grace")).block()).isEqualTo("Hello, Ada!\nHello, Grace!\n");
		assertThat(this.calls.greetStream("Ada", 2)).containsExactly("Hello, Ada! #1", "Hello, Ada! #2");
		assertThat(this.calls.converse(List.of("Ada", "Grace"))).containsExactly("Hello, Ada!", "Hello, Grace!");
	}

	@Test
	void errorsCarryTheirCode() {
		assertThat(this.calls.greetOrExplain("")).isEqualTo("rejected: name is required");
	}

	@Test
	void aStandaloneTransportNeedsNoSpring() {
		assertThat(StandaloneClient.greet("http://localhost:" + this.port, "Linus")).isEqualTo("Hello, Linus!");
	}
	// docs:end-elide

}
// end::test[]
