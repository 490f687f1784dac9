package io.connectspring.demo.e2e;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.jspecify.annotations.Nullable;

/** Finds the Chromium that the browser tests drive: Debian's {@code chromium} package, or another Chrome build. */
final class Chromium {

	private Chromium() {
	}

	/**
	 * Returns the browser's executable: the {@code CHROMIUM} environment variable when set, else the first of
	 * {@code chromium}, {@code chromium-browser} and {@code google-chrome} on the {@code PATH}; {@code null} when there
	 * is none, and the test should skip itself.
	 */
	static @Nullable String executable() {
		String configured = System.getenv("CHROMIUM");
		if (configured != null && !configured.isBlank()) {
			return configured;
		}
		for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
			for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
				if (Files.isExecutable(Path.of(directory, name))) {
					return Path.of(directory, name).toString();
				}
			}
		}
		return null;
	}

}
