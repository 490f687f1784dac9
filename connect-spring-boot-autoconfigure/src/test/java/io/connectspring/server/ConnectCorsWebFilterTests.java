package io.connectspring.server;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectCorsWebFilterTests {

	private static final String ORIGIN = "https://app.example.com";

	private static final WebFilterChain NEVER = (exchange) -> Mono.error(new AssertionError("reached the chain"));

	private final ConnectCorsWebFilter filter = new ConnectCorsWebFilter(configuration(), "rpc/",
			List.of("test.v1.EchoService"));

	@Test
	void preflightOfAProcedureIsAnsweredWithoutReachingTheApplication() {
		MockServerWebExchange exchange = preflight("/rpc/test.v1.EchoService/Echo");
		this.filter.filter(exchange, NEVER).block();
		HttpHeaders headers = exchange.getResponse().getHeaders();
		assertThat(exchange.getResponse().getStatusCode()).isNotEqualTo(HttpStatus.FORBIDDEN);
		assertThat(headers.getAccessControlAllowOrigin()).isEqualTo(ORIGIN);
		assertThat(headers.getAccessControlAllowHeaders()).containsExactly("content-type", "x-grpc-web");
	}

	@Test
	void pathsOutsideTheServedServicesAreLeftToTheApplication() {
		for (String path : List.of("/rpc/other.v1.Other/Echo", "/test.v1.EchoService/Echo",
				"/rpc/test.v1.EchoService")) {
			MockServerWebExchange exchange = preflight(path);
			boolean[] reached = new boolean[1];
			this.filter.filter(exchange, (e) -> {
				reached[0] = true;
				return Mono.empty();
			}).block();
			assertThat(reached[0]).as(path).isTrue();
			assertThat(exchange.getResponse().getHeaders().getAccessControlAllowOrigin()).as(path).isNull();
		}
	}

	@Test
	void protocolHeaderListsAreThoseOfConnectEsAndCorsGoFollowedByTheApplicationsOwn() {
		CorsConfiguration configuration = ConnectCorsWebFilter.withProtocolHeaders(List.of("Authorization"),
				List.of("Trailer-Request-Id"));
		assertThat(configuration.getAllowedMethods()).containsExactly("POST", "GET");
		assertThat(configuration.getAllowedHeaders()).containsExactly("Content-Type", "Connect-Protocol-Version",
				"Connect-Timeout-Ms", "Connect-Accept-Encoding", "Connect-Content-Encoding", "Accept-Encoding",
				"Content-Encoding", "Grpc-Timeout", "X-Grpc-Web", "X-User-Agent", "Authorization");
		assertThat(configuration.getExposedHeaders()).containsExactly("Content-Encoding", "Connect-Content-Encoding",
				"Grpc-Status", "Grpc-Message", "Grpc-Status-Details-Bin", "Trailer-Request-Id");
	}

	@Test
	void filterRunsBeforeSpringSecurity() {
		assertThat(this.filter.getOrder()).isLessThan(-100);
	}

	private static CorsConfiguration configuration() {
		CorsConfiguration configuration = ConnectCorsWebFilter.withProtocolHeaders(List.of(), List.of());
		configuration.setAllowedOrigins(List.of(ORIGIN));
		return configuration;
	}

	private static MockServerWebExchange preflight(String path) {
		// A host is needed: CORS compares the Origin with the request's own origin.
		return MockServerWebExchange.from(MockServerHttpRequest.options("http://localhost:8080" + path)
			.header(HttpHeaders.ORIGIN, ORIGIN)
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "content-type,x-grpc-web"));
	}

}
