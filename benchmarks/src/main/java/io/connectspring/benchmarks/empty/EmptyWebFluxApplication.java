package io.connectspring.benchmarks.empty;

import java.util.Map;

import io.connectspring.benchmarks.ConnectAutoConfigurationFilter;
import io.connectspring.benchmarks.SpringBench;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The start-up baseline: a WebFlux application with no route, on the same class path and settings as
 * {@link io.connectspring.benchmarks.connect.ConnectBenchApplication} but with every Connect auto-configuration left
 * out by {@link ConnectAutoConfigurationFilter}, so the difference is what the starter and one service add to start-up
 * (auto-configuration, binding the service, building the routes) and nothing else.
 */
@SpringBootApplication
public class EmptyWebFluxApplication {

	public static void main(String[] args) {
		SpringBench.run(EmptyWebFluxApplication.class, args,
				Map.of(ConnectAutoConfigurationFilter.ENABLED, false));
	}

}
