package io.connectspring.demo.e2e;

import io.connectspring.demo.DemoApplication;
import io.connectspring.server.ServerShutdown;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * connect-es ({@code shutdown/connect-es-shutdown.js}) calls the demo over Connect and gRPC-Web, HTTP/1.1 and h2c,
 * while it shuts down gracefully with a grace period of 5 s: unary calls in flight complete, open streams end with
 * {@code unavailable} "server is shutting down" after whole messages, health turns {@code NOT_SERVING}, new calls fail
 * with {@code unavailable}. The script opens its calls; this test closes the application context, as {@code SIGTERM}
 * would, once the server counts them all in flight.
 */
class NodeShutdownIT {

	/** The calls the script holds open: a health watch, and per transport (four) a unary call and a server stream,
	 * plus a bidi stream on each of the two h2c transports. */
	private static final int OPEN_CALLS = 1 + 4 * 2 + 2;

	private ConfigurableApplicationContext context;

	@AfterEach
	void close() {
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	void connectEsSeesCallsInFlightCompleteAndOpenStreamsEndUnavailable() throws Exception {
		this.context = new SpringApplicationBuilder(DemoApplication.class, TestTriggersConfiguration.class)
			.run("--server.port=0", "--spring.lifecycle.timeout-per-shutdown-phase=5s");
		int port = Integer.parseInt(this.context.getEnvironment().getRequiredProperty("local.server.port"));
		ServerShutdown shutdown = this.context.getBean(ServerShutdown.class);

		CompletableFuture<Void> script = CompletableFuture.runAsync(() -> {
			try {
				NodeSuite.passes(port, List.of("shutdown/connect-es-shutdown.js"), Map.of());
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
		await().atMost(Duration.ofMinutes(2))
			.until(() -> shutdown.activeCalls() == OPEN_CALLS || script.isDone());
		assertThat(script).as("the script ended before opening its calls").isNotDone();
		this.context.close();
		assertThat(shutdown.activeCalls()).isZero();
		script.get(5, TimeUnit.MINUTES);
	}

}
