package io.connectspring.examples.validation;

import io.connectspring.Code;
import io.connectspring.ConnectException;
import io.connectspring.client.HttpConnectTransport;
import io.connectspring.demo.DemoApplication;
import io.connectspring.demo.greet.v1.GreetRequest;
import io.connectspring.demo.greet.v1.GreetServiceBlockingClient;

import build.buf.validate.Violations;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The client checks requests itself: the server's validation is off here, and the call still fails. */
@SpringBootTest(classes = DemoApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "connect.server.validation.enabled=false")
class ValidatingClientTests {

	@LocalServerPort
	private int port;

	@Test
	void anInvalidRequestFailsOnTheClientWithTheViolations() {
		try (HttpConnectTransport transport = ValidatingClient.transport("http://localhost:" + this.port)) {
			GreetServiceBlockingClient client = new GreetServiceBlockingClient(transport);
			assertThatExceptionOfType(ConnectException.class)
				.isThrownBy(() -> client.greet(GreetRequest.newBuilder().setName("Ada\nLovelace").build()))
				.satisfies((error) -> {
					assertThat(error.code()).isEqualTo(Code.INVALID_ARGUMENT);
					assertThat(error.details().get(0).unpack(Violations.class)).isPresent();
				});
			assertThat(client.greet(GreetRequest.newBuilder().setName("Ada").build()).getGreeting())
				.isEqualTo("Hello, Ada!");
		}
	}

}
