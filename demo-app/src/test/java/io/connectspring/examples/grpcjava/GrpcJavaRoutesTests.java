package io.connectspring.examples.grpcjava;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

class GrpcJavaRoutesTests {

	private final WebTestClient client = WebTestClient.bindToRouterFunction(GrpcJavaRoutes.routes()).build();

	@Test
	void theGrpcJavaServiceAnswersConnectJsonThroughItsInterceptor() {
		this.client.post()
			.uri("/greet.v1.GreetService/Greet")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"name\":\"Ada\"}")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("greet-version", "v1")
			.expectBody()
			.json("{\"greeting\":\"Hello, Ada!\"}");
	}

	@Test
	void aStatusWithDetailsIsAConnectErrorWithDetails() {
		this.client.post()
			.uri("/greet.v1.GreetService/Greet")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"name\":\"\"}")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.code").isEqualTo("invalid_argument")
			.jsonPath("$.message").isEqualTo("name is required")
			.jsonPath("$.details[0].type").isEqualTo("google.rpc.BadRequest");
	}

}
