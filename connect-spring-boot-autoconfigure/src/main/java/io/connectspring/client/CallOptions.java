package io.connectspring.client;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;

/**
 * Options of one client call: a timeout and extra request headers. Immutable; each {@code with} method returns a
 * copy.
 */
public final class CallOptions {

	private static final CallOptions DEFAULTS = new CallOptions(null, HttpHeaders.readOnlyHttpHeaders(new HttpHeaders()));

	private final @Nullable Duration timeout;

	private final HttpHeaders headers;

	private CallOptions(@Nullable Duration timeout, HttpHeaders headers) {
		this.timeout = timeout;
		this.headers = headers;
	}

	/** Returns the options of a call that uses the client's defaults. */
	public static CallOptions defaults() {
		return DEFAULTS;
	}

	/** Returns a copy with the given timeout, sent to the server as the call's deadline. */
	public CallOptions withTimeout(Duration timeout) {
		if (timeout.isNegative() || timeout.isZero()) {
			throw new IllegalArgumentException("A timeout must be positive, got " + timeout);
		}
		return new CallOptions(timeout, this.headers);
	}

	/** Returns a copy with one more request header. */
	public CallOptions withHeader(String name, String value) {
		HttpHeaders copy = new HttpHeaders();
		copy.addAll(this.headers);
		copy.add(name, value);
		return new CallOptions(this.timeout, HttpHeaders.readOnlyHttpHeaders(copy));
	}

	/** Returns the timeout, or {@code null} to use the client's default. */
	public @Nullable Duration timeout() {
		return this.timeout;
	}

	/** Returns the extra request headers, read-only. */
	public HttpHeaders headers() {
		return this.headers;
	}

}
