package io.connectspring.examples.customizers;

import java.time.Duration;

import io.connectspring.boot.autoconfigure.ConnectClientTransportCustomizer;
import io.connectspring.boot.autoconfigure.ConnectRouterFunctionBuilderCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Tuning in code what {@code connect.*} properties do not reach: the server's routes and every client's transport. */
@Configuration(proxyBeanMethods = false)
public class ConnectCustomizers {

	// tag::router[]
	@Bean
	ConnectRouterFunctionBuilderCustomizer strictProtocolVersion() {
		return (builder) -> builder.requireProtocolVersion(true);
	}
	// end::router[]

	// tag::client[]
	@Bean
	ConnectClientTransportCustomizer tenantHeader() {
		return (clientName, builder) -> {
			builder.header("x-tenant", "acme");
			if (clientName.equals("greet")) {
				builder.timeout(Duration.ofSeconds(3));
			}
		};
	}
	// end::client[]

}
