package io.connectspring.boot.autoconfigure;

import io.connectspring.fixtures.EchoService;
import io.connectspring.server.ConnectService;
import io.connectspring.server.observation.ConnectServerObservationContext;
import io.connectspring.server.observation.DefaultConnectServerObservationConvention;
import io.connectspring.server.observation.ServerObservationInterceptor;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.RouterFunction;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectServerObservationAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class, MetricsAutoConfiguration.class,
				SimpleMetricsExportAutoConfiguration.class, ConnectServerAutoConfiguration.class,
				ConnectServerObservationAutoConfiguration.class))
		.withUserConfiguration(EchoConfiguration.class);

	@Test
	void whenObservationRegistryPresentThenCallsAreTimed() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(ServerObservationInterceptor.class);
			WebTestClient.bindToRouterFunction(context.getBean("connectRouterFunction", RouterFunction.class))
				.build()
				.post()
				.uri("/test.v1.EchoService/Echo")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue("\"hi\"")
				.exchange()
				.expectStatus()
				.isOk();
			assertThat(context.getBean(MeterRegistry.class)
				.get("rpc.server.requests")
				.tag("rpc.method", "Echo")
				.tag("rpc.connect_rpc.error_code", "ok")
				.timer()
				.count()).isOne();
		});
	}

	@Test
	void whenObservationsDisabledThenNoInterceptor() {
		this.runner.withPropertyValues("connect.server.observations.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ServerObservationInterceptor.class));
	}

	@Test
	void whenNoObservationRegistryThenNoInterceptor() {
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ConnectServerAutoConfiguration.class,
					ConnectServerObservationAutoConfiguration.class))
			.withUserConfiguration(EchoConfiguration.class)
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(ServerObservationInterceptor.class));
	}

	@Test
	void whenMicrometerObservationIsMissingThenNoInterceptor() {
		this.runner.withClassLoader(new FilteredClassLoader(ObservationRegistry.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(ServerObservationInterceptor.class));
	}

	@Test
	void userConventionReplacesTheDefault() {
		this.runner.withBean(RenamingConvention.class).run((context) -> {
			WebTestClient.bindToRouterFunction(context.getBean("connectRouterFunction", RouterFunction.class))
				.build()
				.post()
				.uri("/test.v1.EchoService/Echo")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue("\"hi\"")
				.exchange()
				.expectStatus()
				.isOk();
			assertThat(context.getBean(MeterRegistry.class).get("my.rpc").timer().count()).isOne();
		});
	}

	static class RenamingConvention extends DefaultConnectServerObservationConvention {

		@Override
		public String getName() {
			return "my.rpc";
		}

		@Override
		public String getContextualName(ConnectServerObservationContext context) {
			return "renamed";
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class EchoConfiguration {

		@Bean
		Echo echo() {
			return new Echo();
		}

	}

	@ConnectService
	static class Echo extends EchoService {

	}

}
