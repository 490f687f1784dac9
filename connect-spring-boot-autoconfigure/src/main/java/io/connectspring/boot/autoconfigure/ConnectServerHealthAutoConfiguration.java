package io.connectspring.boot.autoconfigure;

import io.connectspring.boot.health.ActuatorHealthUpdater;
import io.connectspring.server.health.HealthService;
import io.connectspring.server.health.HealthStatusManager;

import io.connectspring.server.ConnectServiceRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.context.annotation.Bean;
import org.springframework.util.function.SingletonSupplier;
import reactor.core.scheduler.Schedulers;

/**
 * Serves {@code grpc.health.v1.Health} next to the {@code @ConnectService} beans, reporting Actuator's health;
 * configured by {@code connect.server.health.*}, on unless {@code connect.server.health.enabled=false}. Needs
 * Actuator's health endpoint.
 */
@AutoConfiguration(after = ConnectServerAutoConfiguration.class,
		afterName = "org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration")
@ConditionalOnClass(HealthEndpoint.class)
@ConditionalOnBean({ HealthEndpoint.class, ConnectServiceRegistry.class })
@ConditionalOnBooleanProperty(name = "connect.server.health.enabled", matchIfMissing = true)
@EnableConfigurationProperties(ConnectServerHealthProperties.class)
public final class ConnectServerHealthAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	HealthStatusManager connectHealthStatusManager() {
		return new HealthStatusManager();
	}

	@Bean
	@ConditionalOnMissingBean
	HealthService connectHealthService(HealthStatusManager statuses) {
		return new HealthService(statuses);
	}

	@Bean
	@ConditionalOnMissingBean
	ActuatorHealthUpdater connectActuatorHealthUpdater(HealthStatusManager statuses, HealthEndpoint endpoint,
			HealthEndpointGroups groups, ConnectServerHealthProperties properties,
			ConnectServiceRegistry registry) {
		return new ActuatorHealthUpdater(statuses, endpoint, groups.getPrimary().getStatusAggregator(),
				SingletonSupplier.of(registry::serviceNames),
				properties.getServices(), properties.getStatusMapping(), properties.getUpdateInterval(),
				Schedulers.boundedElastic());
	}

}
