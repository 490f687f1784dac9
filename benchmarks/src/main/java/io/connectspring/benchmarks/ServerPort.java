package io.connectspring.benchmarks;

/**
 * Reads a bench server's port: the first argument of the form {@code --port=N} (or a bare number), else the
 * {@code PORT} environment variable, else 18080. Every server binds loopback only.
 */
public final class ServerPort {

	/** The default port, inside the range the benchmark uses by hand. */
	public static final int DEFAULT = 18080;

	private ServerPort() {
	}

	/** Returns the port from the arguments or the environment. */
	public static int from(String[] args) {
		for (String arg : args) {
			if (arg.startsWith("--port=")) {
				return Integer.parseInt(arg.substring("--port=".length()));
			}
			if (arg.matches("\\d+")) {
				return Integer.parseInt(arg);
			}
		}
		String env = System.getenv("PORT");
		return (env != null && !env.isBlank()) ? Integer.parseInt(env.strip()) : DEFAULT;
	}

	/** Returns whether the arguments hold the given flag, such as {@code --direct}. */
	public static boolean flag(String[] args, String flag) {
		for (String arg : args) {
			if (arg.equals(flag)) {
				return true;
			}
		}
		return false;
	}

}
