package io.connectspring.benchmarks;

import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Leaves out every auto-configuration of the starter when {@value #ENABLED} is {@code false}: the baseline apps run
 * on the class path of ours, with the starter but none of its auto-configurations.
 * <p>
 * It costs every app the same, a prefix test on names Spring Boot has already read. Listing the starter's
 * auto-configurations from the class path instead, for {@code spring.autoconfigure.exclude}, opened every jar in the
 * baseline's {@code main} before Spring Boot did: about 35 ms of CPU that the start-up baseline alone paid, which
 * hid that much of the starter's overhead.
 */
public final class ConnectAutoConfigurationFilter implements AutoConfigurationImportFilter, EnvironmentAware {

	/** The property that turns the starter's auto-configurations off when {@code false}; on by default. */
	public static final String ENABLED = "benchmarks.connect.enabled";

	private static final String PREFIX = "io.connectspring.";

	private boolean enabled = true;

	@Override
	public void setEnvironment(Environment environment) {
		this.enabled = environment.getProperty(ENABLED, Boolean.class, true);
	}

	@Override
	public boolean[] match(String[] autoConfigurationClasses, AutoConfigurationMetadata autoConfigurationMetadata) {
		boolean[] match = new boolean[autoConfigurationClasses.length];
		for (int i = 0; i < match.length; i++) {
			String candidate = autoConfigurationClasses[i];
			match[i] = this.enabled || candidate == null || !candidate.startsWith(PREFIX);
		}
		return match;
	}

}
