package io.connectspring.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;

/**
 * Lists the starter's auto-configurations from the class path, so that the baseline apps can exclude every one of
 * them: on the shared class path of this module, that is the starter minus its classes, without a second module.
 */
public final class ConnectAutoConfigurations {

	private static final String IMPORTS = "META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports";

	private ConnectAutoConfigurations() {
	}

	/** Returns the value for {@code spring.autoconfigure.exclude}: every auto-configuration under io.connectspring. */
	public static String excludeProperty() {
		List<String> names = new ArrayList<>();
		try {
			Enumeration<URL> files = ConnectAutoConfigurations.class.getClassLoader().getResources(IMPORTS);
			while (files.hasMoreElements()) {
				try (BufferedReader reader = new BufferedReader(
						new InputStreamReader(files.nextElement().openStream(), StandardCharsets.UTF_8))) {
					reader.lines()
						.map(String::strip)
						.filter((line) -> line.startsWith("io.connectspring."))
						.forEach(names::add);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		if (names.isEmpty()) {
			throw new IllegalStateException("no io.connectspring auto-configuration found in " + IMPORTS);
		}
		return String.join(",", names);
	}

}
