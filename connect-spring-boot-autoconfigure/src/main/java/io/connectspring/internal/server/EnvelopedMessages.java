package io.connectspring.internal.server;

import io.connectspring.Code;
import io.connectspring.Compression;
import io.connectspring.ConnectException;
import io.connectspring.internal.wire.Codec;
import io.connectspring.internal.wire.Compressions;
import io.connectspring.internal.wire.Envelope;

import com.google.protobuf.Message;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.DataBuffer;

/**
 * Messages in envelopes on the server, as the Connect streaming, gRPC and gRPC-Web protocols carry them: a request
 * envelope decompressed within the receive limit and decoded, a response encoded, held to the send limit and
 * compressed when negotiated and large enough.
 */
public final class EnvelopedMessages {

	private static final int KNOWN_REQUEST_FLAGS = Envelope.FLAG_COMPRESSED;

	private EnvelopedMessages() {
	}

	/**
	 * Decodes one request envelope.
	 * @param unknownFlags the code for flags other than "compressed" (the protocols disagree on it)
	 * @throws ConnectException with {@code unknownFlags}, with {@link Code#INTERNAL} for a compressed message when
	 * no compression was negotiated, with {@link Code#RESOURCE_EXHAUSTED} when it decompresses beyond the limit, or
	 * as the codec fails
	 */
	static Message decodeRequest(Envelope envelope, Codec codec, @Nullable Compression compression,
			ProcedureSpec spec, Code unknownFlags) {
		if ((envelope.flags() & ~KNOWN_REQUEST_FLAGS) != 0) {
			throw new ConnectException(unknownFlags, "protocol error: invalid envelope flags " + envelope.flags());
		}
		byte[] data = envelope.data();
		if (envelope.has(Envelope.FLAG_COMPRESSED)) {
			if (compression == null) {
				throw new ConnectException(Code.INTERNAL,
						"protocol error: sent compressed message without compression support");
			}
			if (data.length > 0) {
				data = Compressions.decompress(compression, data, spec.limits().maxRequestMessageSize());
			}
		}
		return codec.deserialize(data, spec.method().requestPrototype());
	}

	/**
	 * Appends one response as an envelope to a buffer (for {@link EnvelopeBatcher}), or nothing when it throws.
	 * @return the size of the serialized message, before compression
	 * @throws ConnectException with {@link Code#RESOURCE_EXHAUSTED} when the encoded message exceeds the send limit
	 */
	static int encodeResponse(DataBuffer buffer, Message response, Codec codec, @Nullable Compression compression,
			ProcedureSpec spec) {
		byte[] bytes = codec.serialize(response);
		if (bytes.length > spec.limits().maxResponseMessageSize()) {
			throw new ConnectException(Code.RESOURCE_EXHAUSTED, "message size " + bytes.length
					+ " exceeds sendMaxBytes " + spec.limits().maxResponseMessageSize());
		}
		if (spec.limits().compressions().shouldCompress(compression, bytes.length)) {
			Envelope.write(buffer, Envelope.FLAG_COMPRESSED, Compressions.compress(compression, bytes));
		}
		else {
			Envelope.write(buffer, 0, bytes);
		}
		return bytes.length;
	}

}
