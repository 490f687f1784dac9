package io.connectspring.server;

import io.connectspring.fixtures.EchoService;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebHandler;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectFastPathFilterTests {

	/** The rest of the application: answers 204 to whatever reaches it. */
	private static final WebHandler APPLICATION = (exchange) -> {
		exchange.getResponse().setStatusCode(HttpStatus.NO_CONTENT);
		return Mono.empty();
	};

	private static ConnectFastPathFilter fastPath(String pathPrefix) {
		ConnectRouterFunction routes = new ConnectRouterFunctionBuilder().pathPrefix(pathPrefix)
			.service("echo", new EchoService())
			.build();
		return new ConnectFastPathFilter(routes);
	}

	private static WebTestClient client(WebFilter... filters) {
		return WebTestClient.bindToWebHandler(APPLICATION).webFilter(filters).build();
	}

	@Test
	void servesAProcedureItselfWithoutReachingTheRestOfTheApplication() {
		client(fastPath("")).post()
			.uri("/test.v1.EchoService/Echo")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("\"hello\"")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.isEqualTo("\"hello\"");
	}

	@Test
	void passesEveryOtherPathDownTheChain() {
		WebTestClient client = client(fastPath(""));
		for (String path : new String[] { "/other", "/test.v1.EchoService/Unknown", "/test.v1.EchoService/Echo/",
				"/test.v1.EchoService" }) {
			client.post()
				.uri(path)
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue("\"hello\"")
				.exchange()
				.expectStatus()
				.isNoContent();
		}
	}

	@Test
	void servesProceduresUnderThePathPrefixOnly() {
		WebTestClient client = client(fastPath("/rpc"));
		client.post()
			.uri("/rpc/test.v1.EchoService/Echo")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("\"hi\"")
			.exchange()
			.expectStatus()
			.isOk();
		client.post()
			.uri("/test.v1.EchoService/Echo")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("\"hi\"")
			.exchange()
			.expectStatus()
			.isNoContent();
	}

	@Test
	void answersAMethodNoProtocolUsesAsTheRouterDoes() {
		client(fastPath("")).put()
			.uri("/test.v1.EchoService/Echo")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("\"hi\"")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.METHOD_NOT_ALLOWED)
			.expectHeader()
			.valueEquals("Allow", "GET, POST");
	}

	@Test
	void namesTheProcedureAsTheHttpServerObservationsPathPattern() {
		ServerRequestObservationContext[] observed = new ServerRequestObservationContext[1];
		WebFilter observation = (exchange, chain) -> {
			ServerRequestObservationContext context = new ServerRequestObservationContext(exchange.getRequest(),
					exchange.getResponse(), exchange.getAttributes());
			exchange.getAttributes()
				.put(ServerRequestObservationContext.CURRENT_OBSERVATION_CONTEXT_ATTRIBUTE, context);
			observed[0] = context;
			return chain.filter(exchange);
		};
		client(observation, fastPath("")).post()
			.uri("/test.v1.EchoService/Echo")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("\"hi\"")
			.exchange()
			.expectStatus()
			.isOk();
		assertThat(observed[0].getPathPattern()).isEqualTo("/test.v1.EchoService/Echo");
	}

}
