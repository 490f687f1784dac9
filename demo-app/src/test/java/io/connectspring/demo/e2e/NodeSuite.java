package io.connectspring.demo.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Runs Node test files of the end-to-end project in {@code src/test/e2e} against a demo on a port, and asserts they
 * pass. Needs {@code node} and {@code npm} on the PATH; installs the project's dependencies with {@code npm ci} when
 * {@code node_modules} is missing.
 */
final class NodeSuite {

	private static final long TIMEOUT_MINUTES = 5;

	private static final Pattern TAP_COUNT = Pattern.compile("^# (pass|fail) (\\d+)\\s*$", Pattern.MULTILINE);

	private NodeSuite() {
	}

	/**
	 * Runs {@code node --test} on the given files (all tests when none) with {@code BASE_URL} pointing at the port
	 * and the extra environment, and asserts that at least one test passed and none failed.
	 */
	static void passes(int port, List<String> files, Map<String, String> environment) throws Exception {
		Path e2e = project();
		assertThat(e2e.resolve("package.json")).as("the Node e2e project").isRegularFile();

		if (!Files.isDirectory(e2e.resolve("node_modules"))) {
			Run install = run(e2e, List.of(npm(), "ci", "--no-audit", "--no-fund"), Map.of());
			assertThat(install.exitCode()).as("npm ci in %s failed:%n%s", e2e, install.output()).isZero();
		}

		String baseUrl = "http://127.0.0.1:" + port;
		List<String> command = new ArrayList<>(List.of("node", "--test", "--test-timeout=60000", "--test-reporter=tap"));
		command.addAll(files);
		Map<String, String> env = new HashMap<>(environment);
		env.put("BASE_URL", baseUrl);
		Run tests = run(e2e, command, env);

		int passed = tapCount(tests.output(), "pass");
		int failed = tapCount(tests.output(), "fail");
		assertThat(tests.exitCode()).as("node --test against %s exited non-zero:%n%s", baseUrl, tests.output())
			.isZero();
		assertThat(failed).as("failed Node tests (# fail) against %s:%n%s", baseUrl, tests.output()).isZero();
		assertThat(passed).as("passed Node tests (# pass) against %s:%n%s", baseUrl, tests.output()).isPositive();
	}

	/**
	 * The Node end-to-end project: the {@code e2e.project} system property (set where another module, such as
	 * demo-kotlin, runs this suite), else {@code src/test/e2e} of the demo module.
	 */
	static Path project() {
		String configured = System.getProperty("e2e.project");
		if (configured != null) {
			return Path.of(configured).toAbsolutePath().normalize();
		}
		return Path.of(System.getProperty("basedir", System.getProperty("user.dir")), "src", "test", "e2e")
			.toAbsolutePath();
	}

	/** The count from the TAP summary line {@code # pass N} or {@code # fail N}; -1 when the line is missing. */
	private static int tapCount(String output, String kind) {
		Matcher matcher = TAP_COUNT.matcher(output);
		int count = -1;
		while (matcher.find()) {
			if (matcher.group(1).equals(kind)) {
				count = Integer.parseInt(matcher.group(2));
			}
		}
		return count;
	}

	private static String npm() {
		return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows") ? "npm.cmd" : "npm";
	}

	/**
	 * Runs a command in the given directory, echoing its combined output to the test's standard output (the
	 * Maven log) line by line, and returns the exit code and the output. Fails after {@link #TIMEOUT_MINUTES}.
	 */
	static Run run(Path directory, List<String> command, Map<String, String> environment)
			throws IOException, InterruptedException {
		ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
		builder.environment().putAll(environment);
		builder.environment().put("NO_COLOR", "1");
		System.out.println("[e2e] $ " + String.join(" ", command) + "  " + environment);
		Process process = builder.start();
		process.getOutputStream().close();
		CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
			StringBuilder text = new StringBuilder();
			try (BufferedReader reader = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
				for (String line = reader.readLine(); line != null; line = reader.readLine()) {
					System.out.println("[e2e] " + line);
					text.append(line).append('\n');
				}
			}
			catch (IOException ex) {
				text.append("[reading the output failed: ").append(ex).append("]\n");
			}
			return text.toString();
		});
		if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
			List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
			tree.forEach(ProcessHandle::destroyForcibly);
			process.destroyForcibly().waitFor();
			String partial = output.getNow("");
			fail("%s did not finish within %d minutes; output so far:%n%s", command, TIMEOUT_MINUTES, partial);
		}
		return new Run(process.exitValue(), output.join());
	}

	/** A finished command: its exit code and its standard output and error, interleaved. */
	record Run(int exitCode, String output) {
	}

}
