package io.connectspring.examples.grpcjava;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.json.JsonCompareMode;
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
	void aStatusIsAConnectErrorWithItsCodeAndDescription() {
		this.client.post()
			.uri("/greet.v1.GreetService/Greet")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"name\":\"\"}")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.json("{\"code\":\"invalid_argument\",\"message\":\"name is required\"}", JsonCompareMode.STRICT);
	}

}
