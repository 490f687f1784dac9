package io.connectspring.examples.customizers;

import io.connectspring.demo.DemoApplication;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.RouterFunction;

@SpringBootTest(classes = DemoApplication.class)
@Import(ConnectCustomizers.class)
class ConnectCustomizersTests {

	@Autowired
	private RouterFunction<?> connectRouterFunction;

	@Test
	void theRouterCustomizerMakesTheProtocolVersionHeaderRequired() {
		WebTestClient client = WebTestClient.bindToRouterFunction(this.connectRouterFunction).build();
		client.post()
			.uri("/greet.v1.GreetService/Greet")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"name\":\"Ada\"}")
			.exchange()
			.expectStatus()
			.isBadRequest();
		client.post()
			.uri("/greet.v1.GreetService/Greet")
			.contentType(MediaType.APPLICATION_JSON)
			.header("Connect-Protocol-Version", "1")
			.bodyValue("{\"name\":\"Ada\"}")
			.exchange()
			.expectStatus()
			.isOk();
	}

}
