package io.connectspring.internal.server;

import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.http.server.reactive.AbstractServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponse;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.netty.channel.AbortedException;
import reactor.netty.http.server.HttpServerResponse;
import reactor.util.context.Context;

/**
 * Writes a streaming response body: the buffers of a stream's messages, as they come.
 * <p>
 * WebFlux's {@code writeWith} hands a {@code Flux} to Reactor Netty's send loop, which requests 128 buffers ahead and
 * keeps a 128-slot queue for every response: about 1 KB of heap for each open stream, and for a slow reader up to 128
 * batches waiting in memory. On an undecorated Reactor Netty response this writer does the same job with one buffer
 * in flight: it commits the response through {@code writeWith} when the first buffer arrives (so commit actions run
 * and the headers leave as usual, after the service had its chance to set them), then writes each buffer to the
 * channel itself and requests the next when Netty has taken it. A reader that stops reading stops the stream there,
 * with one buffer held. Anywhere else (another server, or a response a filter decorated, whose {@code writeWith}
 * must see the body) it is {@code writeWith}.
 * <p>
 * The result completes when the last buffer is written, fails when the body fails (before the first buffer: without
 * committing, as {@code writeWith} does) or when the channel refuses a write ({@link AbortedException}, the stream
 * having gone), and cancelling it cancels the body.
 */
public final class StreamingBodyWriter {

	private StreamingBodyWriter() {
	}

	static Mono<Void> write(ServerHttpResponse response, Publisher<? extends DataBuffer> body) {
		HttpServerResponse netty = nettyResponse(response);
		if (netty != null) {
			return new Mono<>() {

				@Override
				public void subscribe(CoreSubscriber<? super Void> actual) {
					body.subscribe(new ChannelWriter(actual, response, netty));
				}

			};
		}
		return response.writeWith(body);
	}

	private static @Nullable HttpServerResponse nettyResponse(ServerHttpResponse response) {
		if (!(response instanceof AbstractServerHttpResponse plain)) {
			return null;
		}
		try {
			return (plain.getNativeResponse() instanceof HttpServerResponse netty) ? netty : null;
		}
		catch (RuntimeException ex) {
			// A mock response has no native one.
			return null;
		}
	}

