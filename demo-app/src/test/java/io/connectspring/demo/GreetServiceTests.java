package io.connectspring.demo;

import io.connectspring.examples.blocking.BlockingGreetService;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo's behaviour on a real port, once with the reactive implementation of the demo and once with the blocking
 * example from the docs: both must behave the same.
 */
class GreetServiceTests {

	private static ConfigurableApplicationContext start(String implementation) {
		SpringApplication application = "blocking".equals(implementation)
				? new SpringApplication(BlockingOnlyApplication.class) : new SpringApplication(DemoApplication.class);
		application.setWebApplicationType(WebApplicationType.REACTIVE);
		return application.run("--server.port=0");
	}

	private static WebTestClient client(ConfigurableApplicationContext context) {
		String port = context.getEnvironment().getProperty("local.server.port");
		return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
	}

	@ParameterizedTest
	@ValueSource(strings = { "reactive", "blocking" })
	void greetAnswersWithHeaderAndRejectsAnEmptyName(String implementation) {
		try (ConfigurableApplicationContext context = start(implementation)) {
			WebTestClient client = client(context);
			client.post()
				.uri("/greet.v1.GreetService/Greet")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue("{\"name\":\"Ada\"}")
				.exchange()
				.expectStatus()
				.isOk()
				.expectHeader()
				.valueEquals("greet-version", "v1")
				.expectBody(String.class)
				.isEqualTo("{\"greeting\":\"Hello, Ada!\"}");
			client.post()
				.uri("/greet.v1.GreetService/Greet")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue("{}")
				.exchange()
				.expectStatus()
				.isBadRequest()
				.expectBody(String.class)
				.isEqualTo("{\"code\":\"invalid_argument\",\"message\":\"name is required\"}");
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "reactive", "blocking" })
	void streamsAnswerAsSpecified(String implementation) {
		try (ConfigurableApplicationContext context = start(implementation)) {
			WebTestClient client = client(context);
			assertThat(stream(client, "GreetEveryone", GreetServiceTestSupport.envelope("{\"name\":\"Ada\"}"),
					GreetServiceTestSupport.envelope("{\"name\":\"Grace\"}")))
				.containsExactly("0 {\"greeting\":\"Hello, Ada!\\nHello, Grace!\\n\"}", "2 {}");
			assertThat(stream(client, "GreetStream", GreetServiceTestSupport.envelope("{\"name\":\"Ada\",\"count\":3}")))
				.containsExactly("0 {\"greeting\":\"Hello, Ada! #1\"}", "0 {\"greeting\":\"Hello, Ada! #2\"}",
						"0 {\"greeting\":\"Hello, Ada! #3\"}", "2 {}");
			assertThat(stream(client, "GreetStream", GreetServiceTestSupport.envelope("{\"name\":\"Ada\",\"count\":-1}")))
				.containsExactly(
						"2 {\"error\":{\"code\":\"invalid_argument\",\"message\":\"count must not be negative\"}}");
			assertThat(stream(client, "Converse", GreetServiceTestSupport.envelope("{\"name\":\"Ada\"}"),
					GreetServiceTestSupport.envelope("{\"name\":\"Linus\"}")))
				.containsExactly("0 {\"greeting\":\"Hello, Ada!\"}", "0 {\"greeting\":\"Hello, Linus!\"}", "2 {}");
		}
	}

	private static List<String> stream(WebTestClient client, String method, byte[]... envelopes) {
		java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
		for (byte[] envelope : envelopes) {
			body.writeBytes(envelope);
		}
		byte[] response = client.post()
			.uri("/greet.v1.GreetService/" + method)
			.header("Content-Type", "application/connect+json")
			.bodyValue(body.toByteArray())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(byte[].class)
			.returnResult()
			.getResponseBody();
		return GreetServiceTestSupport.messages(response);
	}

	/**
	 * The application with only the blocking implementation. Not a {@code @SpringBootConfiguration}, which would make
	 * two in this package for the test slices that look for one ({@code GreetServiceConnectTests}).
	 */
	@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
	@org.springframework.boot.autoconfigure.EnableAutoConfiguration
	@org.springframework.context.annotation.Import(BlockingGreetService.class)
	static class BlockingOnlyApplication {

	}

}
