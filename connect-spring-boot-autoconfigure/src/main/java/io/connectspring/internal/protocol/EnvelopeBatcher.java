package io.connectspring.internal.protocol;

import java.util.Queue;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DataBufferUtils;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxOperator;
import reactor.core.publisher.Operators;
import reactor.util.concurrent.Queues;
import reactor.util.context.Context;

/**
 * Encodes a stream's messages into envelopes, writing the messages that are already available into one buffer: a
 * service that produces messages faster than the network takes them gets one write per batch instead of one per
 * message (each write costs Netty a promise, a frame and a queue entry), while a message produced alone leaves at
 * once, never waiting for company.
 * <p>
 * It reads up to {@value #PREFETCH} messages ahead of the network, as Reactor Netty's own send loop does, and a batch
 * holds at most about {@value #MAX_BATCH_BYTES} bytes (or one larger message), so memory stays bounded. Errors of the
 * upstream are signalled after the messages before them; an encoder failure ends the stream with that failure after
 * the messages encoded before it.
 */
public final class EnvelopeBatcher {

	/** How many messages are requested ahead of the network. */
	static final int PREFETCH = 64;

	/** A batch is written once it holds this many bytes. */
	static final int MAX_BATCH_BYTES = 16 * 1024;

	private static final int INITIAL_BATCH_BYTES = 512;

	private static final int QUEUE_LINK_SIZE = 16;

	private EnvelopeBatcher() {
	}

	/** Writes one message into a buffer, as a whole envelope or not at all (when it throws). */
	@FunctionalInterface
	public interface Encoder<T> {

		void encode(T message, DataBuffer buffer);

	}

	/** Returns the buffers of the encoded messages, batched as described above. */
	public static <T> Flux<DataBuffer> encode(Flux<T> messages, DataBufferFactory factory, Encoder<T> encoder) {
		// A plain FluxOperator, not Operators.lift: a lifted operator over a fuseable source claims fusion.
		return new FluxOperator<T, DataBuffer>(messages) {

			@Override
			public void subscribe(CoreSubscriber<? super DataBuffer> actual) {
				this.source.subscribe(new BatchingSubscriber<>(actual, factory, encoder));
			}

		};
	}

	/**
	 * The operator: a queue-drain loop in the manner of Reactor's {@code publishOn}, whose drain takes every queued
	 * message into one buffer instead of one signal each. Replenishing the upstream inside the drain lets a
	 * synchronous source add more to the same batch.
	 */
	private static final class BatchingSubscriber<T> implements CoreSubscriber<T>, Subscription {

		@SuppressWarnings("rawtypes")
		private static final AtomicIntegerFieldUpdater<BatchingSubscriber> WIP = AtomicIntegerFieldUpdater
			.newUpdater(BatchingSubscriber.class, "wip");

		@SuppressWarnings("rawtypes")
		private static final AtomicLongFieldUpdater<BatchingSubscriber> REQUESTED = AtomicLongFieldUpdater
			.newUpdater(BatchingSubscriber.class, "requested");

		private static final int LIMIT = PREFETCH - (PREFETCH >> 2);

		private final CoreSubscriber<? super DataBuffer> actual;

		private final DataBufferFactory factory;

		private final Encoder<T> encoder;

		// Linked chunks of 16, not one array of PREFETCH: an idle bidi stream keeps ~100 bytes here instead of ~700
		// (Reactor's array queue pads itself against false sharing). Demand bounds it to PREFETCH messages.
		private final Queue<T> queue = Queues.<T>unbounded(QUEUE_LINK_SIZE).get();

		private @Nullable Subscription upstream;

		private volatile boolean done;

		private @Nullable Throwable error;

		private @Nullable Throwable encodeFailure;

		private volatile boolean cancelled;

		private volatile int wip;

		private volatile long requested;

		private int consumed;

		BatchingSubscriber(CoreSubscriber<? super DataBuffer> actual, DataBufferFactory factory, Encoder<T> encoder) {
			this.actual = actual;
			this.factory = factory;
			this.encoder = encoder;
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
				// Requested inside the drain's guard, so that what a synchronous source emits now forms one batch.
				boolean draining = WIP.getAndIncrement(this) == 0;
				subscription.request(PREFETCH);
				if (draining) {
					drainLoop();
				}
			}
		}

