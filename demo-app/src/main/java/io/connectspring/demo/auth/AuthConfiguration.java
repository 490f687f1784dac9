package io.connectspring.demo.auth;

import io.connectspring.CallSide;
import io.connectspring.InterceptorScope;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Requires a bearer token on every served call when {@code demo.auth.token} is set; without it, all calls pass. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("demo.auth.token")
public class AuthConfiguration {

	@Bean
	@InterceptorScope(CallSide.SERVER)
	BearerTokenInterceptor bearerTokenInterceptor(@Value("${demo.auth.token}") String token) {
		return new BearerTokenInterceptor(token);
	}

}
