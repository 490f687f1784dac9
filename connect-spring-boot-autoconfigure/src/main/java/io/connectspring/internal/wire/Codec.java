package io.connectspring.internal.wire;

import io.connectspring.Code;
import io.connectspring.ConnectException;

import com.google.protobuf.Message;

/**
 * Serializes messages for the wire: binary Protobuf ({@code proto}) or Protobuf's canonical JSON ({@code json}).
 * Implementations are thread-safe.
 */
public interface Codec {

	/** Returns the codec's name as it appears in content types, such as {@code proto}. */
	String name();

	/** Serializes a message. */
	byte[] serialize(Message message);

	/**
	 * Parses a message of the prototype's type.
	 * @throws ConnectException with {@link Code#INVALID_ARGUMENT} when the bytes are not a valid message
	 */
	<M extends Message> M deserialize(byte[] data, M prototype);

}
