package io.connectspring.demo.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.connectspring.client.HttpVersion;
import io.connectspring.client.WireProtocol;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo's client mode, run as users run it ({@code java -jar target/demo-app.jar --demo.client.target=...}),
 * against the connect-es server and against the demo itself, over Connect, gRPC and gRPC-Web, HTTP/1.1 and HTTP/2,
 * proto and JSON.
 */
@Timeout(120)
class DemoClientModeIT {

	@RegisterExtension
	static final NodeGreetServer node = new NodeGreetServer();

	@RegisterExtension
	static final DemoGreetServer demo = new DemoGreetServer();

	private static final List<String> EXPECTED = List.of("Hello, Ada!", "Hello, Ada!", "Hello, Grace!",
			"Hello, Linus!", "Hello, Ada! #1", "Hello, Ada! #2", "Hello, Ada! #3", "Hello, Ada!", "Hello, Grace!",
			"Hello, Linus!");

	/** One run; a null HTTP version passes none, so that the protocol's default applies. */
	record Case(GreetPeer peer, String protocol, @Nullable String httpVersion, String codec) {

		@Override
		public String toString() {
			return this.peer.name() + " " + this.protocol + " HTTP/" + ((this.httpVersion != null) ? this.httpVersion
					: "default") + " " + this.codec;
		}

	}

	static Stream<Case> cases() {
		// connect-es serves Converse (bidi) over HTTP/2 only; gRPC defaults to HTTP/2.
		return Stream.of(new Case(node, "connect", "2", "proto"), new Case(node, "connect", "2", "json"),
				new Case(node, "grpc", null, "proto"), new Case(node, "grpc", "2", "json"),
				new Case(node, "grpc-web", "2", "proto"), new Case(node, "grpc-web", "2", "json"),
				new Case(demo, "connect", "1.1", "proto"), new Case(demo, "connect", "2", "json"),
				new Case(demo, "grpc", null, "json"), new Case(demo, "grpc-web", "1.1", "proto"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void printsEveryGreetingAndExitsZero(Case c) throws Exception {
		WireProtocol protocol = switch (c.protocol()) {
			case "grpc" -> WireProtocol.GRPC;
			case "grpc-web" -> WireProtocol.GRPC_WEB;
			default -> WireProtocol.CONNECT;
		};
		boolean http2 = (c.httpVersion() != null) ? c.httpVersion().equals("2") : protocol == WireProtocol.GRPC;
		List<String> args = new ArrayList<>(List.of(
				"--demo.client.target=" + c.peer().baseUrl(http2 ? HttpVersion.H2C : HttpVersion.HTTP_1_1),
				"--demo.client.codec=" + c.codec(), "--demo.client.protocol=" + c.protocol()));
		if (c.httpVersion() != null) {
			args.add("--demo.client.http-version=" + c.httpVersion());
		}
		Run run = runJar(args.toArray(String[]::new));
		assertThat(run.exitCode()).as("exit code; stderr:%n%s", run.stderr()).isZero();
		assertThat(run.stdout().lines().toList()).isEqualTo(EXPECTED);
	}

	@Test
	void serverErrorPrintsCodeAndMessageAndExitsNonZero() throws Exception {
		// The Node h2c port does not speak HTTP/1.1: the first call fails.
		Run run = runJar("--demo.client.target=" + node.baseUrl(HttpVersion.H2C), "--demo.client.http-version=1.1");
		assertThat(run.exitCode()).isNotZero();
		assertThat(run.stdout()).isEmpty();
		assertThat(run.stderr()).containsPattern("(unavailable|unknown|internal): ");
	}

	@Test
	void unknownProtocolExitsWithTwoListingTheChoices() throws Exception {
		Run run = runJar("--demo.client.target=" + node.baseUrl(HttpVersion.H2C), "--demo.client.protocol=soap");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.stderr()).contains("'soap'").contains("connect, grpc, grpc-web");
	}

	@Test
	void refusedConnectionExitsNonZeroWithUnavailable() throws Exception {
		Run run = runJar("--demo.client.target=http://127.0.0.1:9");
		assertThat(run.exitCode()).isEqualTo(1);
		assertThat(run.stderr()).startsWith("unavailable: ");
	}

	private static Run runJar(String... args) throws IOException, InterruptedException {
		Path jar = Path.of(System.getProperty("basedir", System.getProperty("user.dir")), "target", "demo-app.jar");
		assertThat(jar).as("the executable jar (built in the package phase)").isRegularFile();
		List<String> command = new ArrayList<>(List.of(javaExecutable(), "-jar", jar.toString()));
		command.addAll(List.of(args));
		Process process = new ProcessBuilder(command).start();
		process.getOutputStream().close();
		CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
		CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
		if (!process.waitFor(60, TimeUnit.SECONDS)) {
			process.destroyForcibly().waitFor();
			throw new AssertionError("the client did not exit within 60 seconds: " + command);
		}
		return new Run(process.exitValue(), stdout.join(), stderr.join());
	}

	private static String javaExecutable() {
		Path java = Path.of(System.getProperty("java.home"), "bin", "java");
		return Files.isExecutable(java) ? java.toString() : "java";
	}

	private static String read(InputStream stream) {
		try (stream) {
			ByteArrayOutputStream bytes = new ByteArrayOutputStream();
			stream.transferTo(bytes);
			return bytes.toString(StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private record Run(int exitCode, String stdout, String stderr) {
	}

}
