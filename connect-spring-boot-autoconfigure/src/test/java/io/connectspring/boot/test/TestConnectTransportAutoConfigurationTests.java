package io.connectspring.boot.test;

import io.connectspring.boot.autoconfigure.ConnectClientAutoConfiguration;
import io.connectspring.boot.client.ImportConnectClients;
import io.connectspring.client.ConnectTransport;
import io.connectspring.fixtures.EchoClient;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.context.support.TestPropertySourceUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class TestConnectTransportAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ConnectClientAutoConfiguration.class,
				TestConnectTransportAutoConfiguration.class))
		.withPropertyValues("connect.client.greet.base-url=https://elsewhere.example",
				"connect.client.json.codec=json");

	@Test
	void everyConfiguredClientIsPointedAtTheLocalServer() {
		this.runner.withPropertyValues("connect.server.path-prefix=/rpc", "local.server.port=4321").run((context) -> {
			assertThat(context.getEnvironment().getProperty("connect.client.greet.base-url"))
				.isEqualTo("http://localhost:4321/rpc");
			assertThat(context.getEnvironment().getProperty("connect.client.json.base-url"))
				.isEqualTo("http://localhost:4321/rpc");
		});
	}

	@Test
	void transportsAreCreatedOnTheFirstCall() {
		this.runner.withUserConfiguration(GreetClient.class).run((context) -> {
			assertThat(context).hasNotFailed();
			ConnectTransport transport = context.getBean("greetConnectTransport", ConnectTransport.class);
			assertThat(transport).isInstanceOf(DeferredConnectTransport.class);
			assertThat(context.getBean(EchoClient.class).transport()).isSameAs(transport);
		});
	}

	@Test
	void whenNoServerPortIsKnownThenTheFirstCallFailsSayingWhy() {
		this.runner.withUserConfiguration(GreetClient.class)
			.run((context) -> assertThatIllegalStateException()
				.isThrownBy(() -> context.getBean(EchoClient.class).echo("hi").block())
				.withMessageContaining("RANDOM_PORT"));
	}

	@Test
	void oncePortIsKnownTheTransportIsBuiltFromTheClientsProperties() {
		this.runner.withUserConfiguration(GreetClient.class).run((context) -> {
			TestPropertySourceUtils.addInlinedPropertiesToEnvironment(context, "local.server.port=4321");
			DeferredConnectTransport transport = context.getBean("greetConnectTransport",
					DeferredConnectTransport.class);
			// Subscribing creates the transport; the call itself fails (nothing listens), which is not the point.
			context.getBean(EchoClient.class).echo("hi").onErrorComplete().block();
			assertThat(transport).extracting("transport").isNotNull();
		});
	}

	@Configuration(proxyBeanMethods = false)
	@ImportConnectClients(client = "greet", types = EchoClient.class)
	static class GreetClient {

	}

}
