package io.connectspring.codegen;

import java.util.Locale;

/**
 * The classifier of the protoc executable on Maven Central for an operating system and CPU, such as
 * {@code linux-x86_64}. Only the five platforms protoc is published for are known.
 */
final class ProtocClassifier {

	private ProtocClassifier() {
	}

	/** Returns the classifier for the running JVM's {@code os.name} and {@code os.arch}. */
	static String current() {
		return of(System.getProperty("os.name", ""), System.getProperty("os.arch", ""));
	}

	/**
	 * Returns the classifier for the given {@code os.name} and {@code os.arch} values.
	 * @throws IllegalStateException if protoc is not published for that platform; the message says how to use a
	 * local protoc instead
	 */
	static String of(String osName, String osArch) {
		String os = osName.toLowerCase(Locale.ROOT);
		String arch = osArch.toLowerCase(Locale.ROOT);
		String osPart = os.startsWith("linux") ? "linux"
				: (os.startsWith("mac") || os.startsWith("darwin")) ? "osx"
				: os.startsWith("windows") ? "windows" : null;
		String archPart = switch (arch) {
			case "amd64", "x86_64", "x64" -> "x86_64";
			case "aarch64", "arm64" -> "aarch_64";
			default -> null;
		};
		if (osPart == null || archPart == null || (osPart.equals("windows") && !archPart.equals("x86_64"))) {
			throw new IllegalStateException("protoc is not published on Maven Central for " + osName + " on "
					+ osArch + "; install protoc and set <protocExecutable>/path/to/protoc</protocExecutable> in the"
					+ " configuration of connect-codegen-maven-plugin (or -Dconnect.protocExecutable=...)");
		}
		return osPart + "-" + archPart;
	}

}
