package io.connectspring.boot.autoconfigure;

import io.connectspring.fixtures.EchoService;
import io.connectspring.server.ConnectService;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectServerAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ConnectServerAutoConfiguration.class));

	@Test
	void connectServiceBeanIsServed() {
		this.runner.withUserConfiguration(EchoConfiguration.class).run((context) -> {
			RouterFunction<ServerResponse> routes = context.getBean("connectRouterFunction", RouterFunction.class);
			WebTestClient.bindToRouterFunction(routes)
				.build()
				.post()
				.uri("/test.v1.EchoService/Echo")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue("\"hello\"")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody(String.class)
				.isEqualTo("\"hello\"");
		});
	}

	@Test
	void whenPathPrefixPropertySetThenRoutesMoveUnderIt() {
		this.runner.withUserConfiguration(EchoConfiguration.class)
			.withPropertyValues("connect.server.path-prefix=/rpc")
			.run((context) -> WebTestClient
				.bindToRouterFunction(context.getBean("connectRouterFunction", RouterFunction.class))
				.build()
				.post()
				.uri("/rpc/test.v1.EchoService/Echo")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue("\"x\"")
				.exchange()
				.expectStatus()
				.isOk());
	}

	@Test
	void twoBeansServingTheSameServiceFailStartupNamingBoth() {
		this.runner.withUserConfiguration(EchoConfiguration.class, SecondEchoConfiguration.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("test.v1.EchoService")
				.hasMessageContaining("'echo'")
				.hasMessageContaining("'secondEcho'");
		});
	}

	@Test
	void connectServiceBeanWithoutAGeneratedInterfaceFailsStartup() {
		this.runner.withUserConfiguration(NotAServiceConfiguration.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("'notAService'")
				.hasMessageContaining("implements no generated Connect service interface");
		});
	}

	@Test
	void whenServerEnabledPropertySetFalseThenAutoConfigurationIsSkipped() {
		this.runner.withUserConfiguration(EchoConfiguration.class)
			.withPropertyValues("connect.server.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("connectRouterFunction"));
	}

	@Test
	void whenNotAReactiveWebApplicationThenAutoConfigurationIsSkipped() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ConnectServerAutoConfiguration.class))
			.withUserConfiguration(EchoConfiguration.class)
			.run((context) -> assertThat(context).doesNotHaveBean("connectRouterFunction"));
	}

	@Test
	void whenUserDefinesTheBlockingSchedulerThenItIsUsed() {
		this.runner.withUserConfiguration(EchoConfiguration.class, CustomSchedulerConfiguration.class)
			.run((context) -> assertThat(context.getBean(ConnectServerAutoConfiguration.BLOCKING_SCHEDULER_BEAN_NAME))
				.isSameAs(CustomSchedulerConfiguration.SCHEDULER));
	}

	@Test
	void whenUnknownCompressionIsConfiguredThenStartupFailsListingTheAvailableOnes() {
		this.runner.withUserConfiguration(EchoConfiguration.class)
			.withPropertyValues("connect.server.compression.algorithms=gzip,br")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining("'br'")
					.hasMessageContaining("[gzip]");
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class EchoConfiguration {

		@Bean
		AnnotatedEcho echo() {
			return new AnnotatedEcho();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SecondEchoConfiguration {

		@Bean
		AnnotatedEcho secondEcho() {
			return new AnnotatedEcho();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class NotAServiceConfiguration {

		@Bean
		NotAService notAService() {
			return new NotAService();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomSchedulerConfiguration {

		static final Scheduler SCHEDULER = Schedulers.newSingle("custom");

		@Bean(ConnectServerAutoConfiguration.BLOCKING_SCHEDULER_BEAN_NAME)
		Scheduler connectBlockingScheduler() {
			return SCHEDULER;
		}

	}

	@ConnectService
	static class AnnotatedEcho extends EchoService {

	}

	@ConnectService
	static class NotAService {

	}

}
