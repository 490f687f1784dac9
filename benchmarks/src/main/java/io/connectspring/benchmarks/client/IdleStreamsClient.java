package io.connectspring.benchmarks.client;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.connectspring.benchmarks.Frames;
import io.connectspring.benchmarks.greet.v1.GreetRequest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Opens many {@code Converse} bidi streams over h2c and holds them open, for the idle-stream memory scenario.
 * <p>
 * {@code IdleStreamsClient <port> <connect|grpc> <streams> <hold seconds>}: each stream sends one
 * {@code GreetRequest} and waits for its answer, then stays open (the request body never ends). Once every stream
 * has its answer the client prints {@code OPEN <streams>}; it then holds them for the given time or until killed.
 * Streams are spread over connections as {@link ConverseStreams} does. Exits 1 with a message if a stream fails or
 * the streams are not all open within 60 seconds.
 */
public final class IdleStreamsClient {

	private IdleStreamsClient() {
	}

	public static void main(String[] args) throws InterruptedException {
		int port = Integer.parseInt(args[0]);
		boolean grpc = "grpc".equals(args[1]);
		int streams = Integer.parseInt(args[2]);
		long holdSeconds = Long.parseLong(args[3]);
		ConverseStreams converse = new ConverseStreams("idle-streams", port, grpc, streams, Duration.ofSeconds(60));
		byte[] request = Frames.envelope(0, GreetRequest.newBuilder().setName(RequestBodies.NAME).build().toByteArray());
		CountDownLatch answered = new CountDownLatch(streams);
		AtomicInteger failed = new AtomicInteger();
		AtomicReference<Throwable> firstFailure = new AtomicReference<>();
		Disposable[] calls = new Disposable[streams];
		for (int i = 0; i < streams; i++) {
			Flux<ByteBuf> body = Flux.concat(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(request)), Mono.never());
			AtomicBoolean first = new AtomicBoolean();
			// Never cancel the response (next() or take(1) would reset the stream): read on, count the first answer.
			calls[i] = converse.open(body)
				.responseContent()
				.subscribe((content) -> {
					if (first.compareAndSet(false, true)) {
						answered.countDown();
					}
				}, (error) -> {
					failed.incrementAndGet();
					firstFailure.compareAndSet(null, error);
					if (first.compareAndSet(false, true)) {
						answered.countDown();
					}
				}, () -> {
					if (first.compareAndSet(false, true)) {
						failed.incrementAndGet();
						firstFailure.compareAndSet(null, new IllegalStateException("stream ended without an answer"));
						answered.countDown();
					}
				});
		}
		if (!answered.await(60, TimeUnit.SECONDS)) {
			fail("only " + (streams - answered.getCount()) + " of " + streams + " streams answered within 60 s");
		}
		if (failed.get() > 0) {
			fail(failed.get() + " of " + streams + " streams failed, the first with: " + firstFailure.get());
		}
		System.out.println("OPEN " + streams);
		System.out.flush();
		Thread.sleep(TimeUnit.SECONDS.toMillis(holdSeconds));
		for (Disposable call : calls) {
			call.dispose();
		}
		converse.close();
	}

	private static void fail(String message) {
		System.err.println("IdleStreamsClient: " + message);
		System.exit(1);
	}

}
