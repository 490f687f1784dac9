package io.connectspring.conformance.client;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * Cancels a blocking call the way its API allows: by interrupting the thread that waits in it, at once or after a
 * delay. {@link #disarm()} ends the arrangement and clears an interrupt that arrived too late to matter, so the
 * thread can serve the next call.
 */
final class Interrupter {

	private final Thread thread = Thread.currentThread();

	private final Object lock = new Object();

	private boolean armed = true;

	private @Nullable ScheduledFuture<?> pending;

	/** Arranges for the calling thread to be interrupted after the delay. */
	static Interrupter after(ScheduledExecutorService timer, long delayMs) {
		Interrupter interrupter = new Interrupter();
		interrupter.pending = timer.schedule(interrupter::interrupt, delayMs, TimeUnit.MILLISECONDS);
		return interrupter;
	}

	/** Arranges nothing yet; {@link #interrupt()} interrupts the thread that created it. */
	static Interrupter forCurrentThread() {
		return new Interrupter();
	}

	/** Interrupts the thread, unless {@link #disarm()} ran before. */
	void interrupt() {
		synchronized (this.lock) {
			if (this.armed) {
				this.thread.interrupt();
			}
		}
	}

	/** Called by the thread itself once the call is over. */
	void disarm() {
		synchronized (this.lock) {
			this.armed = false;
			if (this.pending != null) {
				this.pending.cancel(false);
			}
		}
		Thread.interrupted();
	}

}
