package io.connectspring.boot.autoconfigure;

import io.connectspring.boot.health.ActuatorHealthUpdater;
import io.connectspring.server.health.HealthService;
import io.connectspring.server.health.HealthStatusManager;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
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
@ConditionalOnBean(value = HealthEndpoint.class, name = "connectRouterFunction")
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
			ConfigurableListableBeanFactory beanFactory) {
		return new ActuatorHealthUpdater(statuses, endpoint, groups.getPrimary().getStatusAggregator(),
				// Read once, at the first update: every singleton exists by then.
				SingletonSupplier.of(() -> ConnectServerAutoConfiguration.serviceBeans(beanFactory)
					.values()
					.stream()
					.map((service) -> service.bindService().descriptor().name())
					.toList()),
				properties.getServices(), properties.getStatusMapping(), properties.getUpdateInterval(),
				Schedulers.boundedElastic());
	}

}
