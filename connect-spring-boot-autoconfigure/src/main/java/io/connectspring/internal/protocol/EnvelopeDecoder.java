package io.connectspring.internal.protocol;

import io.connectspring.Code;
import io.connectspring.ConnectException;

import java.util.ArrayList;
import java.util.List;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Splits a body into {@link Envelope envelopes} as its buffers arrive. It holds at most one incomplete envelope, and
 * rejects a length prefix above the limit before allocating anything for it. One decoder per stream; not
 * thread-safe, as a Reactor pipeline never calls it concurrently.
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
		return Flux.defer(() -> {
			EnvelopeDecoder decoder = new EnvelopeDecoder(maxMessageSize);
			return body.concatMapIterable(decoder::read, 1).concatWith(Mono.fromRunnable(decoder::checkComplete));
		});
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

}
