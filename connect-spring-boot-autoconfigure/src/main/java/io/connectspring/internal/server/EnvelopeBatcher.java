package io.connectspring.internal.server;

import io.connectspring.internal.wire.DrainingSubscriber;
import java.util.Queue;

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

/**
 * Encodes a stream's messages into envelopes, writing the messages that are already available into one buffer: a
 * service that produces messages faster than the network takes them gets one write per batch instead of one per
 * message (each write costs Netty a promise, a frame and a queue entry), while a message produced alone leaves at
 * once, never waiting for company.
 * <p>
 * It reads ahead of the network a few messages whose size adds up to about {@value #MAX_READ_AHEAD_BYTES} bytes, at
 * least one and at most {@value #PREFETCH}, judging a message's size from the ones before it; a batch holds at most
 * about {@value #MAX_BATCH_BYTES} bytes (or one larger message). A stream whose reader stopped reading so holds, on
 * top of the one batch being written, about {@value #MAX_READ_AHEAD_BYTES} bytes of small messages or one large one,
 * not {@value #PREFETCH} of them: the bound gives way only when messages grow suddenly, {@value #PREFETCH} small ones
 * having been asked for before the first large one was seen.
 * <p>
 * Errors of the upstream are signalled after the messages before them; an encoder failure ends the stream with that
 * failure after the messages encoded before it. With an {@link Ending}, the protocol's last buffer (an end-of-stream
 * message, a trailers frame) follows the messages instead, and a failure goes to the ending rather than downstream:
 * one operator for the whole body, where {@code concatWith} and {@code onErrorResume} would hold two more subscribers
 * per stream.
 */
public final class EnvelopeBatcher {

	/** How many messages are requested ahead of the network, at most. */
	static final int PREFETCH = 64;

	/** About how many bytes of messages, before compression, are requested ahead of the network. */
	static final int MAX_READ_AHEAD_BYTES = 64 * 1024;

	/** A batch is written once it holds this many bytes. */
	static final int MAX_BATCH_BYTES = 16 * 1024;

	private static final int INITIAL_BATCH_BYTES = 512;

	private static final int QUEUE_LINK_SIZE = 16;

	private EnvelopeBatcher() {
	}

	/** Writes one message into a buffer, as a whole envelope or not at all (when it throws). */
	@FunctionalInterface
	public interface Encoder<T> {

		/**
		 * Writes the message and returns its size before compression, in bytes: what the batcher takes a message
		 * like it to weigh while it waits to be written.
		 */
		int encode(T message, DataBuffer buffer);

	}

	/** How a body ends once its messages are written. */
	@FunctionalInterface
	public interface Ending {

		/**
		 * Returns the body's last buffer, or {@code null} for none; the body then completes. Throwing ends the body
		 * with that exception instead.
		 * @param failure what ended the messages (the upstream's error or the encoder's), or {@code null}
		 * @param messagesSent whether any message was emitted before
		 */
		@Nullable DataBuffer end(@Nullable Throwable failure, boolean messagesSent);

	}

	/** Returns the buffers of the encoded messages, batched as described above. */
	public static <T> Flux<DataBuffer> encode(Flux<T> messages, DataBufferFactory factory, Encoder<T> encoder) {
		return encode(messages, factory, encoder, null);
	}

	/** Returns the buffers of the encoded messages, batched as described above, then the ending's buffer. */
	public static <T> Flux<DataBuffer> encode(Flux<T> messages, DataBufferFactory factory, Encoder<T> encoder,
			@Nullable Ending ending) {
		return encode(messages, factory, encoder, ending, null);
	}

	/**
	 * Returns the buffers of the encoded messages, batched as described above, then the ending's buffer. When the
	 * call's service asks for its headers to leave early ({@link CallState#sendHeadersNow()}) before any message
	 * did, an empty buffer is emitted first: the response commits, and its headers leave, with it. The ending then
	 * counts it as sent.
	 */
	static <T> Flux<DataBuffer> encode(Flux<T> messages, DataBufferFactory factory, Encoder<T> encoder,
			@Nullable Ending ending, @Nullable CallState call) {
		// A plain FluxOperator, not Operators.lift: a lifted operator over a fuseable source claims fusion.
		return new FluxOperator<T, DataBuffer>(messages) {

			@Override
			public void subscribe(CoreSubscriber<? super DataBuffer> actual) {
				BatchingSubscriber<T> batcher = new BatchingSubscriber<>(actual, factory, encoder, ending);
				// Before subscribing: a service may ask, then fail, while it is being subscribed to.
				if (call != null) {
					call.onSendHeadersNow(batcher::sendHeaders);
				}
				this.source.subscribe(batcher);
			}

		};
	}

	/**
	 * The operator: a queue-drain loop in the manner of Reactor's {@code publishOn}, whose drain takes every queued
	 * message into one buffer instead of one signal each. Replenishing the upstream inside the drain lets a
	 * synchronous source add more to the same batch.
	 * <p>
	 * Demand upstream is a window of messages sized from an estimate of a message's size: it starts at one message,
	 * whose size sets the window, and is topped up once three quarters of it (all of a window of up to three) have
	 * been encoded, as {@code limitRate} does.
	 */
	private static final class BatchingSubscriber<T> extends DrainingSubscriber<T, DataBuffer> {

		private final DataBufferFactory factory;

		private final Encoder<T> encoder;

		private final @Nullable Ending ending;