	/**
	 * Subscribes to the body and writes it. Demand is one buffer: requested at the start, and again each time Netty
	 * reports a write done; a guard ({@code wip}) turns writes that complete at once into a loop instead of a
	 * recursion. The terminal signal waits for the write in flight.
	 */
	private static final class ChannelWriter
			implements CoreSubscriber<DataBuffer>, Subscription, ChannelFutureListener {

		private static final AtomicIntegerFieldUpdater<ChannelWriter> WIP = AtomicIntegerFieldUpdater
			.newUpdater(ChannelWriter.class, "wip");

		private static final AtomicIntegerFieldUpdater<ChannelWriter> TERMINATED = AtomicIntegerFieldUpdater
			.newUpdater(ChannelWriter.class, "terminated");

		private static final AtomicReferenceFieldUpdater<ChannelWriter, @Nullable DataBuffer> FIRST =
				AtomicReferenceFieldUpdater.newUpdater(ChannelWriter.class, DataBuffer.class, "first");

		private final CoreSubscriber<? super Void> actual;

		private final ServerHttpResponse response;

		private final HttpServerResponse netty;

		private @Nullable Subscription upstream;

		private volatile @Nullable Channel channel;

		/** The first buffer, held while the response commits. */
		private volatile @Nullable DataBuffer first;

		/** Whether a write (or the commit) is in flight. */
		private volatile boolean writing;

		private volatile int wip;

		private volatile boolean done;

		private volatile @Nullable Throwable error;

		private volatile boolean cancelled;

		private volatile int terminated;

		ChannelWriter(CoreSubscriber<? super Void> actual, ServerHttpResponse response, HttpServerResponse netty) {
			this.actual = actual;
			this.response = response;
			this.netty = netty;
		}

		@Override
		public Context currentContext() {
			return this.actual.currentContext();
		}

		@Override
		public void onSubscribe(Subscription subscription) {
			if (Operators.validate(this.upstream, subscription)) {
				this.upstream = subscription;
				this.actual.onSubscribe(this);
				requestNext();
			}
		}

		@Override
		public void onNext(DataBuffer buffer) {
			if (this.cancelled || this.done) {
				DataBufferUtils.release(buffer);
				return;
			}
			this.writing = true;
			if (this.channel == null) {
				// The first buffer: commit through WebFlux (commit actions, then the headers), then write it.
				this.netty.withConnection((connection) -> this.channel = connection.channel());
				Channel target = this.channel;
				if (target != null) {
					// A reset stream or a dropped connection closes the channel: the call is cancelled.
					target.closeFuture().addListener(this);
				}
				this.first = buffer;
				this.response.writeWith(Flux.empty()).subscribe(null, this::writeFailed, this::committed);
				return;
			}
			write(buffer);
		}

		private void committed() {
			DataBuffer buffer = FIRST.getAndSet(this, null);
			if (buffer != null) {
				write(buffer);
			}
		}

		private void write(DataBuffer buffer) {
			Channel target = this.channel;
			if (target == null) {
				DataBufferUtils.release(buffer);
				return;
			}
			ChannelFuture written = target.writeAndFlush(NettyDataBufferFactory.toByteBuf(buffer));
			if (written.isDone()) {
				operationComplete(written);
			}
			else {
				written.addListener(this);
			}
		}

		/**
		 * A write finished: on to the next buffer, or the end the body signalled meanwhile. Or the channel closed:
		 * the body is cancelled and the result completes, as Reactor Netty's own send loop does.
		 */
		@Override
		public void operationComplete(ChannelFuture written) {
			Channel target = this.channel;
			if (target != null && written == target.closeFuture()) {
				channelClosed();
				return;
			}
			if (!written.isSuccess()) {
				writeFailed(written.cause());
				return;
			}
			this.writing = false;
			if (this.done) {
				terminate();
			}
			else {
				requestNext();
			}
		}

		private void writeFailed(Throwable failure) {
			this.writing = false;
			if (this.cancelled) {
				return;
			}
			this.cancelled = true;
			upstream().cancel();
			releaseFirst();
			this.error = (failure instanceof AbortedException) ? failure : new AbortedException(failure);
			this.done = true;
			terminate();
		}

		private void channelClosed() {
			if (this.cancelled) {
				return;
			}
			this.cancelled = true;
			upstream().cancel();
			releaseFirst();
			if (TERMINATED.compareAndSet(this, 0, 1)) {
				this.actual.onComplete();
			}
		}

		private void requestNext() {
			if (WIP.getAndIncrement(this) != 0) {
				return;
			}
			int missed = 1;
			do {
				if (!this.cancelled && !this.done) {
					upstream().request(1);
				}
				missed = WIP.addAndGet(this, -missed);
			}
			while (missed != 0);
		}

		@Override
		public void onError(Throwable failure) {
			if (this.done) {
				Operators.onErrorDropped(failure, currentContext());
				return;
			}
			this.error = failure;
			this.done = true;
			if (!this.writing) {
				terminate();
			}
		}

		@Override
		public void onComplete() {
			if (this.done) {
				return;
			}
			this.done = true;
			if (this.channel == null) {
				// An empty body: the response is committed without one, as writeWith would.
				this.writing = true;
				this.response.writeWith(Flux.empty()).subscribe(null, this::writeFailed, () -> {
					this.writing = false;
					terminate();
				});
				return;
			}
			if (!this.writing) {
				terminate();
			}
		}

		/**
		 * Signals the end, once: called when done and nothing is in flight, possibly by the body's thread and the
		 * channel's at once. A cancelled writer signals nothing, unless a failed write cancelled it.
		 */
		private void terminate() {
			if (this.cancelled && this.error == null || !TERMINATED.compareAndSet(this, 0, 1)) {
				return;
			}
			stopWatchingChannel();
			Throwable failure = this.error;
			if (failure != null) {
				this.actual.onError(failure);
			}
			else {
				this.actual.onComplete();
			}
		}

		@Override
		public void request(long n) {
			// The result is a Mono<Void>: the caller's demand does not pace the body, the channel does.
		}

		@Override
		public void cancel() {
			if (this.cancelled) {
				return;
			}
			this.cancelled = true;
			upstream().cancel();
			releaseFirst();
			stopWatchingChannel();
		}

		/** An HTTP/1.1 channel outlives the call: its close listener must not pile up, one per call. */
		private void stopWatchingChannel() {
			Channel target = this.channel;
			if (target != null) {
				target.closeFuture().removeListener(this);
			}
		}

		private void releaseFirst() {
			DataBuffer buffer = FIRST.getAndSet(this, null);
			if (buffer != null) {
				DataBufferUtils.release(buffer);
			}
		}

		private Subscription upstream() {
			Subscription subscription = this.upstream;
			if (subscription == null) {
				throw new IllegalStateException("not subscribed");
			}
			return subscription;
		}

	}

}
