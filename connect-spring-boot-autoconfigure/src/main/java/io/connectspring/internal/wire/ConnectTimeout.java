package io.connectspring.internal.wire;

import io.connectspring.Code;
import io.connectspring.ConnectException;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Connect's {@code Connect-Timeout-Ms} header ({@link ConnectHeaders#TIMEOUT}): a positive integer of at most 10
 * digits, in milliseconds. Shared by the Connect protocols, on the server (parsing) and the client (formatting), as
 * {@link GrpcTimeout} is by the gRPC ones.
 *
 * @see <a href="https://connectrpc.com/docs/protocol/#unary-request">Connect protocol: Timeout</a>
 */
public final class ConnectTimeout {

	/** The largest value the header may carry: 10 digits. */
	static final long MAX_MILLIS = 9_999_999_999L;

	private ConnectTimeout() {
	}

	/**
	 * Parses a {@code Connect-Timeout-Ms} value.
	 * @param header the header's value, or {@code null} when absent
	 * @return the timeout, or {@code null} when the header is absent
	 * @throws ConnectException with {@link Code#INVALID_ARGUMENT} for a malformed value
	 */
	public static @Nullable Duration parse(@Nullable String header) {
		if (header == null) {
			return null;
		}
		if (header.isEmpty() || header.length() > 10) {
			throw malformed(header);
		}
		for (int i = 0; i < header.length(); i++) {
			if (header.charAt(i) < '0' || header.charAt(i) > '9') {
				throw malformed(header);
			}
		}
		return Duration.ofMillis(Long.parseLong(header));
	}

	/**
	 * Returns the header's value for the time left: rounded up to the next millisecond, so that a server enforcing
	 * it never gives up before the client does (the client's own timer then decides, with its clearer error), at
	 * least 1 and at most 10 digits.
	 */
	public static String format(Duration remaining) {
		long millis = remaining.toMillis();
		if (remaining.compareTo(Duration.ofMillis(millis)) > 0) {
			millis++;
		}
		return Long.toString(Math.min(MAX_MILLIS, Math.max(1, millis)));
	}

	private static ConnectException malformed(String header) {
		return new ConnectException(Code.INVALID_ARGUMENT,
				"parse timeout: \"" + header + "\" must be a positive integer of at most 10 digits");
	}

}
