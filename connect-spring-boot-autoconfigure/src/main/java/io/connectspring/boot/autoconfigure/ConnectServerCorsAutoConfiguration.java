package io.connectspring.boot.autoconfigure;

import io.connectspring.server.ConnectCorsWebFilter;
import io.connectspring.server.ConnectServiceRegistry;

import java.util.List;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.web.cors.CorsConfiguration;

/**
 * CORS for the Connect procedures, configured by {@code connect.server.cors.*}, when an allowed origin (or origin
 * pattern) is set; the rest of the application's CORS configuration is untouched.
 */
@AutoConfiguration(after = ConnectServerAutoConfiguration.class)
@ConditionalOnBean(ConnectServiceRegistry.class)
@Conditional(ConnectServerCorsAutoConfiguration.OnAllowedOriginsCondition.class)
@EnableConfigurationProperties({ ConnectProperties.class, ConnectServerCorsProperties.class })
public final class ConnectServerCorsAutoConfiguration {

	/** The name of the CORS filter bean of the Connect procedures. */
	public static final String CORS_WEB_FILTER_BEAN_NAME = "connectCorsWebFilter";

	@Bean(name = CORS_WEB_FILTER_BEAN_NAME)
	@ConditionalOnMissingBean
	ConnectCorsWebFilter connectCorsWebFilter(ConnectServerCorsProperties cors, ConnectProperties properties,
			ConnectServiceRegistry registry) {
		CorsConfiguration configuration = ConnectCorsWebFilter.withProtocolHeaders(cors.getAllowedHeaders(),
				cors.getExposedHeaders());
		configuration.setAllowedOrigins(cors.getAllowedOrigins());
		configuration.setAllowedOriginPatterns(cors.getAllowedOriginPatterns());
		configuration.setAllowedMethods(cors.getAllowedMethods());
		configuration.setAllowCredentials(cors.getAllowCredentials());
		configuration.setMaxAge(cors.getMaxAge());
		// Fails at start-up, not at the first request, for credentials with the "*" origin.
		configuration.validateAllowCredentials();
		return new ConnectCorsWebFilter(configuration, properties.getServer().getPathPrefix(),
				registry.serviceNames());
	}

	/** Matches when {@code connect.server.cors.allowed-origins} or {@code allowed-origin-patterns} has an entry. */
	static class OnAllowedOriginsCondition extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			Binder binder = Binder.get(context.getEnvironment());
			ConditionMessage.Builder message = ConditionMessage.forCondition("Connect CORS allowed origins");
			for (String name : List.of("connect.server.cors.allowed-origins",
					"connect.server.cors.allowed-origin-patterns")) {
				if (!binder.bind(name, Bindable.listOf(String.class)).orElse(List.of()).isEmpty()) {
					return ConditionOutcome.match(message.found("property").items(name));
				}
			}
			return ConditionOutcome.noMatch(message.didNotFind("property").items(
					"connect.server.cors.allowed-origins", "connect.server.cors.allowed-origin-patterns"));
		}

	}

}
