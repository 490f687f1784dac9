package io.connectspring.benchmarks.client;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.google.protobuf.InvalidProtocolBufferException;
import io.connectspring.benchmarks.Frames;
import io.connectspring.benchmarks.greet.v1.GreetRequest;
import io.connectspring.benchmarks.greet.v1.GreetResponse;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaders;
import org.jspecify.annotations.Nullable;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClientResponse;

/**
 * Opens many {@code Converse} streams over h2c, holds them all open, then ends them all and checks every one, for the
 * 10,000-stream scenario.
 * <p>
 * {@code ManyStreamsClient <port> <connect|grpc> <streams>}: stream {@code i} sends the greeting {@code s<i>-a} and
 * waits for its answer; once every stream has one the client prints {@code OPEN <streams> <ms>} and holds them all
 * open until a line arrives on standard input (the caller measures the server meanwhile). Then each stream sends
 * {@code s<i>-b} and ends its requests, and the client checks that each got exactly its two answers, in order, and
 * its end: the Connect end-of-stream message without an error, or gRPC trailers with {@code grpc-status: 0}. It
 * prints {@code DONE <streams> <ms>} and exits 0, or exits 1 with the number of failed streams and the first
 * failure. Streams are spread over connections as {@link ConverseStreams} does.
 */
public final class ManyStreamsClient {

	private static final Duration OPEN_TIMEOUT = Duration.ofSeconds(180);

	private static final Duration END_TIMEOUT = Duration.ofSeconds(180);

	private ManyStreamsClient() {
	}