		// Linked chunks of 16, not one array of PREFETCH: an idle bidi stream keeps ~100 bytes here instead of ~700
		// (Reactor's array queue pads itself against false sharing). Demand bounds it to PREFETCH messages.
		private final Queue<T> queue = Queues.<T>unbounded(QUEUE_LINK_SIZE).get();

		private @Nullable Throwable encodeFailure;

		/** Messages requested and not yet encoded: queued, or still to come. Drain-loop state, like the one below. */
		private int outstanding = 1;

		/** A message's size as the last ones suggest, in bytes. */
		private int estimate;

		/** Whether a batch was emitted; read by the ending. Drain-loop state, like the two below. */
		private boolean emittedAny;

		/** Whether the messages are over and the ending ran. */
		private boolean finished;

		/** The ending's buffer, waiting for demand. */
		private @Nullable DataBuffer last;

		/** Whether the service asked for the headers to leave before any message. */
		private volatile boolean headersWanted;

		BatchingSubscriber(CoreSubscriber<? super DataBuffer> actual, DataBufferFactory factory, Encoder<T> encoder,
				@Nullable Ending ending) {
			super(actual);
			this.factory = factory;
			this.encoder = encoder;
			this.ending = ending;
		}

		@Override
		protected void start(Subscription upstream) {
			// Requested inside the drain's guard, so that what a synchronous source emits now forms one batch.
			boolean draining = enter();
			// One message first: its size says how many more fit in the read-ahead.
			upstream.request(1);
			if (draining) {
				drainLoop();
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
		public void cancel() {
			if (this.cancelled) {
				return;
			}
			this.cancelled = true;
			upstream().cancel();
			if (enter()) {
				discardQueue();
			}
		}

		/** Emits an empty buffer, if nothing was emitted yet, so that the response's headers leave now. */
		void sendHeaders() {
			this.headersWanted = true;
			drain();
		}

		private void discardQueue() {
			Operators.onDiscardQueueWithClear(this.queue, currentContext(), null);
			DataBuffer pending = this.last;
			if (pending != null) {
				this.last = null;
				DataBufferUtils.release(pending);
			}
		}

		/** Emits batches while there is demand. */
		@Override
		protected void drainLoop() {
			int missed = 1;
			for (;;) {
				long demand = requested();
				long emitted = 0;
				while (emitted != demand) {
					if (this.cancelled) {
						discardQueue();
						return;
					}
					if (this.finished) {
						// Only the ending's buffer is left, and there is demand for it.
						DataBuffer pending = this.last;
						this.last = null;
						if (pending != null) {
							this.actual.onNext(pending);
						}
						this.actual.onComplete();
						return;
					}
					if (this.headersWanted && !this.emittedAny && this.queue.isEmpty()) {
						this.headersWanted = false;
						this.emittedAny = true;
						this.actual.onNext(this.factory.allocateBuffer(0));
						emitted++;
						continue;
					}
					boolean terminated = this.done;
					DataBuffer batch = fill();
					if (batch != null) {
						this.actual.onNext(batch);
						this.emittedAny = true;
						emitted++;
					}
					Throwable failure = this.encodeFailure;
					if (failure != null) {
						this.done = true;
						upstream().cancel();
						Operators.onDiscardQueueWithClear(this.queue, currentContext(), null);
						if (finish(Operators.onOperatorError(failure, currentContext()))) {
							return;
						}
						continue;
					}
					if (batch == null) {
						if (terminated) {
							if (finish(this.error)) {
								return;
							}
							continue;
						}
						break;
					}
				}
				if (emitted == demand && !this.cancelled && !this.finished && this.done && this.queue.isEmpty()
						&& finish(this.error)) {
					return;
				}
				produced(emitted, demand);
				missed = leave(missed);
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
				int size;
				try {
					size = this.encoder.encode(message, batch);
				}
				catch (Throwable failure) {
					this.encodeFailure = failure;
					break;
				}
				replenish(size);
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

		/**
		 * Counts an encoded message of the given size and tops the demand upstream up to the window this size
		 * suggests. The estimate follows a larger message at once and smaller ones a quarter of the way, so that one
		 * large message shrinks the window for the next and a run of small ones widens it again.
		 */
		private void replenish(int size) {
			this.outstanding--;
			int previous = this.estimate;
			int estimate = (size >= previous) ? size : previous - ((previous - size) >> 2);
			this.estimate = estimate;
			int window = Math.max(1, Math.min(PREFETCH, MAX_READ_AHEAD_BYTES / Math.max(1, estimate)));
			int missing = window - this.outstanding;
			if (missing > 0 && missing >= window - (window >> 2)) {
				this.outstanding = window;
				upstream().request(missing);
			}
		}

		/**
		 * The messages are over: without an ending, signals how they ended; with one, signals its failure or, when
		 * it has no buffer, completion. Returns whether the body has ended; if not, the ending's buffer waits for
		 * demand.
		 */
		private boolean finish(@Nullable Throwable failure) {
			this.finished = true;
			Ending end = this.ending;
			if (end == null) {
				signal(failure);
				return true;
			}
			DataBuffer buffer;
			try {
				buffer = end.end(failure, this.emittedAny);
			}
			catch (Throwable ex) {
				signal(ex);
				return true;
			}
			if (buffer == null) {
				signal(null);
				return true;
			}
			this.last = buffer;
			return false;
		}

		private void signal(@Nullable Throwable failure) {
			if (failure != null) {
				this.actual.onError(failure);
			}
			else {
				this.actual.onComplete();
			}
		}

	}

}
