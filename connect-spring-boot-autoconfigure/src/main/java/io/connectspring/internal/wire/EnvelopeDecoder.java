package io.connectspring.internal.wire;

import io.connectspring.Code;
import io.connectspring.ConnectException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxOperator;

/**
 * Splits a body into {@link Envelope envelopes} as its buffers arrive. It holds at most one incomplete envelope, and
 * rejects a length prefix above the limit before allocating anything for it. One decoder per stream; not
 * thread-safe, as a Reactor pipeline never calls it concurrently.
 * <p>
 * The operator reads one buffer at a time: the next is requested once the envelopes of the one before have been
 * emitted (as {@code concatMapIterable} with a prefetch of 1 would, with two subscribers fewer for every open stream).
 */
public final class EnvelopeDecoder {

	private final long maxMessageSize;

	private final byte[] prefix = new byte[Envelope.PREFIX_LENGTH];

	private int prefixRead;

	private byte[] data = new byte[0];

	private int dataRead;

	private EnvelopeDecoder(long maxMessageSize) {
		this.maxMessageSize = maxMessageSize;
	}

	/**
	 * Returns the envelopes of a body. Buffers are released once read. The result fails with
	 * {@link Code#RESOURCE_EXHAUSTED} for a message over the limit and {@link Code#INVALID_ARGUMENT} when the body ends
	 * inside an envelope.
	 */
	public static Flux<Envelope> decode(Flux<DataBuffer> body, long maxMessageSize) {
		// A plain FluxOperator, not Operators.lift: a lifted operator over a fuseable source claims fusion.
		return new FluxOperator<DataBuffer, Envelope>(body) {

			@Override
			public void subscribe(CoreSubscriber<? super Envelope> actual) {
				this.source.subscribe(new DecodingSubscriber(actual, new EnvelopeDecoder(maxMessageSize)));
			}

		};
	}

	private List<Envelope> read(DataBuffer buffer) {
		List<Envelope> envelopes = new ArrayList<>(1);
		try {
			while (buffer.readableByteCount() > 0) {
				if (this.prefixRead < Envelope.PREFIX_LENGTH) {
					int n = Math.min(Envelope.PREFIX_LENGTH - this.prefixRead, buffer.readableByteCount());
					buffer.read(this.prefix, this.prefixRead, n);
					this.prefixRead += n;
					if (this.prefixRead < Envelope.PREFIX_LENGTH) {
						break;
					}
					startMessage();
				}
				int n = Math.min(this.data.length - this.dataRead, buffer.readableByteCount());
				buffer.read(this.data, this.dataRead, n);
				this.dataRead += n;
				if (this.dataRead == this.data.length) {
					envelopes.add(new Envelope(this.prefix[0] & 0xFF, this.data));
					this.prefixRead = 0;
				}
			}
		}
		finally {
			DataBufferUtils.release(buffer);
		}
		return envelopes;
	}

	private void startMessage() {
		long length = ((this.prefix[1] & 0xFFL) << 24) | ((this.prefix[2] & 0xFFL) << 16)
				| ((this.prefix[3] & 0xFFL) << 8) | (this.prefix[4] & 0xFFL);
		if (length > this.maxMessageSize) {
			throw new ConnectException(Code.RESOURCE_EXHAUSTED,
					"message size " + length + " is larger than configured max " + this.maxMessageSize);
		}
		this.data = new byte[(int) length];
		this.dataRead = 0;
	}

	private void checkComplete() {
		if (this.prefixRead == 0) {
			return;
		}
		if (this.prefixRead < Envelope.PREFIX_LENGTH) {
			throw new ConnectException(Code.INVALID_ARGUMENT, "protocol error: incomplete envelope");
		}
		throw new ConnectException(Code.INVALID_ARGUMENT, "protocol error: promised " + this.data.length
				+ " bytes in enveloped message, got " + this.dataRead + " bytes");
	}

	/**
	 * The operator: a queue-drain loop over the envelopes of the buffer in hand. A buffer is decoded when it arrives
	 * (so a bad prefix fails at once), its envelopes are emitted as demand allows, and only then is the next buffer
	 * requested.
	 */
	private static final class DecodingSubscriber extends DrainingSubscriber<DataBuffer, Envelope> {

		@SuppressWarnings("rawtypes")
		private static final AtomicReferenceFieldUpdater<DecodingSubscriber, @Nullable List> INCOMING =
				AtomicReferenceFieldUpdater.newUpdater(DecodingSubscriber.class, List.class, "incoming");

		private final EnvelopeDecoder decoder;

		/** The envelopes of the buffer that arrived last, handed from {@code onNext} to the drain loop. */
		private volatile @Nullable List<Envelope> incoming;

		/** Whether a buffer was requested and has not arrived. */
		private volatile boolean awaiting;

		// Drain-loop state: the envelopes being emitted and the next one's index.
		private @Nullable List<Envelope> current;

		private int index;

		DecodingSubscriber(CoreSubscriber<? super Envelope> actual, EnvelopeDecoder decoder) {
			super(actual);
			this.decoder = decoder;
		}

		@Override
		protected void start(Subscription upstream) {
			// The drain loop asks for the first buffer.
			drain();
		}

		@Override
		public void onNext(DataBuffer buffer) {
			if (this.done || this.cancelled) {
				DataBufferUtils.release(buffer);
				return;
			}
			List<Envelope> envelopes;
			try {
				envelopes = this.decoder.read(buffer);
			}
			catch (RuntimeException ex) {
				upstream().cancel();
				onError(ex);
				return;
			}
			this.incoming = envelopes;
			this.awaiting = false;
			drain();
		}

		@Override
		public void cancel() {
			if (!this.cancelled) {
				this.cancelled = true;
				upstream().cancel();
			}
		}

		@Override
		protected void drainLoop() {
			int missed = 1;
			for (;;) {
				long demand = requested();
				long emitted = 0;
				for (;;) {
					if (this.cancelled) {
						this.current = null;
						this.incoming = null;
						return;
					}
					List<Envelope> envelopes = this.current;
					if (envelopes == null || this.index == envelopes.size()) {
						@SuppressWarnings("unchecked")
						List<Envelope> next = INCOMING.getAndSet(this, null);
						envelopes = next;
						this.current = envelopes;
						this.index = 0;
					}
					if (envelopes != null && this.index < envelopes.size()) {
						if (emitted == demand) {
							break;
						}
						this.actual.onNext(envelopes.get(this.index++));
						emitted++;
						continue;
					}
					// Nothing in hand: the body ended, or the next buffer is wanted.
					if (this.done) {
						if (this.incoming != null) {
							// The last buffer arrived after the look above, and before the end.
							continue;
						}
						Throwable failure = this.error;
						if (failure != null) {
							this.actual.onError(failure);
							return;
						}
						try {
							this.decoder.checkComplete();
						}
						catch (RuntimeException ex) {
							this.actual.onError(ex);
							return;
						}
						this.actual.onComplete();
						return;
					}
					if (this.awaiting) {
						// A buffer is on its way; its onNext drains again.
						break;
					}
					if (this.incoming != null) {
						// It came between the look above and now (onNext sets it before clearing awaiting): take
						// it before asking for another, which would overwrite it.
						continue;
					}
					this.awaiting = true;
					upstream().request(1);
				}
				produced(emitted, demand);
				missed = leave(missed);
				if (missed == 0) {
					return;
				}
			}
		}

	}

}
