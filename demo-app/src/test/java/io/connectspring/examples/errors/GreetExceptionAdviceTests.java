package io.connectspring.examples.errors;

import io.connectspring.demo.greet.v1.GreetRequest;
import io.connectspring.demo.greet.v1.GreetResponse;
import io.connectspring.demo.greet.v1.GreetServiceBlocking;
import io.connectspring.demo.greet.v1.GreetStreamRequest;
import io.connectspring.server.ConnectContext;
import io.connectspring.server.ConnectService;

import java.nio.charset.StandardCharsets;
import java.util.NoSuchElementException;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The advice maps the exceptions of a blocking service, for unary calls and streams. */
@SpringBootTest(classes = GreetExceptionAdviceTests.Application.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class GreetExceptionAdviceTests {

	@LocalServerPort
	private int port;

	@Test
	void unknownPersonIsNotFound() {
		WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + this.port)
			.build()
			.post()
			.uri("/greet.v1.GreetService/Greet")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"name\":\"Nobody\"}")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.valueEquals("x-procedure", "/greet.v1.GreetService/Greet")
			.expectBody(String.class)
			.isEqualTo("{\"code\":\"not_found\",\"message\":\"no one called Nobody\"}");
	}

	@Test
	void failedClientStreamEndsWithTheMappedError() {
		byte[] body = WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + this.port)
			.build()
			.post()
			.uri("/greet.v1.GreetService/GreetEveryone")
			.contentType(MediaType.parseMediaType("application/connect+json"))
			.bodyValue(new byte[] { 0, 0, 0, 0, 2, '{', '}' })
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(byte[].class)
			.returnResult()
			.getResponseBody();
		assertThat(new String(body, 5, body.length - 5, StandardCharsets.UTF_8))
			.isEqualTo("{\"error\":{\"code\":\"invalid_argument\",\"message\":\"not today\"}}");
		assertThat(body[0]).isEqualTo((byte) 2);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import({ GreetExceptionAdvice.class, Application.PickyGreetService.class })
	static class Application {

		@ConnectService
		static class PickyGreetService implements GreetServiceBlocking {

			@Override
			public GreetResponse greet(GreetRequest request, ConnectContext context) {
				if (request.getName().equals("Nobody")) {
					throw new NoSuchElementException("no one called Nobody");
				}
				return GreetResponse.newBuilder().setGreeting("Hello, " + request.getName() + "!").build();
			}

			@Override
			public GreetResponse greetEveryone(Stream<GreetRequest> requests, ConnectContext context) {
				throw new IllegalStateException("not today");
			}

			@Override
			public Stream<GreetResponse> greetStream(GreetStreamRequest request, ConnectContext context) {
				return Stream.empty();
			}

			@Override
			public Stream<GreetResponse> converse(Stream<GreetRequest> requests, ConnectContext context) {
				return Stream.empty();
			}

		}

	}

}
