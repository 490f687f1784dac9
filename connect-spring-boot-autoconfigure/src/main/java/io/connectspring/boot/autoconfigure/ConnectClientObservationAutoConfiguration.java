package io.connectspring.boot.autoconfigure;

import io.connectspring.client.observation.ClientObservationInterceptor;
import io.connectspring.client.observation.ConnectClientObservationConvention;

import com.google.protobuf.Message;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Observes client calls with Micrometer when an {@link ObservationRegistry} is present: the interceptor is a bean
 * scoped to clients, so every client the application configures applies it.
 */
@AutoConfiguration(
		afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass({ ObservationRegistry.class, Message.class })
@ConditionalOnBean(ObservationRegistry.class)
public final class ConnectClientObservationAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ClientObservationInterceptor connectClientObservationInterceptor(ObservationRegistry registry,
			ObjectProvider<ConnectClientObservationConvention> convention) {
		return new ClientObservationInterceptor(registry, convention.getIfAvailable());
	}

}
