package io.connectspring.server;

import io.connectspring.fixtures.EchoService;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.test.web.reactive.server.HttpHandlerConnector;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectHttpHandlerFastPathTests {

	/** The rest of the application: answers 204 to whatever reaches it, and counts what does. */
	private final AtomicInteger reached = new AtomicInteger();

	private final HttpHandler application = (request, response) -> {
		this.reached.incrementAndGet();
		response.setStatusCode(HttpStatus.NO_CONTENT);
		return response.setComplete();
	};

	private WebTestClient client(String pathPrefix) {
		ConnectRouterFunction routes = new ConnectRouterFunctionBuilder().pathPrefix(pathPrefix)
			.service("echo", new EchoService())
			.build();
		HttpHandler decorated = new ConnectHttpHandlerFastPath(routes).apply(this.application);
		return WebTestClient.bindToServer(new HttpHandlerConnector(decorated)).build();
	}

	@Test
	void servesAProcedureItselfWithoutReachingTheApplication() {
		client("").post()
			.uri("/test.v1.EchoService/Echo")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("\"hello\"")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.isEqualTo("\"hello\"");
		assertThat(this.reached).hasValue(0);
	}

	@Test
	void answersARefusalItself() {
		client("").put()
			.uri("/test.v1.EchoService/Echo")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("\"hello\"")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.METHOD_NOT_ALLOWED)
			.expectHeader()
			.valueEquals("Allow", "GET, POST");
		assertThat(this.reached).hasValue(0);
	}

	@Test
	void handsEveryOtherPathToTheApplication() {
		WebTestClient client = client("/rpc");
		for (String path : new String[] { "/other", "/test.v1.EchoService/Echo", "/rpc/test.v1.EchoService/Unknown",
				"/rpc/test.v1.EchoService/Echo/" }) {
			client.post()
				.uri(path)
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue("\"hello\"")
				.exchange()
				.expectStatus()
				.isNoContent();
		}
		assertThat(this.reached).hasValue(4);
		client.post()
			.uri("/rpc/test.v1.EchoService/Echo")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("\"hello\"")
			.exchange()
			.expectStatus()
			.isOk();
		assertThat(this.reached).hasValue(4);
	}

}
