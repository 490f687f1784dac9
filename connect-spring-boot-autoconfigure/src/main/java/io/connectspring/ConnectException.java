package io.connectspring;

import com.google.protobuf.Message;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;

/**
 * An RPC error: a {@link Code}, a message meant for the caller, typed {@link ErrorDetail details} and metadata.
 * <p>
 * Thrown (or emitted) by a service, it is sent to the client as the protocol's error: the error JSON of a unary
 * call, the end-of-stream message of a stream. Its message and details reach the client verbatim, so they must not
 * carry secrets; its cause never leaves the server. Any other exception that leaves a service is sent as
 * {@link Code#UNKNOWN} with a generic message.
 *
 * @see <a href="https://connectrpc.com/docs/protocol#error-end-stream">Connect errors</a>
 */
public class ConnectException extends RuntimeException {

	private final Code code;

	private final List<ErrorDetail> details;

	private final HttpHeaders metadata;

	/** Creates an error with a code and a message for the caller (which may be empty). */
	public ConnectException(Code code, String message) {
		this(code, message, null);
	}

	/** Creates an error with a code, a message for the caller, and a cause kept on the server side only. */
	public ConnectException(Code code, String message, @Nullable Throwable cause) {
		super(message, cause);
		this.code = code;
		this.details = new ArrayList<>();
		this.metadata = new HttpHeaders();
	}

	/** Returns the error's code. */
	public Code code() {
		return this.code;
	}

	/** Returns the details, in the order they were added; the list is live and may be added to before sending. */
	public List<ErrorDetail> details() {
		return this.details;
	}

	/**
	 * Returns the error's metadata. On a server, the entries are sent as response headers of a unary call or as
	 * the end-of-stream metadata of a stream; on a client, they hold the response headers and trailers.
	 */
	public HttpHeaders metadata() {
		return this.metadata;
	}

	/** Adds a detail and returns this error, for chaining. */
	public ConnectException withDetail(Message detail) {
		this.details.add(ErrorDetail.of(detail));
		return this;
	}

	/** Adds a metadata entry and returns this error, for chaining. */
	public ConnectException withMetadata(String name, String value) {
		this.metadata.add(name, value);
		return this;
	}

	/** Returns the message meant for the caller, without the code (unlike {@link #getMessage()}'s users expect). */
	public String rawMessage() {
		String message = super.getMessage();
		return (message != null) ? message : "";
	}

	@Override
	public String getMessage() {
		String message = rawMessage();
		return message.isEmpty() ? this.code.protocolName() : this.code.protocolName() + ": " + message;
	}

	/**
	 * Returns {@code throwable} if it is a {@code ConnectException}, else the first one in its cause chain, or null.
	 */
	public static @Nullable ConnectException from(@Nullable Throwable throwable) {
		Throwable current = throwable;
		while (current != null) {
			if (current instanceof ConnectException connectException) {
				return connectException;
			}
			current = (current.getCause() != current) ? current.getCause() : null;
		}
		return null;
	}

}
