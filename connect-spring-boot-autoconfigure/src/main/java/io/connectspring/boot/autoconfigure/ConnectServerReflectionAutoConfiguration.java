package io.connectspring.boot.autoconfigure;

import io.connectspring.server.reflection.ReflectionService;
import io.connectspring.server.reflection.ReflectionV1AlphaService;

import io.connectspring.server.ConnectServiceRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Serves gRPC server reflection ({@code grpc.reflection.v1} and {@code v1alpha}) next to the
 * {@code @ConnectService} beans, describing all of them, when {@code connect.server.reflection.enabled=true}. Off
 * by default, because it describes every served service to any caller.
 */
@AutoConfiguration(after = ConnectServerAutoConfiguration.class)
@ConditionalOnBean(ConnectServiceRegistry.class)
@ConditionalOnBooleanProperty("connect.server.reflection.enabled")
@EnableConfigurationProperties(ConnectServerReflectionProperties.class)
public final class ConnectServerReflectionAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ReflectionService connectReflectionService(ObjectProvider<ConnectServiceRegistry> registry) {
		// Looked up per call: the reflection services are in the registry themselves.
		return new ReflectionService(() -> registry.getObject().descriptors());
	}

	@Bean
	@ConditionalOnMissingBean
	ReflectionV1AlphaService connectReflectionV1AlphaService(ReflectionService v1) {
		return new ReflectionV1AlphaService(v1);
	}

}
