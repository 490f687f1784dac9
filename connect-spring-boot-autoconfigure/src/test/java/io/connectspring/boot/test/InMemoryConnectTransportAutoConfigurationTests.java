package io.connectspring.boot.test;

import io.connectspring.Code;
import io.connectspring.ConnectException;
import io.connectspring.boot.autoconfigure.ConnectServerAutoConfiguration;
import io.connectspring.client.CallOptions;
import io.connectspring.fixtures.EchoService;
import io.connectspring.server.ConnectService;

import com.google.protobuf.StringValue;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.webflux.autoconfigure.HttpHandlerAutoConfiguration;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.reactive.HttpHandler;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

class InMemoryConnectTransportAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebFluxAutoConfiguration.class, HttpHandlerAutoConfiguration.class,
				ConnectServerAutoConfiguration.class, InMemoryConnectTransportAutoConfiguration.class))
		.withUserConfiguration(EchoConfiguration.class);

	@Test
	void transportCallsTheApplicationsRoutes() {
		this.runner.run((context) -> StepVerifier
			.create(context.getBean(InMemoryConnectTransport.class)
				.unary(EchoService.ECHO, EchoService.string("hi"), CallOptions.defaults()))
			.expectNext(StringValue.of("hi"))
			.verifyComplete());
	}

	@Test
	void whenPathPrefixAndBasePathAreSetThenTheTransportCallsUnderBoth() {
		this.runner.withPropertyValues("connect.server.path-prefix=/rpc", "spring.webflux.base-path=/api")
			.run((context) -> StepVerifier
				.create(context.getBean(InMemoryConnectTransport.class)
					.unary(EchoService.ECHO, EchoService.string("hi"), CallOptions.defaults()))
				.expectNext(StringValue.of("hi"))
				.verifyComplete());
	}

	@Test
	void withoutAnHttpHandlerBeanTheTransportBuildsOneFromTheContext() {
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(WebFluxAutoConfiguration.class,
					ConnectServerAutoConfiguration.class, InMemoryConnectTransportAutoConfiguration.class))
			.withUserConfiguration(EchoConfiguration.class)
			.run((context) -> {
				assertThat(context).doesNotHaveBean(HttpHandler.class);
				StepVerifier
					.create(context.getBean(InMemoryConnectTransport.class)
						.unary(EchoService.ECHO, EchoService.string("hi"), CallOptions.defaults()))
					.expectNext(StringValue.of("hi"))
					.verifyComplete();
			});
	}

	@Test
	void whenTheProtocolPropertyNamesGrpcThenStartUpFailsSayingWhy() {
		this.runner.withPropertyValues("connect.test.client.protocol=grpc")
			.run((context) -> assertThat(context).getFailure().rootCause().hasMessageContaining("HTTP/2 trailers"));
	}

	@Test
	void userDefinedTransportReplacesTheAutoConfiguredOne() {
		this.runner.withUserConfiguration(OwnTransport.class).run((context) -> {
			assertThat(context).hasSingleBean(InMemoryConnectTransport.class);
			StepVerifier
				.create(context.getBean(InMemoryConnectTransport.class)
					.unary(EchoService.ECHO, EchoService.string("request-headers"), CallOptions.defaults()))
				.assertNext((response) -> assertThat(response.getValue()).contains("x-own"))
				.verifyComplete();
		});
	}

	@Test
	void outsideAReactiveWebApplicationThereIsNoTransport() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(InMemoryConnectTransportAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(InMemoryConnectTransport.class));
	}

	@Test
	void callsOfProceduresNotServedFailWithUnimplemented() {
		this.runner.run((context) -> StepVerifier
			.create(context.getBean(InMemoryConnectTransport.class)
				.unary(io.connectspring.boot.test.sample.UpperService.UPPER, StringValue.of("hi"),
						CallOptions.defaults()))
			.expectErrorSatisfies(
					(error) -> assertThat(((ConnectException) error).code()).isEqualTo(Code.UNIMPLEMENTED))
			.verify());
	}

	@Configuration(proxyBeanMethods = false)
	static class EchoConfiguration {

		@Bean
		EchoServiceBean echoService() {
			return new EchoServiceBean();
		}

	}

	@ConnectService
	static class EchoServiceBean extends EchoService {

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnTransport {

		@Bean
		InMemoryConnectTransport ownTransport(HttpHandler handler) {
			return new InMemoryConnectTransport(handler, "", (builder) -> builder.header("x-own", "1"));
		}

	}

}
