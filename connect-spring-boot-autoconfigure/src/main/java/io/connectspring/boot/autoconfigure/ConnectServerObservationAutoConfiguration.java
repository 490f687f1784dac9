package io.connectspring.boot.autoconfigure;

import io.connectspring.server.observation.ConnectServerObservationConvention;
import io.connectspring.server.observation.ServerObservationInterceptor;

import com.google.protobuf.Message;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

/**
 * Observes served calls with Micrometer when an {@link ObservationRegistry} is present (Spring Boot Actuator sets one
 * up); {@code connect.server.observations.enabled=false} turns it off.
 */
@AutoConfiguration(
		afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass({ ObservationRegistry.class, Message.class })
@ConditionalOnBean(ObservationRegistry.class)
@ConditionalOnProperty(prefix = "connect.server.observations", name = "enabled", matchIfMissing = true)
public final class ConnectServerObservationAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ServerObservationInterceptor connectServerObservationInterceptor(ObservationRegistry registry,
			ObjectProvider<ConnectServerObservationConvention> convention) {
		return new ServerObservationInterceptor(registry, convention.getIfAvailable());
	}

}
