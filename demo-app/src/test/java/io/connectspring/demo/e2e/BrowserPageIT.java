package io.connectspring.demo.e2e;

import io.connectspring.CallSide;
import io.connectspring.ConnectInterceptor;
import io.connectspring.InterceptorScope;
import io.connectspring.demo.DemoApplication;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The demo's browser page ({@code src/main/web}, served from the demo's static resources on the RPC port), driven in
 * a real headless Chromium by {@code src/test/e2e/browser/greet-page.mjs} (playwright-core): over the Connect protocol
 * and over gRPC-Web, the page shows the greeting with its response header, the {@code invalid_argument} error of an
 * empty name, every greeting of a server stream, and connect-web's refusal of a client stream. The server records
 * each call's protocol and when it sent each stream message, so the test can tell that the page showed the first
 * greeting before the server had even sent the last: the browser read the stream as it arrived.
 * <p>
 * Skipped when Chromium is missing ({@link Chromium}), when the page was not built (no {@code npm ci} in
 * {@code src/main/web}), or when playwright-core is not installed ({@code npm ci} in {@code src/test/e2e}).
 */
@SpringBootTest(classes = DemoApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
@Import(BrowserPageIT.ServerLog.class)
class BrowserPageIT {

	private static final int STREAM_COUNT = 4;

	private static final int STREAM_INTERVAL_MS = 500;

	@LocalServerPort
	private int port;

	@Autowired
	private ServerLog serverLog;

	@BeforeEach
	void clearServerLog() {
		this.serverLog.calls.clear();
		this.serverLog.streamed.clear();
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "connect, connect", "grpc-web, grpcweb" })
	void pageCallsGreetServiceAndShowsTheOutcomes(String pageProtocol, String wireProtocol) throws Exception {
		PageResult page = drivePage(pageProtocol);

		assertThat(page.pageErrors()).as("uncaught errors of the page").isEmpty();
		assertThat(page.greet()).isEqualTo(new Greet("done", "Hello, Ada!", "v1"));
		assertThat(page.error()).isEqualTo(new ErrorShown("done", "invalid_argument", "name is required"));
		assertThat(page.stream().state()).isEqualTo("done");
		assertThat(page.stream().messages()).extracting(StreamMessage::text)
			.containsExactly("Hello, Ada! #1", "Hello, Ada! #2", "Hello, Ada! #3", "Hello, Ada! #4");
		assertThat(page.everyone().state()).isEqualTo("failed");
		assertThat(page.everyone().text()).contains("The fetch API does not support streaming request bodies");

		// Every call the page made reached the server over the chosen protocol; the client stream never left the
		// browser.
		assertThat(this.serverLog.calls).containsExactly("/greet.v1.GreetService/Greet " + wireProtocol,
				"/greet.v1.GreetService/Greet " + wireProtocol, "/greet.v1.GreetService/GreetStream " + wireProtocol);
		// Both clocks are the machine's wall clock (Date.now() in the page, Instant.now() on the server).
		assertThat(this.serverLog.streamed).hasSize(STREAM_COUNT);
		long lastSent = List.copyOf(this.serverLog.streamed).get(STREAM_COUNT - 1).toEpochMilli();
		long firstShown = page.stream().messages().get(0).shownAt();
		assertThat(firstShown).as("the page showed the first greeting before the server sent the last one")
			.isLessThan(lastSent);
	}

	private PageResult drivePage(String protocol) throws Exception {
		String chromium = Chromium.executable();
		assumeTrue(chromium != null, "Chromium is not installed (the chromium package, or CHROMIUM=<executable>)");
		assumeTrue(new ClassPathResource("static/app.js").exists(),
				"the browser page was not built: run `npm ci` in demo-app/src/main/web, then build the demo");
		Path e2e = NodeSuite.project();
		assumeTrue(Files.isDirectory(e2e.resolve("node_modules/playwright-core")),
				"playwright-core is not installed: run `npm ci` in demo-app/src/test/e2e");

		NodeSuite.Run run = NodeSuite.run(e2e,
				List.of("node", "browser/greet-page.mjs", "--url", "http://127.0.0.1:" + this.port + "/", "--protocol",
						protocol, "--chromium", chromium, "--count", Integer.toString(STREAM_COUNT), "--interval",
						Integer.toString(STREAM_INTERVAL_MS)),
				Map.of());
		assertThat(run.exitCode()).as("the page driver failed:%n%s", run.output()).isZero();
		String result = run.output()
			.lines()
			.filter((line) -> line.startsWith("RESULT "))
			.findFirst()
			.orElseThrow(() -> new AssertionError("the page driver printed no RESULT line:\n" + run.output()));
		return JsonMapper.shared().readValue(result.substring("RESULT ".length()), PageResult.class);
	}

	/** What the page showed, as greet-page.mjs reads it. */
	record PageResult(Greet greet, ErrorShown error, StreamShown stream, Everyone everyone, List<String> pageErrors) {
	}

	record Greet(String state, String text, String version) {
	}

	record ErrorShown(String state, String code, String message) {
	}

	record StreamShown(String state, String text, List<StreamMessage> messages) {
	}

	/** One greeting of the stream, with when the page received it and showed it (Date.now() milliseconds). */
	record StreamMessage(String text, long receivedAt, long shownAt) {
	}

	record Everyone(String state, String text) {
	}

	/** Records, on the server, each call's procedure and protocol and when each stream response was sent. */
	@TestConfiguration(proxyBeanMethods = false)
	static class ServerLog {

		final Queue<String> calls = new ConcurrentLinkedQueue<>();

		final Queue<Instant> streamed = new ConcurrentLinkedQueue<>();

		@Bean
		@InterceptorScope(CallSide.SERVER)
		ConnectInterceptor serverLogInterceptor() {
			return (call, requests, next) -> {
				String procedure = call.method().procedure();
				this.calls.add(procedure + " " + call.protocol());
				if (!procedure.endsWith("/GreetStream")) {
					return next.proceed(requests);
				}
				return next.proceed(requests).doOnNext((response) -> this.streamed.add(Instant.now()));
			};
		}

	}

}
