package io.connectspring.boot.autoconfigure;

import io.connectspring.server.reflection.ReflectionService;
import io.connectspring.server.reflection.ReflectionV1AlphaService;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
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
@ConditionalOnBean(name = "connectRouterFunction")
@ConditionalOnBooleanProperty("connect.server.reflection.enabled")
@EnableConfigurationProperties(ConnectServerReflectionProperties.class)
public final class ConnectServerReflectionAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ReflectionService connectReflectionService(ConfigurableListableBeanFactory beanFactory) {
		return new ReflectionService(() -> ConnectServerAutoConfiguration.serviceBeans(beanFactory)
			.values()
			.stream()
			.map((service) -> service.bindService().descriptor())
			.toList());
	}

	@Bean
	@ConditionalOnMissingBean
	ReflectionV1AlphaService connectReflectionV1AlphaService(ReflectionService v1) {
		return new ReflectionV1AlphaService(v1);
	}

}
