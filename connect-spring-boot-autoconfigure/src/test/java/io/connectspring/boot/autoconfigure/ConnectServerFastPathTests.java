package io.connectspring.boot.autoconfigure;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.connectspring.server.ConnectHttpHandlerFastPath;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableReactiveWebApplicationContext;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.webflux.autoconfigure.HttpHandlerAutoConfiguration;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.test.web.reactive.server.HttpHandlerConnector;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fast path as Spring Boot assembles the application's {@link HttpHandler}: after every {@link WebFilter}, the
 * application's own and Spring Security's, on RPC routes.
 */
class ConnectServerFastPathTests {

	private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebFluxAutoConfiguration.class, HttpHandlerAutoConfiguration.class,
				ConnectServerAutoConfiguration.class))
		.withUserConfiguration(ConnectServerAutoConfigurationTests.EchoConfiguration.class,
				GatekeeperConfiguration.class);

	/** A client of the HttpHandler Spring Boot builds, the one its server runs. */
	private static WebTestClient client(AssertableReactiveWebApplicationContext context) {
		return WebTestClient.bindToServer(new HttpHandlerConnector(context.getBean(HttpHandler.class))).build();
	}

	private static WebTestClient.ResponseSpec echo(WebTestClient client, boolean deny) {
		WebTestClient.RequestBodySpec request = client.post()
			.uri("/test.v1.EchoService/Echo")
			.contentType(MediaType.APPLICATION_JSON);
		if (deny) {
			request.header("X-Deny", "yes");
		}
		return request.bodyValue("\"hello\"").exchange();
	}

	@Test
	void anUnorderedWebFilterStillRunsOnRpcRoutesServedByTheFastPath() {
		this.runner.run((context) -> {
			echo(client(context), false).expectStatus()
				.isOk()
				.expectHeader()
				.valueEquals("X-Gatekeeper", "passed")
				.expectBody(String.class)
				.isEqualTo("\"hello\"");
			assertThat(context.getBean(Gatekeeper.class).servedBy).containsExactly("fast path");
		});
	}

	@Test
	void aWebFilterThatRejectsAnRpcCallKeepsItFromTheService() {
		this.runner.run((context) -> echo(client(context), true).expectStatus()
			.isForbidden()
			.expectBody()
			.isEmpty());
	}

	@Test
	void springSecurityStillGuardsRpcRoutesServedByTheFastPath() {
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(HttpHandlerAutoConfiguration.class,
					ConnectServerAutoConfiguration.class, ConnectServerSecurityAutoConfiguration.class))
			.withUserConfiguration(ConnectServerSecurityAutoConfigurationTests.SecuredApplication.class,
					GatekeeperConfiguration.class)
			.run((context) -> {
				WebTestClient client = client(context);
				client.post()
					.uri("/test.v1.EchoService/Echo")
					.contentType(MediaType.APPLICATION_JSON)
					.bodyValue("\"hi\"")
					.exchange()
					.expectStatus()
					.isUnauthorized();
				client.post()
					.uri("/test.v1.EchoService/Echo")
					.contentType(MediaType.APPLICATION_JSON)
					.header("Authorization", "Bearer s3cret")
					.bodyValue("\"hi\"")
					.exchange()
					.expectStatus()
					.isOk()
					.expectBody(String.class)
					.isEqualTo("\"reactive ada\"");
				assertThat(context.getBean(Gatekeeper.class).servedBy).containsExactly("fast path");
			});
	}

	@Test
	void whenFastPathDisabledThenTheRouterServesRpcRoutesBehindTheSameFilters() {
		this.runner.withPropertyValues("connect.server.fast-path.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean("connectFastPathCustomizer");
			echo(client(context), false).expectStatus().isOk().expectHeader().valueEquals("X-Gatekeeper", "passed");
			assertThat(context.getBean(Gatekeeper.class).servedBy).containsExactly("router");
		});
	}

	@Test
	void whenSpringBootWebFluxIsAbsentThenThereIsNoFastPathAndTheRouterServes() {
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ConnectServerAutoConfiguration.class))
			.withUserConfiguration(ConnectServerAutoConfigurationTests.EchoConfiguration.class)
			.withClassLoader(new FilteredClassLoader("org.springframework.boot.webflux"))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean("connectFastPathCustomizer")
				.hasBean("connectRouterFunction"));
	}

	@Test
	void otherRequestsStillReachTheRestOfTheApplication() {
		this.runner.run((context) -> client(context).get()
			.uri("/not-rpc")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.valueEquals("X-Gatekeeper", "passed"));
	}

	@Test
	void byDefaultNothingServesRpcRoutesAheadOfTheWebFilters() {
		this.runner.run((context) -> assertThat(context).hasBean("connectFastPathCustomizer")
			.doesNotHaveBean(ConnectHttpHandlerFastPath.class));
	}

	@Test
	void inHttpHandlerModeRpcRoutesAreServedWithoutAnyWebFilter() {
		this.runner.withPropertyValues("connect.server.fast-path.mode=http-handler").run((context) -> {
			assertThat(context).hasSingleBean(ConnectHttpHandlerFastPath.class)
				.doesNotHaveBean("connectFastPathCustomizer");
			// The gatekeeper would refuse this call; it never sees it.
			echo(client(context), true).expectStatus()
				.isOk()
				.expectHeader()
				.doesNotExist("X-Gatekeeper")
				.expectBody(String.class)
				.isEqualTo("\"hello\"");
			assertThat(context.getBean(Gatekeeper.class).servedBy).isEmpty();
		});
	}

	@Test
	void inHttpHandlerModeOtherRequestsStillPassTheWebFilters() {
		this.runner.withPropertyValues("connect.server.fast-path.mode=HTTP_HANDLER").run((context) -> {
			assertThat(context).hasSingleBean(ConnectHttpHandlerFastPath.class);
			client(context).get()
				.uri("/not-rpc")
				.exchange()
				.expectStatus()
				.isNotFound()
				.expectHeader()
				.valueEquals("X-Gatekeeper", "passed");
			client(context).get().uri("/not-rpc").header("X-Deny", "yes").exchange().expectStatus().isForbidden();
		});
	}

	@Test
	void anUnknownModeFailsTheStartInsteadOfServingWithoutAFastPath() {
		this.runner.withPropertyValues("connect.server.fast-path.mode=handler")
			.run((context) -> assertThat(context).hasFailed());
	}

	@Test
	void inHttpHandlerModeSpringSecurityDoesNotRunOnRpcRoutes() {
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(HttpHandlerAutoConfiguration.class,
					ConnectServerAutoConfiguration.class, ConnectServerSecurityAutoConfiguration.class))
			.withUserConfiguration(ConnectServerSecurityAutoConfigurationTests.SecuredApplication.class)
			.withPropertyValues("connect.server.fast-path.mode=http-handler")
			.run((context) -> {
				// Without a token Spring Security would answer 401 with no body; here the call reaches the service,
				// which finds no authenticated user and so answers no message: a Connect error, not Security's.
				client(context).post()
					.uri("/test.v1.EchoService/Echo")
					.contentType(MediaType.APPLICATION_JSON)
					.bodyValue("\"hi\"")
					.exchange()
					.expectStatus()
					.value((status) -> assertThat(status).isNotEqualTo(HttpStatus.UNAUTHORIZED.value()))
					.expectHeader()
					.contentType(MediaType.APPLICATION_JSON)
					.expectBody(String.class)
					.value((body) -> assertThat(body).contains("\"code\""));
			});
	}

	/**
	 * Rejects requests that carry {@code X-Deny}, marks the others' responses, and records who served them: the
	 * router leaves its matched handler in the exchange, the fast path does not.
	 */
	static class Gatekeeper implements WebFilter {

		final List<String> servedBy = new CopyOnWriteArrayList<>();

		@Override
		public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
			if (exchange.getRequest().getHeaders().containsHeader("X-Deny")) {
				exchange.getResponse().setStatusCode(HttpStatus.FORBIDDEN);
				return exchange.getResponse().setComplete();
			}
			exchange.getResponse().getHeaders().set("X-Gatekeeper", "passed");
			return chain.filter(exchange).doOnSuccess((done) -> {
				if (exchange.getRequest().getPath().value().startsWith("/test.v1.")) {
					this.servedBy.add((exchange.getAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE) != null)
							? "router" : "fast path");
				}
			});
		}

	}

	/** The application's filter, left unordered (lowest precedence), like most filters applications declare. */
	@Configuration(proxyBeanMethods = false)
	static class GatekeeperConfiguration {

		@Bean
		Gatekeeper gatekeeper() {
			return new Gatekeeper();
		}

	}

}
