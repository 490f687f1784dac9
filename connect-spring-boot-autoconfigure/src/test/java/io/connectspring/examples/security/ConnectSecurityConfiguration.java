package io.connectspring.examples.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.util.matcher.PathPatternParserServerWebExchangeMatcher;

/**
 * The filter chain docs/security.md recommends for Connect routes of an OAuth 2 resource server: bearer tokens, CSRF
 * off. Compiled here, where Spring Security is on the test class path; {@code SecuredApplication} in
 * {@code ConnectServerSecurityAutoConfigurationTests} runs a chain of the same shape.
 */
@Configuration(proxyBeanMethods = false)
public class ConnectSecurityConfiguration {

	// tag::chain[]
	@Bean
	SecurityWebFilterChain connectSecurity(ServerHttpSecurity http) {
		return http
			.securityMatcher(new PathPatternParserServerWebExchangeMatcher("/greet.v1.GreetService/**"))
			.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.authorizeExchange((exchanges) -> exchanges.anyExchange().authenticated())
			.oauth2ResourceServer((oauth2) -> oauth2.jwt(Customizer.withDefaults()))
			.build();
	}
	// end::chain[]

}
