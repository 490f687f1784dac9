package io.connectspring.server;

import io.connectspring.fixtures.EchoService;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;

class UnknownProcedureRouteTests {

	private final WebTestClient client = WebTestClient
		.bindToRouterFunction(new ConnectRouterFunctionBuilder().pathPrefix("/rpc")
			.service("echo", new EchoService())
			.build())
		.build();

	@Test
	void connectUnaryCallToAnUnknownServiceIsUnimplementedErrorJson() {
		this.client.post()
			.uri("/rpc/pkg.v1.UnknownService/Method")
			.header("Content-Type", "application/proto")
			.header("Connect-Protocol-Version", "1")
			.bodyValue(new byte[0])
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentType("application/json")
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("unimplemented");
	}

	@Test
	void connectUnaryCallToAnUnknownMethodOfAServedServiceIsUnimplementedErrorJson() {
		this.client.post()
			.uri("/rpc/" + EchoService.NAME + "/Missing")
			.header("Content-Type", "application/json")
			.header("Connect-Protocol-Version", "1")
			.bodyValue("{}")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("unimplemented");
	}

	@Test
	void connectStreamAndGetToAnUnknownServiceAreUnimplementedErrorJson() {
		this.client.post()
			.uri("/rpc/pkg.v1.UnknownService/Method")
			.header("Content-Type", "application/connect+proto")
			.bodyValue(new byte[0])
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("unimplemented");
		this.client.get()
			.uri("/rpc/pkg.v1.UnknownService/Method?connect=v1&encoding=proto&message=")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("unimplemented");
	}

	@Test
	void grpcWebCallToAnUnknownServiceIsTrailersOnlyUnimplemented() {
		this.client.post()
			.uri("/rpc/pkg.v1.UnknownService/Method")
			.header("Content-Type", "application/grpc-web+proto")
			.bodyValue(new byte[0])
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("grpc-status", "12")
			.expectHeader()
			.valueEquals("Content-Type", "application/grpc-web+proto")
			.expectBody()
			.isEmpty();
	}

	@Test
	void requestsThatAreNotRpcsAreLeftToTheRestOfTheApplication() {
		// A plain JSON POST without Connect-Protocol-Version, a path of three segments, a path outside the prefix.
		this.client.post()
			.uri("/rpc/pkg.v1.UnknownService/Method")
			.header("Content-Type", "application/json")
			.bodyValue("{}")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.NOT_FOUND)
			.expectHeader()
			.doesNotExist("Content-Type");
		this.client.post()
			.uri("/rpc/a/b/c")
			.header("Content-Type", "application/grpc")
			.bodyValue(new byte[0])
			.exchange()
			.expectHeader()
			.doesNotExist("grpc-status");
		this.client.post()
			.uri("/other/pkg.v1.UnknownService/Method")
			.header("Content-Type", "application/grpc")
			.bodyValue(new byte[0])
			.exchange()
			.expectHeader()
			.doesNotExist("grpc-status");
	}

}
