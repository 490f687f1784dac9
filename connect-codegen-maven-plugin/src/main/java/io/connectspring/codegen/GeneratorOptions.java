package io.connectspring.codegen;

import java.util.Locale;

/**
 * The generator's options, parsed from the protoc plugin parameter: comma-separated {@code key=value} pairs, as in
 * {@code protoc --connect_opt=kotlin=true} or {@code opt: kotlin=true} in a {@code buf.gen.yaml}. A key alone means
 * {@code key=true}. The Maven goal builds the same parameter from its configuration.
 *
 * @param kotlin whether to also write the Kotlin coroutine server interface and client of each service
 */
record GeneratorOptions(boolean kotlin) {

	/** The options when the parameter is empty: Java only. */
	static final GeneratorOptions DEFAULTS = new GeneratorOptions(false);

	/**
	 * Parses a protoc plugin parameter.
	 * @param parameter the parameter protoc passes, possibly empty
	 * @return the options
	 * @throws CodeGenerationException if an option is unknown or its value is not {@code true} or {@code false}
	 */
	static GeneratorOptions parse(String parameter) {
		boolean kotlin = DEFAULTS.kotlin();
		for (String option : parameter.split(",")) {
			String trimmed = option.trim();
			if (trimmed.isEmpty()) {
				continue;
			}
			int equals = trimmed.indexOf('=');
			String key = (equals < 0) ? trimmed : trimmed.substring(0, equals).trim();
			String value = (equals < 0) ? "true" : trimmed.substring(equals + 1).trim();
			if (!key.equals("kotlin")) {
				throw new CodeGenerationException("Unknown option '" + key + "' in the plugin parameter '" + parameter
						+ "'; the options are: kotlin=true|false");
			}
			kotlin = bool(key, value);
		}
		return new GeneratorOptions(kotlin);
	}

	/** Returns the plugin parameter that {@link #parse} reads back as these options; empty for the defaults. */
	String toParameter() {
		return this.kotlin ? "kotlin=true" : "";
	}

	private static boolean bool(String key, String value) {
		return switch (value.toLowerCase(Locale.ROOT)) {
			case "true" -> true;
			case "false" -> false;
			default -> throw new CodeGenerationException(
					"Option " + key + " must be true or false, not '" + value + "'");
		};
	}

}
