package io.connectspring.internal.client;

import io.connectspring.CallSide;
import io.connectspring.ConnectCall;
import io.connectspring.MethodDescriptor;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;

/**
 * One client call as interceptors and the client protocols see it. Request headers may be changed until the protocol
 * {@link #sendHeaders() takes them} for the network, after which they are read-only. Response headers are filled by
 * the protocol when the response arrives, before any message or error is signalled; trailers when the call ends.
 * Interceptors get read-only views of both. Confined to its call's pipeline; the fields written by the network
 * thread are published through the Reactor signals that follow them.
 */
public final class ClientCallState implements ConnectCall {

	private final MethodDescriptor<?, ?> method;

	private volatile HttpHeaders requestHeaders;

	private final HttpHeaders responseHeaders = new HttpHeaders();

	private final HttpHeaders responseTrailers = new HttpHeaders();

	private final HttpHeaders responseHeadersView = HttpHeaders.readOnlyHttpHeaders(this.responseHeaders);

	private final HttpHeaders responseTrailersView = HttpHeaders.readOnlyHttpHeaders(this.responseTrailers);

	private final @Nullable Instant deadline;

	private final String protocol;

	/**
	 * Creates the state of a call.
	 * @param method the procedure
	 * @param requestHeaders the application's request headers, copied
	 * @param deadline when the call's timeout expires, or {@code null}
	 * @param protocol the wire protocol's name, as {@link #protocol()} reports it
	 */
	public ClientCallState(MethodDescriptor<?, ?> method, HttpHeaders requestHeaders, @Nullable Instant deadline,
			String protocol) {
		this.method = method;
		this.requestHeaders = new HttpHeaders();
		this.requestHeaders.addAll(requestHeaders);
		this.deadline = deadline;
		this.protocol = protocol;
	}

	@Override
	public MethodDescriptor<?, ?> method() {
		return this.method;
	}

	@Override
	public CallSide side() {
		return CallSide.CLIENT;
	}

	@Override
	public String protocol() {
		return this.protocol;
	}

	@Override
	public HttpHeaders requestHeaders() {
		return this.requestHeaders;
	}

	@Override
	public HttpHeaders responseHeaders() {
		return this.responseHeadersView;
	}

	@Override
	public HttpHeaders responseTrailers() {
		return this.responseTrailersView;
	}

	@Override
	public Optional<Instant> deadline() {
		return Optional.ofNullable(this.deadline);
	}

	/** Returns the time left until the deadline (zero once it has passed), or {@code null} without a deadline. */
	@Nullable Duration remaining() {
		if (this.deadline == null) {
			return null;
		}
		Duration left = Duration.between(Instant.now(), this.deadline);
		return left.isNegative() ? Duration.ZERO : left;
	}

	/** Freezes the request headers and returns them, as they go to the network. */
	HttpHeaders sendHeaders() {
		HttpHeaders frozen = HttpHeaders.readOnlyHttpHeaders(this.requestHeaders);
		this.requestHeaders = frozen;
		return frozen;
	}

	/** Returns the response headers for the protocol to fill. */
	HttpHeaders mutableResponseHeaders() {
		return this.responseHeaders;
	}

	/** Returns the response trailers for the protocol to fill. */
	HttpHeaders mutableResponseTrailers() {
		return this.responseTrailers;
	}

}
