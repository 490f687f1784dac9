package io.connectspring.demo.e2e;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * An nginx process of its own (never a system service) running {@code docs/nginx/connect.conf} in front of a demo:
 * the file's {@code ${HTTP_PORT}}, {@code ${H2C_PORT}} and {@code ${UPSTREAM_PORT}} are replaced, nothing else, and
 * nginx runs in the foreground with its pid file and error log in a temporary directory. Needs {@code nginx} on the
 * PATH (see {@link #onPath()}).
 */
final class NginxProxy implements AutoCloseable {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

	private final Path directory;

	private final Process process;

	private final int httpPort;

	private final int h2cPort;

	private NginxProxy(Path directory, Process process, int httpPort, int h2cPort) {
		this.directory = directory;
		this.process = process;
		this.httpPort = httpPort;
		this.h2cPort = h2cPort;
	}

	/** Whether an {@code nginx} executable is on the PATH. */
	static boolean onPath() {
		String path = System.getenv("PATH");
		return path != null && Stream.of(path.split(File.pathSeparator))
			.anyMatch((dir) -> Files.isExecutable(Path.of(dir, "nginx")));
	}

	/** The committed configuration the documentation shows. */
	static Path documentedConfig() {
		Path module = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
		return module.resolve("../docs/nginx/connect.conf").normalize().toAbsolutePath();
	}

	/** Starts nginx with the given configuration in front of the application on {@code upstreamPort}. */
	static NginxProxy start(Path config, int upstreamPort) throws IOException, InterruptedException {
		Path directory = Files.createTempDirectory("nginx-it");
		Files.createDirectories(directory.resolve("logs"));
		int httpPort = freePort();
		int h2cPort = freePort();
		String text = Files.readString(config, StandardCharsets.UTF_8);
		String substituted = text.replace("${HTTP_PORT}", Integer.toString(httpPort))
			.replace("${H2C_PORT}", Integer.toString(h2cPort))
			.replace("${UPSTREAM_PORT}", Integer.toString(upstreamPort));
		assertThat(substituted).as("placeholders left in %s", config).doesNotContain("${");
		Path conf = directory.resolve("nginx.conf");
		Files.writeString(conf, substituted, StandardCharsets.UTF_8);
		Path errorLog = directory.resolve("error.log");
		List<String> command = List.of("nginx", "-p", directory.toString(), "-e", errorLog.toString(), "-c",
				conf.toString(), "-g", "daemon off; pid " + directory.resolve("nginx.pid") + "; error_log " + errorLog
						+ " info;");
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(directory.resolve("stdout.log").toFile())
			.start();
		NginxProxy nginx = new NginxProxy(directory, process, httpPort, h2cPort);
		nginx.awaitListening();
		return nginx;
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	private void awaitListening() throws InterruptedException {
		Instant deadline = Instant.now().plus(START_TIMEOUT);
		for (int port : List.of(this.httpPort, this.h2cPort)) {
			while (!accepts(port)) {
				if (!this.process.isAlive() || Instant.now().isAfter(deadline)) {
					fail("nginx did not start listening on %d:%n%s", port, logs());
				}
				this.process.waitFor(50, TimeUnit.MILLISECONDS);
			}
		}
	}

	private static boolean accepts(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/** The base URL of the HTTP/1.1 listener. */
	String http1Url() {
		return "http://127.0.0.1:" + this.httpPort;
	}

	/** The base URL of the cleartext HTTP/2 (prior knowledge) listener. */
	String h2cUrl() {
		return "http://127.0.0.1:" + this.h2cPort;
	}

	int h2cPort() {
		return this.h2cPort;
	}

	/** nginx's output and error log, for failure messages. */
	String logs() {
		StringBuilder text = new StringBuilder();
		for (String name : List.of("stdout.log", "error.log")) {
			Path file = this.directory.resolve(name);
			try {
				text.append("--- ").append(file).append('\n');
				text.append(Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "(none)\n");
			}
			catch (IOException ex) {
				text.append("(unreadable: ").append(ex).append(")\n");
			}
		}
		return text.toString();
	}

	/** Stops nginx (SIGTERM, a fast shutdown), waits for it to exit and deletes its temporary directory. */
	@Override
	public void close() throws InterruptedException, IOException {
		this.process.destroy();
		if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
			this.process.destroyForcibly().waitFor();
		}
		try (Stream<Path> files = Files.walk(this.directory)) {
			for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(file);
			}
		}
	}

}