	public static void main(String[] args) throws Exception {
		int port = Integer.parseInt(args[0]);
		boolean grpc = "grpc".equals(args[1]);
		int streams = Integer.parseInt(args[2]);
		ConverseStreams converse = new ConverseStreams("many-streams", port, grpc, streams, OPEN_TIMEOUT);
		Sinks.Empty<Void> release = Sinks.empty();
		CountDownLatch answered = new CountDownLatch(streams);
		CountDownLatch ended = new CountDownLatch(streams);
		AtomicInteger failed = new AtomicInteger();
		AtomicReference<String> firstFailure = new AtomicReference<>();
		long start = System.nanoTime();
		for (int i = 0; i < streams; i++) {
			Call call = new Call("s" + i, grpc, answered);
			Flux<ByteBuf> requests = Flux.concat(call.request("a"), release.asMono().then(call.request("b")));
			converse.open(requests)
				.response(call::read)
				.then(Mono.fromCallable(call::check))
				.subscribe((failure) -> {
					if (!failure.isEmpty()) {
						failed.incrementAndGet();
						firstFailure.compareAndSet(null, call.name + ": " + failure);
					}
					call.answeredOnce();
					ended.countDown();
				}, (error) -> {
					failed.incrementAndGet();
					firstFailure.compareAndSet(null, call.name + ": " + error);
					call.answeredOnce();
					ended.countDown();
				});
		}
		if (!answered.await(OPEN_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
			fail("only " + (streams - answered.getCount()) + " of " + streams + " streams answered within "
					+ OPEN_TIMEOUT.toSeconds() + " s");
		}
		if (failed.get() > 0) {
			fail(failed.get() + " of " + streams + " streams failed while opening, the first: " + firstFailure.get());
		}
		System.out.println("OPEN " + streams + " " + millisSince(start));
		System.out.flush();
		new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
		long end = System.nanoTime();
		release.tryEmitEmpty();
		if (!ended.await(END_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
			fail("only " + (streams - ended.getCount()) + " of " + streams + " streams ended within "
					+ END_TIMEOUT.toSeconds() + " s");
		}
		if (failed.get() > 0) {
			fail(failed.get() + " of " + streams + " streams did not end as expected, the first: "
					+ firstFailure.get());
		}
		System.out.println("DONE " + streams + " " + millisSince(end));
		System.out.flush();
		converse.close();
	}

	private static long millisSince(long start) {
		return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
	}

	private static void fail(String message) {
		System.err.println("ManyStreamsClient: " + message);
		System.exit(1);
	}

	/** One stream: what it sent, what came back. Confined to the stream's connection thread once it runs. */
	private static final class Call {

		private final String name;

		private final boolean grpc;

		private final CountDownLatch answered;

		private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

		private final StringBuilder greetings = new StringBuilder();

		private volatile boolean counted;

		private @Nullable String endStream;

		private volatile @Nullable HttpHeaders trailers;

		private volatile int status;

		private volatile @Nullable String contentType;

		Call(String name, boolean grpc, CountDownLatch answered) {
			this.name = name;
			this.grpc = grpc;
			this.answered = answered;
		}

		Mono<ByteBuf> request(String suffix) {
			byte[] message = GreetRequest.newBuilder().setName(this.name + "-" + suffix).build().toByteArray();
			return Mono.fromSupplier(() -> Unpooled.wrappedBuffer(Frames.envelope(0, message)));
		}

		Mono<Void> read(HttpClientResponse response, ByteBufFlux body) {
			this.status = response.status().code();
			this.contentType = response.responseHeaders().get("content-type");
			Mono<Void> content = body.asByteArray().doOnNext(this::append).then();
			return this.grpc ? content.then(response.trailerHeaders().doOnNext((t) -> this.trailers = t).then())
					: content;
		}

		private void append(byte[] bytes) {
			this.pending.writeBytes(bytes);
			byte[] all = this.pending.toByteArray();
			int at = 0;
			while (all.length - at >= Frames.PREFIX) {
				int length = ((all[at + 1] & 0xFF) << 24) | ((all[at + 2] & 0xFF) << 16) | ((all[at + 3] & 0xFF) << 8)
						| (all[at + 4] & 0xFF);
				if (all.length - at - Frames.PREFIX < length) {
					break;
				}
				int flags = all[at] & 0xFF;
				byte[] data = new byte[length];
				System.arraycopy(all, at + Frames.PREFIX, data, 0, length);
				at += Frames.PREFIX + length;
				if (flags == Frames.END_STREAM && !this.grpc) {
					this.endStream = new String(data, StandardCharsets.UTF_8);
					continue;
				}
				try {
					this.greetings.append(flags == 0 ? GreetResponse.parseFrom(data).getGreeting() : "<flags " + flags + ">")
						.append('|');
				}
				catch (InvalidProtocolBufferException ex) {
					this.greetings.append("<unparsable>|");
				}
				answeredOnce();
			}
			this.pending.reset();
			this.pending.write(all, at, all.length - at);
		}

		void answeredOnce() {
			if (!this.counted) {
				this.counted = true;
				this.answered.countDown();
			}
		}

		/** Returns what was wrong with the stream, or an empty string. */
		String check() {
			String expected = "Hello, " + this.name + "-a!|Hello, " + this.name + "-b!|";
			if (this.status != 200) {
				return "HTTP status " + this.status;
			}
			String expectedType = this.grpc ? "application/grpc" : "application/connect+proto";
			if (this.contentType == null || !this.contentType.startsWith(expectedType)) {
				return "content-type " + this.contentType;
			}
			if (!this.greetings.toString().equals(expected)) {
				return "answers " + this.greetings + ", expected " + expected;
			}
			if (this.pending.size() != 0) {
				return this.pending.size() + " bytes after the last envelope";
			}
			if (this.grpc) {
				HttpHeaders end = this.trailers;
				String status = (end != null) ? end.get("grpc-status") : null;
				return "0".equals(status) ? "" : "trailers " + end + ", expected grpc-status 0";
			}
			if (this.endStream == null) {
				return "no end-of-stream message";
			}
			return this.endStream.contains("\"error\"") ? "end of stream with an error: " + this.endStream : "";
		}

	}

}
