package io.connectspring.boot.test;

import io.connectspring.boot.autoconfigure.ConnectClientAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * The auto-configuration {@link AutoConfigureTestConnectTransport @AutoConfigureTestConnectTransport} imports.
 */
@AutoConfiguration(after = ConnectClientAutoConfiguration.class)
public final class TestConnectTransportAutoConfiguration {

	@Bean
	static LocalServerTransports connectLocalServerTransports(ConfigurableEnvironment environment) {
		return new LocalServerTransports(environment);
	}

}
