package io.connectspring.demo.client;

import io.connectspring.boot.client.ImportConnectClients;
import io.connectspring.demo.greet.v1.GreetServiceBlockingClient;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** The client mode's beans: the generated blocking client on {@code connect.client.demo}, and the calls it makes. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(DemoClientMode.TARGET)
@ImportConnectClients(client = "demo", types = GreetServiceBlockingClient.class)
class DemoClientConfiguration {

	@Bean
	DemoClient demoClient(GreetServiceBlockingClient client, Environment environment) {
		return new DemoClient(client, environment.getProperty(DemoClientMode.PROTOCOL, "connect"), System.out,
				System.err);
	}

}
