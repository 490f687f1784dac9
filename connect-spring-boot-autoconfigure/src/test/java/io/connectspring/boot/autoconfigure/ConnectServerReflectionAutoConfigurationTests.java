package io.connectspring.boot.autoconfigure;

import io.connectspring.fixtures.Envelopes;
import io.connectspring.server.reflection.ReflectionService;
import io.connectspring.server.reflection.ReflectionV1AlphaService;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.RouterFunction;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectServerReflectionAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ConnectServerAutoConfiguration.class,
				ConnectServerReflectionAutoConfiguration.class, ConnectServerHealthAutoConfiguration.class,
				HealthContributorRegistryAutoConfiguration.class, HealthEndpointAutoConfiguration.class))
		.withUserConfiguration(ConnectServerAutoConfigurationTests.EchoConfiguration.class);

	@Test
	void reflectionIsOffByDefault() {
		this.runner.run((context) -> assertThat(context).hasNotFailed()
			.doesNotHaveBean(ReflectionService.class)
			.doesNotHaveBean(ReflectionV1AlphaService.class));
	}

	@Test
	void whenReflectionEnabledThenBothVersionsAreServedAndListEveryServiceIncludingThemselves() {
		this.runner.withPropertyValues("connect.server.reflection.enabled=true").run((context) -> {
			assertThat(context).hasSingleBean(ReflectionService.class).hasSingleBean(ReflectionV1AlphaService.class);
			for (String version : List.of("v1", "v1alpha")) {
				// A Connect bidi stream over JSON: one enveloped request, then the end of the request body.
				byte[] request = Envelopes.json("{\"listServices\":\"\"}");
				String body = WebTestClient
					.bindToRouterFunction(context.getBean("connectRouterFunction", RouterFunction.class))
					.build()
					.post()
					.uri("/grpc.reflection." + version + ".ServerReflection/ServerReflectionInfo")
					.contentType(MediaType.parseMediaType("application/connect+json"))
					.bodyValue(request)
					.exchange()
					.expectStatus()
					.isOk()
					.expectBody(String.class)
					.returnResult()
					.getResponseBody();
				assertThat(body).as(version)
					.contains("{\"name\":\"grpc.health.v1.Health\"}",
							"{\"name\":\"grpc.reflection.v1.ServerReflection\"}",
							"{\"name\":\"grpc.reflection.v1alpha.ServerReflection\"}",
							"{\"name\":\"test.v1.EchoService\"}");
			}
		});
	}

	@Test
	void whenTheConnectServerIsDisabledThenReflectionIsSkipped() {
		this.runner.withPropertyValues("connect.server.reflection.enabled=true", "connect.server.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ReflectionService.class));
	}

}
