package io.connectspring.internal.server;

import io.connectspring.IdempotencyLevel;
import io.connectspring.MethodDescriptor;
import io.connectspring.StreamType;
import io.connectspring.internal.wire.Codecs;
import io.connectspring.internal.wire.Compressions;

/**
 * What protocols need to know of a procedure and of the server's settings to serve it. Immutable.
 *
 * @param method the procedure
 * @param limits message size limits and compression
 * @param codecs the codecs the server supports
 * @param requireProtocolVersion whether unary Connect requests must send {@code Connect-Protocol-Version}
 */
public record ProcedureSpec(MethodDescriptor<?, ?> method, Limits limits, Codecs codecs,
		boolean requireProtocolVersion) {

	/** Returns the procedure's stream type. */
	public StreamType streamType() {
		return this.method.streamType();
	}

	/** Returns whether the procedure may be called with HTTP GET. */
	public boolean allowsGet() {
		return this.method.streamType() == StreamType.UNARY
				&& this.method.idempotencyLevel() == IdempotencyLevel.NO_SIDE_EFFECTS;
	}

	/**
	 * Message size limits and compression.
	 *
	 * @param maxRequestMessageSize the largest request message, before and after decompression
	 * @param maxResponseMessageSize the largest response message, before compression
	 * @param compressions the supported compressions
	 */
	public record Limits(long maxRequestMessageSize, long maxResponseMessageSize, Compressions compressions) {
	}

}
