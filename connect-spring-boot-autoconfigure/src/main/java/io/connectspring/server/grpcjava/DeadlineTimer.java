package io.connectspring.server.grpcjava;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * Cancels the gRPC contexts of calls whose deadline passes, as grpc-java's server does with its shared timer: one
 * daemon thread, started with the first call that has a deadline.
 */
final class DeadlineTimer {

	static final ScheduledExecutorService INSTANCE = create();

	private DeadlineTimer() {
	}

	private static ScheduledExecutorService create() {
		ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, (task) -> {
			Thread thread = new Thread(task, "connect-grpc-java-deadline");
			thread.setDaemon(true);
			return thread;
		});
		// A call that ends before its deadline cancels its timer: drop it then rather than at the deadline.
		timer.setRemoveOnCancelPolicy(true);
		return timer;
	}

}
