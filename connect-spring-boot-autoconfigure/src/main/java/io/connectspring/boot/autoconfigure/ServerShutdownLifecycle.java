package io.connectspring.boot.autoconfigure;

import io.connectspring.server.ServerShutdown;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.SmartLifecycle;

/**
 * Drives a {@link ServerShutdown} from the application context's shutdown, one step per instance, on either side of
 * Spring Boot's graceful shutdown of the web server (the lifecycle phase
 * {@link WebServerApplicationContext#GRACEFUL_SHUTDOWN_PHASE}, which lasts until every request has finished or
 * {@code spring.lifecycle.timeout-per-shutdown-phase} has passed):
 * <ul>
 * <li>{@link Step#REFUSE_NEW_CALLS} stops just before it: new calls are refused with {@code unavailable}, while the
 * calls in flight go on and the web server waits for them;</li>
 * <li>{@link Step#END_CALLS} stops just after it, when the grace period is over: the calls still open end with
 * {@code unavailable}, and it has stopped once their ends are written (or its own phase timed out).</li>
 * </ul>
 * Both accept calls again when the context starts again. Neither stops when the context is only paused, as the web
 * server's graceful shutdown does not.
 */
final class ServerShutdownLifecycle implements SmartLifecycle {

	private final ServerShutdown shutdown;

	private final Step step;

	private volatile boolean running;

	ServerShutdownLifecycle(ServerShutdown shutdown, Step step) {
		this.shutdown = shutdown;
		this.step = step;
	}

	@Override
	public void start() {
		this.shutdown.resume();
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		if (this.step == Step.REFUSE_NEW_CALLS) {
			this.shutdown.refuseNewCalls();
		}
		else {
			this.shutdown.endCalls();
		}
	}

	@Override
	public void stop(Runnable callback) {
		stop();
		if (this.step == Step.REFUSE_NEW_CALLS) {
			callback.run();
		}
		else {
			this.shutdown.whenNoActiveCalls().subscribe(null, null, callback);
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return this.step.phase;
	}

	@Override
	public boolean isPauseable() {
		return false;
	}

	/** The step of the shutdown a lifecycle takes. */
	enum Step {

		/** Refuse new calls, before the web server's graceful shutdown. */
		REFUSE_NEW_CALLS(WebServerApplicationContext.GRACEFUL_SHUTDOWN_PHASE + 1),

		/** End the calls still open, after the web server's graceful shutdown. */
		END_CALLS(WebServerApplicationContext.GRACEFUL_SHUTDOWN_PHASE - 1);

		private final int phase;

		Step(int phase) {
			this.phase = phase;
		}

	}

}
