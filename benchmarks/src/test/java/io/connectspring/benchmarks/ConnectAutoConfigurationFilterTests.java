package io.connectspring.benchmarks;

import java.util.Map;

import io.connectspring.benchmarks.connect.ConnectBenchApplication;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/** The baselines run without the starter's auto-configurations; our bench app runs with them. */
class ConnectAutoConfigurationFilterTests {

	private static final String[] ANY_PORT = { "--port=0" };

	@Test
	void turnedOffItLeavesOutEveryConnectAutoConfiguration() {
		try (ConfigurableApplicationContext context = SpringBench.run(ConnectBenchApplication.class, ANY_PORT,
				Map.of(ConnectAutoConfigurationFilter.ENABLED, false))) {
			assertThat(context.getBeanDefinitionNames()).noneMatch((name) -> name.startsWith("io.connectspring.boot"))
				.doesNotContain("connectRouterFunction")
				.contains("benchGreetService");
		}
	}

	@Test
	void byDefaultItLeavesThemIn() {
		try (ConfigurableApplicationContext context = SpringBench.run(ConnectBenchApplication.class, ANY_PORT,
				Map.of())) {
			assertThat(context.getBeanDefinitionNames()).contains("connectRouterFunction");
		}
	}

	@Test
	void itLeavesOtherAutoConfigurationsAlone() {
		ConnectAutoConfigurationFilter filter = new ConnectAutoConfigurationFilter();
		filter.setEnvironment(new MockEnvironment()
			.withProperty(ConnectAutoConfigurationFilter.ENABLED, "false"));
		assertThat(filter.match(new String[] { "io.connectspring.boot.autoconfigure.ConnectServerAutoConfiguration",
				"org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration", null }, null))
			.containsExactly(false, true, true);
	}

}
