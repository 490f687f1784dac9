package io.connectspring.boot.autoconfigure;

import io.connectspring.fixtures.EchoService;
import io.connectspring.fixtures.Envelopes;
import io.connectspring.fixtures.Envelopes.Frame;
import io.connectspring.server.BindableService;
import io.connectspring.server.ConnectService;
import io.connectspring.server.SecurityContextInterceptor;
import io.connectspring.server.ServiceBinding;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.config.EnableWebFlux;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/** Spring Security's WebFlux filter chain in front of Connect routes, and its context inside services. */
class ConnectServerSecurityAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ConnectServerAutoConfiguration.class,
				ConnectServerSecurityAutoConfiguration.class))
		.withUserConfiguration(SecuredApplication.class);

	private static WebTestClient.RequestBodySpec post(WebTestClient client, String procedure, String contentType,
			String token) {
		WebTestClient.RequestBodySpec request = client.post()
			.uri("/test.v1.EchoService/" + procedure)
			.header(HttpHeaders.CONTENT_TYPE, contentType);
		return (token != null) ? request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token) : request;
	}

	@Test
	void callWithoutTokenIsRejectedByTheFilterChain() {
		this.runner.run((context) -> post(WebTestClient.bindToApplicationContext(context).build(), "Echo",
				"application/json", null)
			.bodyValue("\"hi\"")
			.exchange()
			.expectStatus()
			.isUnauthorized());
	}

	@Test
	void reactiveServiceSeesTheAuthenticatedUser() {
		this.runner.run((context) -> post(WebTestClient.bindToApplicationContext(context).build(), "Echo",
				"application/json", "s3cret")
			.bodyValue("\"hi\"")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.isEqualTo("\"reactive ada\""));
	}

	@Test
	void blockingServiceSeesTheAuthenticatedUserInSecurityContextHolder() {
		this.runner.run((context) -> post(WebTestClient.bindToApplicationContext(context).build(), "PostOnly",
				"application/json", "s3cret")
			.bodyValue("\"hi\"")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.isEqualTo("\"blocking ada\""));
	}

	@Test
	void blockingStreamSeesTheUserWhileItIsPulled() {
		this.runner.run((context) -> {
			byte[] body = post(WebTestClient.bindToApplicationContext(context).build(), "Count",
					"application/connect+json", "s3cret")
				.bodyValue(Envelopes.json("3"))
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody(byte[].class)
				.returnResult()
				.getResponseBody();
			assertThat(Envelopes.parse(body)).extracting(Frame::text)
				.containsExactly("\"ada\"", "\"ada\"", "\"ada\"", "{}");
		});
	}

	@Test
	void withoutSpringSecurityThereIsNoSecurityInterceptor() {
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ConnectServerAutoConfiguration.class,
					ConnectServerSecurityAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader(ReactiveSecurityContextHolder.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(SecurityContextInterceptor.class));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableWebFlux
	@EnableWebFluxSecurity
	static class SecuredApplication {

		@Bean
		WhoAmI whoAmI() {
			return new WhoAmI();
		}

		/** Bearer tokens as the docs recommend: CSRF off, Connect routes authenticated. */
		@Bean
		SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http) {
			ReactiveAuthenticationManager tokens = (authentication) -> "s3cret".equals(authentication.getCredentials())
					? Mono.just(new UsernamePasswordAuthenticationToken("ada", null,
							AuthorityUtils.createAuthorityList("ROLE_USER")))
					: Mono.error(new BadCredentialsException("wrong token"));
			AuthenticationWebFilter bearer = new AuthenticationWebFilter(tokens);
			bearer.setServerAuthenticationConverter((exchange) -> Mono
				.justOrEmpty(exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION))
				.filter((header) -> header.startsWith("Bearer "))
				.map((header) -> new UsernamePasswordAuthenticationToken("bearer", header.substring(7))));
			return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
				.authorizeExchange((exchanges) -> exchanges.anyExchange().authenticated())
				.addFilterAt(bearer, SecurityWebFiltersOrder.AUTHENTICATION)
				.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
				.build();
		}

	}

	/** Answers with the name of the authenticated user, read the reactive and the blocking way. */
	@ConnectService
	static class WhoAmI implements BindableService {

		@Override
		public ServiceBinding bindService() {
			return ServiceBinding.builder(EchoService.DESCRIPTOR)
				.unary(EchoService.ECHO,
						(request, context) -> ReactiveSecurityContextHolder.getContext()
							.map((security) -> EchoService
								.string("reactive " + security.getAuthentication().getName())))
				.blockingUnary(EchoService.POST_ONLY, (request, context) -> EchoService
					.string("blocking " + SecurityContextHolder.getContext().getAuthentication().getName()))
				.clientStreaming(EchoService.SUM, (requests, context) -> Mono.just(EchoService.int32(0)))
				.blockingServerStreaming(EchoService.COUNT, (request, context) -> Stream
					.generate(() -> EchoService
						.string(SecurityContextHolder.getContext().getAuthentication().getName()))
					.limit(request.getValue()))
				.bidiStreaming(EchoService.CHAT, (requests, context) -> requests)
				.build();
		}

	}

}
