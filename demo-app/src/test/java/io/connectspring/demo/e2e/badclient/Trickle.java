package io.connectspring.demo.e2e.badclient;

import java.io.IOException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A client that sends its bytes one a second, the slowloris pace, from a thread of its own. */
final class Trickle {

	private Trickle() {
	}

	/**
	 * Starts writing the bytes one a second until all are written or a write fails (the server closed the
	 * connection), and returns the count of bytes written, which goes on counting while the caller waits for the
	 * server's answer.
	 */
	static AtomicInteger start(byte[] bytes, Writer writer) {
		AtomicInteger sent = new AtomicInteger();
		ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
		pacer.scheduleAtFixedRate(() -> {
			int next = sent.get();
			if (next >= bytes.length) {
				pacer.shutdown();
				return;
			}
			try {
				writer.write(new byte[] { bytes[next] });
				sent.incrementAndGet();
			}
			catch (IOException ex) {
				pacer.shutdown();
			}
		}, 0, 1, TimeUnit.SECONDS);
		return sent;
	}

	/** Writes bytes to a connection. */
	@FunctionalInterface
	interface Writer {

		void write(byte[] bytes) throws IOException;

	}

}