		@Override
		public void onNext(T message) {
			if (this.done) {
				Operators.onNextDropped(message, currentContext());
				return;
			}
			if (!this.queue.offer(message)) {
				// The upstream sent more than requested.
				upstream().cancel();
				onError(Operators.onOperatorError(upstream(),
						reactor.core.Exceptions.failWithOverflow(reactor.core.Exceptions.BACKPRESSURE_ERROR_QUEUE_FULL),
						message, currentContext()));
				return;
			}
			drain();
		}

		@Override
		public void onError(Throwable failure) {
			if (this.done) {
				Operators.onErrorDropped(failure, currentContext());
				return;
			}
			this.error = failure;
			this.done = true;
			drain();
		}

		@Override
		public void onComplete() {
			if (!this.done) {
				this.done = true;
				drain();
			}
		}

		@Override
		public void request(long n) {
			if (Operators.validate(n)) {
				Operators.addCap(REQUESTED, this, n);
				drain();
			}
		}

		@Override
		public void cancel() {
			if (this.cancelled) {
				return;
			}
			this.cancelled = true;
			upstream().cancel();
			if (WIP.getAndIncrement(this) == 0) {
				discardQueue();
			}
		}

		private Subscription upstream() {
			Subscription subscription = this.upstream;
			if (subscription == null) {
				throw new IllegalStateException("not subscribed");
			}
			return subscription;
		}

		private void discardQueue() {
			Operators.onDiscardQueueWithClear(this.queue, currentContext(), null);
		}

		private void drain() {
			if (WIP.getAndIncrement(this) == 0) {
				drainLoop();
			}
		}

		/** Emits batches while there is demand; runs only after this thread took the guard ({@code wip}). */
		private void drainLoop() {
			int missed = 1;
			for (;;) {
				long demand = this.requested;
				long emitted = 0;
				while (emitted != demand) {
					if (this.cancelled) {
						discardQueue();
						return;
					}
					boolean terminated = this.done;
					DataBuffer batch = fill();
					if (batch != null) {
						this.actual.onNext(batch);
						emitted++;
					}
					Throwable failure = this.encodeFailure;
					if (failure != null) {
						this.cancelled = true;
						upstream().cancel();
						discardQueue();
						this.actual.onError(Operators.onOperatorError(failure, currentContext()));
						return;
					}
					if (batch == null) {
						if (terminated) {
							terminate();
							return;
						}
						break;
					}
				}
				if (emitted == demand && !this.cancelled && this.done && this.queue.isEmpty()) {
					terminate();
					return;
				}
				if (emitted != 0 && demand != Long.MAX_VALUE) {
					REQUESTED.addAndGet(this, -emitted);
				}
				missed = WIP.addAndGet(this, -missed);
				if (missed == 0) {
					return;
				}
			}
		}

		/**
		 * Returns the queued messages encoded into one buffer, or {@code null} when none is queued. An encoder failure
		 * is kept for the caller, which signals it after the buffer of the messages before it.
		 */
		private @Nullable DataBuffer fill() {
			DataBuffer batch = null;
			T message;
			while ((message = this.queue.poll()) != null) {
				if (batch == null) {
					batch = this.factory.allocateBuffer(INITIAL_BATCH_BYTES);
				}
				try {
					this.encoder.encode(message, batch);
				}
				catch (Throwable failure) {
					this.encodeFailure = failure;
					break;
				}
				if (++this.consumed == LIMIT) {
					this.consumed = 0;
					upstream().request(LIMIT);
				}
				if (batch.readableByteCount() >= MAX_BATCH_BYTES) {
					break;
				}
			}
			if (batch != null && batch.readableByteCount() == 0) {
				DataBufferUtils.release(batch);
				return null;
			}
			return batch;
		}

		private void terminate() {
			Throwable failure = this.error;
			if (failure != null) {
				this.actual.onError(failure);
			}
			else {
				this.actual.onComplete();
			}
		}

	}

}
