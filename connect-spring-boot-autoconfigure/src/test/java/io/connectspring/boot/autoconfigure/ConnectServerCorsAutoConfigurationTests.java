package io.connectspring.boot.autoconfigure;

import io.connectspring.server.ConnectCorsWebFilter;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableReactiveWebApplicationContext;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.config.CorsRegistry;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** CORS over the application's whole HTTP handler (filters included), as a browser meets it. */
class ConnectServerCorsAutoConfigurationTests {

	private static final String ORIGIN = "https://app.example.com";

	private static final String ECHO = "/test.v1.EchoService/Echo";

	private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ConnectServerAutoConfiguration.class,
				ConnectServerCorsAutoConfiguration.class, WebFluxAutoConfiguration.class))
		.withUserConfiguration(ConnectServerAutoConfigurationTests.EchoConfiguration.class,
				OtherRoutesConfiguration.class);

	@Test
	void corsIsOffWithoutAllowedOrigins() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(ConnectCorsWebFilter.class);
			preflight(context, ECHO, ORIGIN).expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
		});
	}

	@Test
	void preflightFromAnAllowedOriginGetsTheConnectAndGrpcWebHeaders() {
		this.runner.withPropertyValues("connect.server.cors.allowed-origins=" + ORIGIN).run((context) -> {
			WebTestClient.ResponseSpec response = preflight(context, ECHO, ORIGIN);
			response.expectStatus().isOk();
			response.expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, ORIGIN);
			response.expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, "POST,GET");
			response.expectHeader()
				.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS,
						"content-type, connect-protocol-version, connect-timeout-ms, x-grpc-web, grpc-timeout");
			response.expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_MAX_AGE, "7200");
			response.expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS);
		});
	}

	@Test
	void preflightFromAnotherOriginIsForbidden() {
		this.runner.withPropertyValues("connect.server.cors.allowed-origins=" + ORIGIN).run((context) -> {
			WebTestClient.ResponseSpec response = preflight(context, ECHO, "https://evil.example.net");
			response.expectStatus().isForbidden();
			response.expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
		});
	}

	@Test
	void preflightAskingForAnUnlistedHeaderIsForbiddenUntilTheHeaderIsAllowed() {
		this.runner.withPropertyValues("connect.server.cors.allowed-origins=" + ORIGIN)
			.run((context) -> preflight(context, ECHO, ORIGIN, "authorization").expectStatus().isForbidden());
		this.runner
			.withPropertyValues("connect.server.cors.allowed-origins=" + ORIGIN,
					"connect.server.cors.allowed-headers=Authorization")
			.run((context) -> preflight(context, ECHO, ORIGIN, "authorization").expectStatus().isOk());
	}

	@Test
	void actualResponseAllowsTheOriginAndExposesTheProtocolHeaders() {
		this.runner
			.withPropertyValues("connect.server.cors.allowed-origins=" + ORIGIN,
					"connect.server.cors.exposed-headers=Trailer-Request-Id")
			.run((context) -> {
				WebTestClient.ResponseSpec response = client(context).post()
					.uri(ECHO)
					.header(HttpHeaders.ORIGIN, ORIGIN)
					.contentType(MediaType.APPLICATION_JSON)
					.bodyValue("\"hi\"")
					.exchange();
				response.expectStatus().isOk();
				response.expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, ORIGIN);
				response.expectHeader()
					.valueEquals(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS,
							"Content-Encoding, Connect-Content-Encoding, Grpc-Status, Grpc-Message, "
									+ "Grpc-Status-Details-Bin, Trailer-Request-Id");
				response.expectBody(String.class).isEqualTo("\"hi\"");
			});
	}

	@Test
	void actualRequestFromAnotherOriginIsForbidden() {
		this.runner.withPropertyValues("connect.server.cors.allowed-origins=" + ORIGIN)
			.run((context) -> client(context).post()
				.uri(ECHO)
				.header(HttpHeaders.ORIGIN, "https://evil.example.net")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue("\"hi\"")
				.exchange()
				.expectStatus()
				.isForbidden());
	}

	@Test
	void originPatternsAndCredentialsAreHonoured() {
		this.runner
			.withPropertyValues("connect.server.cors.allowed-origin-patterns=https://*.example.com",
					"connect.server.cors.allow-credentials=true", "connect.server.cors.max-age=60")
			.run((context) -> {
				WebTestClient.ResponseSpec response = preflight(context, ECHO, "https://shop.example.com");
				response.expectStatus().isOk();
				response.expectHeader()
					.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "https://shop.example.com");
				response.expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true");
				response.expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_MAX_AGE, "60");
			});
	}

	@Test
	void credentialsWithTheWildcardOriginFailStartup() {
		this.runner
			.withPropertyValues("connect.server.cors.allowed-origins=*", "connect.server.cors.allow-credentials=true")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("allowCredentials");
			});
	}

	@Test
	void otherRoutesOfTheApplicationKeepTheirOwnCorsConfiguration() {
		this.runner.withPropertyValues("connect.server.cors.allowed-origins=" + ORIGIN).run((context) -> {
			preflight(context, "/api/hello", OtherRoutesConfiguration.OTHER_ORIGIN).expectStatus()
				.isOk()
				.expectHeader()
				.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, OtherRoutesConfiguration.OTHER_ORIGIN);
			preflight(context, "/api/hello", ORIGIN).expectStatus().isForbidden();
			client(context).get()
				.uri("/api/hello")
				.header(HttpHeaders.ORIGIN, OtherRoutesConfiguration.OTHER_ORIGIN)
				.exchange()
				.expectStatus()
				.isOk()
				.expectHeader()
				.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, OtherRoutesConfiguration.OTHER_ORIGIN)
				.expectHeader()
				.doesNotExist(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS);
		});
	}

	@Test
	void corsFollowsThePathPrefix() {
		this.runner
			.withPropertyValues("connect.server.cors.allowed-origins=" + ORIGIN, "connect.server.path-prefix=/rpc")
			.run((context) -> {
				preflight(context, "/rpc" + ECHO, ORIGIN).expectStatus().isOk();
				preflight(context, ECHO, ORIGIN).expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
			});
	}

	private static WebTestClient.ResponseSpec preflight(AssertableReactiveWebApplicationContext context, String path,
			String origin) {
		return preflight(context, path, origin,
				"content-type,connect-protocol-version,connect-timeout-ms,x-grpc-web,grpc-timeout");
	}

	private static WebTestClient.ResponseSpec preflight(AssertableReactiveWebApplicationContext context, String path,
			String origin, String requestHeaders) {
		return client(context).method(HttpMethod.OPTIONS)
			.uri(path)
			.header(HttpHeaders.ORIGIN, origin)
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, requestHeaders)
			.exchange();
	}

	private static WebTestClient client(AssertableReactiveWebApplicationContext context) {
		// A host is needed: CORS compares the Origin with the request's own origin.
		return WebTestClient.bindToApplicationContext(context)
			.configureClient()
			.baseUrl("http://localhost:8080")
			.build();
	}

	@Configuration(proxyBeanMethods = false)
	static class OtherRoutesConfiguration implements WebFluxConfigurer {

		static final String OTHER_ORIGIN = "https://other.example.org";

		@Override
		public void addCorsMappings(CorsRegistry registry) {
			registry.addMapping("/api/**").allowedOrigins(OTHER_ORIGIN).allowedHeaders("*");
		}

		@Bean
		RouterFunction<ServerResponse> otherRoutes() {
			return RouterFunctions.route()
				.route(RequestPredicates.path("/api/hello"), (request) -> ServerResponse.ok().bodyValue("hello"))
				.build();
		}

	}

}
