package io.connectspring.demo.auth;

import io.connectspring.demo.DemoApplication;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo with {@code demo.auth.token} set: calls need the bearer token. */
@SpringBootTest(classes = DemoApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "demo.auth.token=s3cret")
class AuthConfigurationTests {

	@LocalServerPort
	private int port;

	@Autowired
	private ApplicationContext context;

	private WebTestClient.RequestHeadersSpec<?> greet(String authorization) {
		WebTestClient.RequestBodySpec request = WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + this.port)
			.build()
			.post()
			.uri("/greet.v1.GreetService/Greet")
			.contentType(MediaType.APPLICATION_JSON);
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return request.bodyValue("{\"name\":\"Ada\"}");
	}

	@Test
	void callWithoutTokenIsUnauthenticated() {
		greet(null).exchange()
			.expectStatus()
			.isUnauthorized()
			.expectBody(String.class)
			.isEqualTo("{\"code\":\"unauthenticated\",\"message\":\"missing or invalid bearer token\"}");
	}

	@Test
	void callWithWrongTokenIsUnauthenticated() {
		greet("Bearer guess").exchange().expectStatus().isUnauthorized();
	}

	@Test
	void callWithTokenIsServed() {
		greet("Bearer s3cret").exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.isEqualTo("{\"greeting\":\"Hello, Ada!\"}");
	}

	@Test
	void interceptorIsABean() {
		assertThat(this.context.getBeansOfType(BearerTokenInterceptor.class)).hasSize(1);
	}

}
