package io.connectspring.demo.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.connectspring.client.HttpVersion;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The connect-es greet server ({@code src/test/e2e/server/greet-server.mjs}) as a JUnit extension: started before
 * the test class (after {@code npm ci} when {@code node_modules} is missing), ready once it has printed its ports,
 * killed after. Register it as a static field with {@code @RegisterExtension}.
 */
final class NodeGreetServer implements BeforeAllCallback, AfterAllCallback, GreetPeer {

	private static final Pattern READY = Pattern.compile("\\{\"http1\":(\\d+),\"h2c\":(\\d+)}");

	private static final long START_TIMEOUT_SECONDS = 60;

	private static final long INSTALL_TIMEOUT_MINUTES = 5;

	private Process process;

	private int http1Port;

	private int h2cPort;

	@Override
	public void beforeAll(ExtensionContext context) throws Exception {
		Path e2e = e2eDirectory();
		if (!Files.isDirectory(e2e.resolve("node_modules"))) {
			install(e2e);
		}
		this.process = new ProcessBuilder("node", "server/greet-server.mjs").directory(e2e.toFile())
			.redirectError(ProcessBuilder.Redirect.INHERIT)
			.start();
		BufferedReader stdout = new BufferedReader(
				new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8));
		CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> {
			try {
				return stdout.readLine();
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		});
		String line;
		try {
			line = ready.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
		}
		catch (TimeoutException | ExecutionException ex) {
			stop();
			throw new IllegalStateException("The Node greet server printed no ports within " + START_TIMEOUT_SECONDS
					+ " seconds", ex);
		}
		Matcher matcher = (line != null) ? READY.matcher(line) : null;
		if (matcher == null || !matcher.matches()) {
			stop();
			throw new IllegalStateException("The Node greet server did not start; its first line was: " + line
					+ " (its standard error is in the test output)");
		}
		this.http1Port = Integer.parseInt(matcher.group(1));
		this.h2cPort = Integer.parseInt(matcher.group(2));
	}

	@Override
	public void afterAll(ExtensionContext context) throws InterruptedException {
		stop();
	}

	private void stop() throws InterruptedException {
		if (this.process != null) {
			this.process.destroy();
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor();
			}
		}
	}

	@Override
	public String name() {
		return "connect-es";
	}

	/** Returns the base URL of the HTTP/1.1 server, or of the h2c one (HTTP/2 with prior knowledge). */
	@Override
	public String baseUrl(HttpVersion version) {
		return switch (version) {
			case HTTP_1_1 -> "http://127.0.0.1:" + this.http1Port;
			case H2C -> "http://127.0.0.1:" + this.h2cPort;
			case H2 -> throw new IllegalArgumentException("The Node greet server has no TLS");
		};
	}


	@Override
	public boolean servesBidiOverHttp1() {
		return false;
	}

	@Override
	public boolean hasTestTriggers() {
		return true;
	}

	static Path e2eDirectory() {
		return Path.of(System.getProperty("basedir", System.getProperty("user.dir")), "src", "test", "e2e")
			.toAbsolutePath();
	}

	private static void install(Path e2e) throws IOException, InterruptedException {
		String npm = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows") ? "npm.cmd"
				: "npm";
		Process install = new ProcessBuilder(List.of(npm, "ci", "--no-audit", "--no-fund")).directory(e2e.toFile())
			.inheritIO()
			.start();
		if (!install.waitFor(INSTALL_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
			install.destroyForcibly().waitFor();
			throw new IllegalStateException("npm ci in " + e2e + " did not finish in " + INSTALL_TIMEOUT_MINUTES
					+ " minutes");
		}
		if (install.exitValue() != 0) {
			throw new IllegalStateException("npm ci in " + e2e + " failed with exit code " + install.exitValue());
		}
	}

}
