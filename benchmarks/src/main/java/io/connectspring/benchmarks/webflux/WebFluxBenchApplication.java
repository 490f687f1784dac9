package io.connectspring.benchmarks.webflux;

import java.util.Map;

import io.connectspring.benchmarks.ConnectAutoConfigurationFilter;
import io.connectspring.benchmarks.SpringBench;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The bare WebFlux peer: Spring Boot with the same server settings as our bench app, the Connect auto-configurations
 * left out by {@link ConnectAutoConfigurationFilter}, and {@link GreetRoutes} as its only routes.
 */
@SpringBootApplication
public class WebFluxBenchApplication {

	@Bean
	RouterFunction<ServerResponse> greetRoutes() {
		return GreetRoutes.routes();
	}

	public static void main(String[] args) {
		SpringBench.run(WebFluxBenchApplication.class, args,
				Map.of(ConnectAutoConfigurationFilter.ENABLED, false));
	}

}
