package io.connectspring;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;

import java.util.Optional;

/**
 * A typed detail attached to a {@link ConnectException}: a Protobuf message packed as {@link Any}. Connect sends
 * details in the error JSON as {@code {"type": "<fully qualified name>", "value": "<base64 of the bytes>"}}.
 *
 * @param value the packed message
 * @see <a href="https://connectrpc.com/docs/protocol#error-end-stream">Connect error details</a>
 */
public record ErrorDetail(Any value) {

	/** Packs a message as a detail; an {@link Any} is taken as it is, as connect-go's {@code NewErrorDetail} does. */
	public static ErrorDetail of(Message message) {
		return new ErrorDetail((message instanceof Any any) ? any : Any.pack(message));
	}

	/** Returns the fully qualified Protobuf name of the detail's message, such as {@code google.rpc.RetryInfo}. */
	public String typeName() {
		String url = this.value.getTypeUrl();
		return url.substring(url.lastIndexOf('/') + 1);
	}

	/**
	 * Returns the detail unpacked as the given type, or empty when the detail holds another type or cannot be parsed.
	 */
	public <T extends Message> Optional<T> unpack(Class<T> type) {
		if (!this.value.is(type)) {
			return Optional.empty();
		}
		try {
			return Optional.of(this.value.unpack(type));
		}
		catch (InvalidProtocolBufferException ex) {
			return Optional.empty();
		}
	}

}
