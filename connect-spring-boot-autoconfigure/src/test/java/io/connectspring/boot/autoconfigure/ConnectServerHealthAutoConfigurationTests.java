package io.connectspring.boot.autoconfigure;

import io.connectspring.ConnectInterceptor;
import io.connectspring.boot.health.ActuatorHealthUpdater;
import io.connectspring.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.connectspring.server.health.HealthService;
import io.connectspring.server.health.HealthStatusManager;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableReactiveWebApplicationContext;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.RouterFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ConnectServerHealthAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ConnectServerAutoConfiguration.class,
				ConnectServerHealthAutoConfiguration.class, HealthContributorRegistryAutoConfiguration.class,
				HealthEndpointAutoConfiguration.class))
		.withUserConfiguration(ConnectServerAutoConfigurationTests.EchoConfiguration.class, DbHealthConfiguration.class)
		.withPropertyValues("connect.server.health.update-interval=50ms");

	@Test
	void healthServiceIsServedWithActuatorsHealthForTheServerAndEveryServedService() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(HealthService.class).hasSingleBean(ActuatorHealthUpdater.class);
			HealthStatusManager statuses = context.getBean(HealthStatusManager.class);
			await().untilAsserted(() -> assertThat(statuses.getStatuses()).containsOnlyKeys("", "test.v1.EchoService",
					"grpc.health.v1.Health"));
			assertThat(statuses.getStatuses()).allSatisfy((service, status) -> assertThat(status)
				.isEqualTo(ServingStatus.SERVING));
			check(context, "").expectStatus().isOk().expectBody(String.class).isEqualTo("{\"status\":\"SERVING\"}");
			check(context, "test.v1.EchoService").expectStatus()
				.isOk()
				.expectBody(String.class)
				.isEqualTo("{\"status\":\"SERVING\"}");
		});
	}

	@Test
	void healthCallsPassThroughTheInterceptorsOfEveryService() {
		this.runner.withUserConfiguration(RecordingInterceptorConfiguration.class).run((context) -> {
			check(context, "").expectStatus().isOk();
			assertThat(context.getBean(RecordingInterceptorConfiguration.class).procedures)
				.containsExactly("/grpc.health.v1.Health/Check");
		});
	}

	@Test
	void untilTheFirstReadingEndsTheStatusesAreUnknownAndReadingNeverBlocksACall() {
		this.runner.withUserConfiguration(SlowHealthConfiguration.class).run((context) -> {
			HealthStatusManager statuses = context.getBean(HealthStatusManager.class);
			assertThat(statuses.getStatus("")).isEqualTo(ServingStatus.UNKNOWN);
			assertThat(statuses.getStatus("test.v1.EchoService")).isEqualTo(ServingStatus.UNKNOWN);
			// UNKNOWN is the enum's zero value, which proto3 JSON leaves out.
			check(context, "").expectStatus().isOk().expectBody(String.class).isEqualTo("{}");
			context.getBean(SlowHealthConfiguration.class).release.countDown();
			await().until(() -> statuses.getStatus("") == ServingStatus.SERVING);
		});
	}

	@Test
	void checkOfAnUnknownServiceFailsWithNotFound() {
		this.runner.run((context) -> check(context, "nope.v1.Nope").expectStatus()
			.isEqualTo(HttpStatus.NOT_FOUND)
			.expectBody(String.class)
			.value((body) -> assertThat(body).contains("\"code\":\"not_found\"")
				.contains("unknown service nope.v1.Nope")));
	}

	@Test
	void whenActuatorsHealthGoesDownThenTheStatusFollowsAtTheNextUpdate() {
		this.runner.run((context) -> {
			HealthStatusManager statuses = context.getBean(HealthStatusManager.class);
			await().until(() -> statuses.getStatus("") == ServingStatus.SERVING);
			context.getBean(DbHealthConfiguration.class).health.set(Health.down().build());
			await().until(() -> statuses.getStatus("") == ServingStatus.NOT_SERVING);
			assertThat(statuses.getStatus("test.v1.EchoService")).isEqualTo(ServingStatus.NOT_SERVING);
			context.getBean(DbHealthConfiguration.class).health.set(Health.unknown().build());
			await().until(() -> statuses.getStatus("") == ServingStatus.UNKNOWN);
			context.getBean(DbHealthConfiguration.class).health.set(Health.outOfService().build());
			await().until(() -> statuses.getStatus("") == ServingStatus.NOT_SERVING);
			context.getBean(DbHealthConfiguration.class).health.set(Health.up().build());
			await().until(() -> statuses.getStatus("") == ServingStatus.SERVING);
		});
	}

	@Test
	void whenTheApplicationsAvailabilityChangesThenHealthIsReadAtOnce() {
		this.runner.withPropertyValues("connect.server.health.update-interval=1h").run((context) -> {
			HealthStatusManager statuses = context.getBean(HealthStatusManager.class);
			await().until(() -> statuses.getStatus("") == ServingStatus.SERVING);
			context.getBean(DbHealthConfiguration.class).health.set(Health.down().build());
			AvailabilityChangeEvent.publish(context, ReadinessState.REFUSING_TRAFFIC);
			await().until(() -> statuses.getStatus("") == ServingStatus.NOT_SERVING);
		});
	}

	@Test
	void serviceWithHealthPathsReportsTheirAggregateStatusOthersTheOverallOne() {
		this.runner.withUserConfiguration(CacheHealthConfiguration.class)
			.withPropertyValues("connect.server.health.services.[test.v1.EchoService]=db",
					"connect.server.health.services.[billing.v1.Billing]=cache,nope")
			.run((context) -> {
				HealthStatusManager statuses = context.getBean(HealthStatusManager.class);
				await().until(() -> statuses.getStatus("") == ServingStatus.NOT_SERVING);
				assertThat(statuses.getStatus("test.v1.EchoService")).isEqualTo(ServingStatus.SERVING);
				assertThat(statuses.getStatus("grpc.health.v1.Health")).isEqualTo(ServingStatus.NOT_SERVING);
				assertThat(statuses.getStatus("")).isEqualTo(ServingStatus.NOT_SERVING);
				assertThat(statuses.getStatus("billing.v1.Billing")).isEqualTo(ServingStatus.NOT_SERVING);
			});
	}

	@Test
	void statusMappingOverridesTheDefaults() {
		this.runner
			.withPropertyValues("management.endpoint.health.status.order=DOWN,WARMING,OUT_OF_SERVICE,UP,UNKNOWN",
					"connect.server.health.status-mapping.WARMING=NOT_SERVING")
			.run((context) -> {
			context.getBean(DbHealthConfiguration.class).health.set(Health.status("WARMING").build());
			HealthStatusManager statuses = context.getBean(HealthStatusManager.class);
			await().until(() -> statuses.getStatus("") == ServingStatus.NOT_SERVING);
		});
	}

	@Test
	void whenTheContextClosesThenEveryServiceIsNotServing() {
		this.runner.run((context) -> {
			HealthStatusManager statuses = context.getBean(HealthStatusManager.class);
			await().until(() -> statuses.getStatus("") == ServingStatus.SERVING);
			context.close();
			assertThat(statuses.getStatuses()).isNotEmpty()
				.allSatisfy((service, status) -> assertThat(status).isEqualTo(ServingStatus.NOT_SERVING));
		});
	}

	@Test
	void whenHealthEnabledPropertySetFalseThenAutoConfigurationIsSkipped() {
		this.runner.withPropertyValues("connect.server.health.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(HealthService.class)
				.doesNotHaveBean(HealthStatusManager.class));
	}

	@Test
	void whenActuatorHealthIsMissingThenAutoConfigurationIsSkipped() {
		this.runner.withClassLoader(new FilteredClassLoader(HealthEndpoint.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(HealthService.class));
	}

	@Test
	void whenTheConnectServerIsDisabledThenAutoConfigurationIsSkipped() {
		this.runner.withPropertyValues("connect.server.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(HealthService.class));
	}

	@Test
	void whenUserDefinesTheStatusManagerThenItIsUsed() {
		this.runner.withUserConfiguration(UserStatusManagerConfiguration.class)
			.run((context) -> assertThat(context.getBean(HealthStatusManager.class))
				.isSameAs(context.getBean(UserStatusManagerConfiguration.class).statuses));
	}

	@Test
	void whenUpdateIntervalIsNotPositiveThenStartupFailsNamingTheProperty() {
		this.runner.withPropertyValues("connect.server.health.update-interval=0s").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("connect.server.health.update-interval");
		});
	}

	private static WebTestClient.ResponseSpec check(AssertableReactiveWebApplicationContext context,
			String service) {
		return WebTestClient.bindToRouterFunction(context.getBean("connectRouterFunction", RouterFunction.class))
			.build()
			.post()
			.uri("/grpc.health.v1.Health/Check")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"service\":\"" + service + "\"}")
			.exchange();
	}

	@Configuration(proxyBeanMethods = false)
	static class DbHealthConfiguration {

		final AtomicReference<Health> health = new AtomicReference<>(Health.up().build());

		@Bean
		HealthIndicator db() {
			return this.health::get;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class RecordingInterceptorConfiguration {

		final List<String> procedures = new CopyOnWriteArrayList<>();

		@Bean
		ConnectInterceptor recordingInterceptor() {
			return (call, requests, next) -> {
				this.procedures.add(call.method().procedure());
				return next.proceed(requests);
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SlowHealthConfiguration {

		final CountDownLatch release = new CountDownLatch(1);

		@Bean
		HealthIndicator slow() {
			return () -> {
				try {
					this.release.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				return Health.up().build();
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CacheHealthConfiguration {

		@Bean
		HealthIndicator cache() {
			return () -> Health.down().build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserStatusManagerConfiguration {

		final HealthStatusManager statuses = new HealthStatusManager();

		@Bean
		HealthStatusManager userStatuses() {
			return this.statuses;
		}

	}

}
