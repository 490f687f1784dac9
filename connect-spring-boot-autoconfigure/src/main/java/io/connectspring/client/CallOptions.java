package io.connectspring.client;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;

/**
 * Options of one client call: a timeout, whether it inherits the deadline of the server call it is made in, extra
 * request headers, and a holder for the response metadata. Immutable; each {@code with} method returns a copy.
 */
public final class CallOptions {

	private static final CallOptions DEFAULTS = new CallOptions(null, true,
			HttpHeaders.readOnlyHttpHeaders(new HttpHeaders()), null);

	private final @Nullable Duration timeout;

	private final boolean inheritDeadline;

	private final HttpHeaders headers;

	private final @Nullable ResponseMetadata responseMetadata;

	private CallOptions(@Nullable Duration timeout, boolean inheritDeadline, HttpHeaders headers,
			@Nullable ResponseMetadata responseMetadata) {
		this.timeout = timeout;
		this.inheritDeadline = inheritDeadline;
		this.headers = headers;
		this.responseMetadata = responseMetadata;
	}

	/** Returns the options of a call that uses the client's defaults. */
	public static CallOptions defaults() {
		return DEFAULTS;
	}

	/**
	 * Returns a copy with the given timeout, which replaces the client's default: it is sent to the server as the
	 * call's deadline, and when it passes the call is cancelled and fails with
	 * {@link io.connectspring.Code#DEADLINE_EXCEEDED}. A call made while a service serves a call with a deadline
	 * still ends at that deadline when it comes first, unless it is made {@link #withoutInheritedDeadline()}.
	 */
	public CallOptions withTimeout(Duration timeout) {
		if (timeout.isNegative() || timeout.isZero()) {
			throw new IllegalArgumentException("A timeout must be positive, got " + timeout);
		}
		return new CallOptions(timeout, this.inheritDeadline, this.headers, this.responseMetadata);
	}

	/**
	 * Returns a copy that does not inherit the deadline of the server call it is made in: the call takes its own
	 * timeout only (this one's, else the client's), or none. By default, a call made while a service serves a call
	 * with a deadline (from its reactive pipeline, or from the thread of a blocking service method) ends at that
	 * deadline when it comes before its own timeout: the server is sent the shorter of the two, and a call whose
	 * inherited deadline has passed fails at once with {@link io.connectspring.Code#DEADLINE_EXCEEDED}, unsent. Use
	 * this for work that must go on after the incoming call ends, such as an audit record.
	 * @see HttpConnectTransport.Builder#inheritDeadline(boolean)
	 */
	public CallOptions withoutInheritedDeadline() {
		return new CallOptions(this.timeout, false, this.headers, this.responseMetadata);
	}

	/**
	 * Returns a copy with one more request header, sent after the client's own headers. Names the protocol owns
	 * ({@code Content-Type}, {@code Connect-*} and the like) are ignored.
	 */
	public CallOptions withHeader(String name, String value) {
		HttpHeaders copy = new HttpHeaders();
		copy.addAll(this.headers);
		copy.add(name, value);
		return new CallOptions(this.timeout, this.inheritDeadline, HttpHeaders.readOnlyHttpHeaders(copy),
				this.responseMetadata);
	}

	/** Returns a copy that fills the given holder with the call's response headers and trailers as they arrive. */
	public CallOptions withResponseMetadata(ResponseMetadata holder) {
		return new CallOptions(this.timeout, this.inheritDeadline, this.headers, holder);
	}

	/** Returns the timeout, or {@code null} to use the client's default. */
	public @Nullable Duration timeout() {
		return this.timeout;
	}

	/**
	 * Returns whether the call inherits the deadline of the server call it is made in; {@code true} unless made
	 * {@link #withoutInheritedDeadline()}.
	 */
	public boolean inheritsDeadline() {
		return this.inheritDeadline;
	}

	/** Returns the extra request headers, read-only. */
	public HttpHeaders headers() {
		return this.headers;
	}

	/** Returns the holder for the response metadata, or {@code null} when the caller does not want it. */
	public @Nullable ResponseMetadata responseMetadata() {
		return this.responseMetadata;
	}

}
