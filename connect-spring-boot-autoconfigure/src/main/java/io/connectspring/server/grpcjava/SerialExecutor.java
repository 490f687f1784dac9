package io.connectspring.server.grpcjava;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import reactor.core.scheduler.Scheduler;

/**
 * Runs tasks one at a time, in the order they were submitted, on a scheduler, as grpc-java's serializing executor
 * runs the callbacks of one call: a task never overlaps the one before it, and sees what it did. Safe to call from
 * any thread. Tasks must not throw.
 */
final class SerialExecutor implements Executor {

	private final Scheduler scheduler;

	private final Consumer<RejectedExecutionException> onRejected;

	private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();

	/** Tasks submitted and not yet accounted for by a drain; a drain is scheduled when it leaves zero. */
	private final AtomicInteger pending = new AtomicInteger();

	private volatile boolean rejected;

	/**
	 * Creates an executor over a scheduler.
	 * @param scheduler where tasks run
	 * @param onRejected told, once, when the scheduler refuses work; no task runs after that
	 */
	SerialExecutor(Scheduler scheduler, Consumer<RejectedExecutionException> onRejected) {
		this.scheduler = scheduler;
		this.onRejected = onRejected;
	}

	@Override
	public void execute(Runnable task) {
		if (this.rejected) {
			return;
		}
		this.tasks.add(task);
		if (this.pending.getAndIncrement() == 0) {
			try {
				this.scheduler.schedule(this::drain);
			}
			catch (RejectedExecutionException ex) {
				// pending stays above zero, so nothing is scheduled again.
				this.rejected = true;
				this.tasks.clear();
				this.onRejected.accept(ex);
			}
		}
	}

	private void drain() {
		int missed = 1;
		while (true) {
			for (Runnable task = this.tasks.poll(); task != null; task = this.tasks.poll()) {
				task.run();
			}
			missed = this.pending.addAndGet(-missed);
			if (missed == 0) {
				return;
			}
		}
	}

}
