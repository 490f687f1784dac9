package io.connectspring.boot.autoconfigure;

import io.connectspring.boot.autoconfigure.ConnectServerAutoConfigurationTests.EchoConfiguration;
import io.connectspring.fixtures.EchoService;
import io.connectspring.fixtures.Envelopes;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.test.context.assertj.AssertableReactiveWebApplicationContext;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.reactive.ReactiveWebServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.RouterFunction;

import static org.assertj.core.api.Assertions.assertThat;

/** How {@code connect.server.grpc.*}, {@code connect.server.grpc-web.*} and the web server decide the protocols. */
class GrpcServerSupportTests {

	private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ConnectServerAutoConfiguration.class))
		.withUserConfiguration(EchoConfiguration.class);

	/** Returns the HTTP status of a call with the content type; 415 means the protocol is not served. */
	private static int status(AssertableReactiveWebApplicationContext context, String contentType) {
		return WebTestClient.bindToRouterFunction(context.getBean("connectRouterFunction", RouterFunction.class))
			.build()
			.post()
			.uri("/test.v1.EchoService/Echo")
			.header("Content-Type", contentType)
			.bodyValue(Envelopes.frame(0, EchoService.string("x").toByteArray()))
			.exchange()
			.returnResult(byte[].class)
			.getStatus()
			.value();
	}

	@Test
	void grpcAndGrpcWebAreServedByDefault() {
		this.runner.run((context) -> {
			assertThat(status(context, "application/grpc-web")).isEqualTo(200);
			assertThat(status(context, "application/grpc")).isEqualTo(200);
		});
	}

	@Test
	void whenGrpcEnabledPropertySetFalseThenGrpcIsUnsupportedMediaType() {
		this.runner.withPropertyValues("connect.server.grpc.enabled=false").run((context) -> {
			assertThat(status(context, "application/grpc")).isEqualTo(415);
			assertThat(status(context, "application/grpc-web")).isEqualTo(200);
		});
	}

	@Test
	void whenGrpcWebEnabledPropertySetFalseThenGrpcWebIsUnsupportedMediaType() {
		this.runner.withPropertyValues("connect.server.grpc-web.enabled=false").run((context) -> {
			assertThat(status(context, "application/grpc-web")).isEqualTo(415);
			assertThat(status(context, "application/grpc")).isEqualTo(200);
		});
	}

	@Test
	void whenTheServerIsReactorNettyThenGrpcIsServed() {
		this.runner.withBean(NettyReactiveWebServerFactory.class, () -> new NettyReactiveWebServerFactory(0))
			.run((context) -> assertThat(status(context, "application/grpc"))
				.isEqualTo(200));
	}

	@Test
	void whenTheServerIsNotReactorNettyThenGrpcIsLeftOutAndGrpcWebStays() {
		this.runner.withUserConfiguration(OtherServerConfiguration.class).run((context) -> {
			assertThat(status(context, "application/grpc")).isEqualTo(415);
			assertThat(status(context, "application/grpc-web")).isEqualTo(200);
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class OtherServerConfiguration {

		@Bean
		OtherServerFactory otherServerFactory() {
			return new OtherServerFactory();
		}

	}

	/** Stands for a server other than Reactor Netty, such as Tomcat or Jetty. */
	static class OtherServerFactory implements ReactiveWebServerFactory {

		@Override
		public WebServer getWebServer(HttpHandler httpHandler) {
			throw new UnsupportedOperationException("never started in these tests");
		}

	}

}
