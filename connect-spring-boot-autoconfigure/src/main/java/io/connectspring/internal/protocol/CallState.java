package io.connectspring.internal.protocol;

import io.connectspring.MethodDescriptor;

import java.net.InetSocketAddress;
import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;

/**
 * The metadata of one server call as a protocol sees it: request headers, the response headers and trailers the
 * service sets, the deadline, the peer. Confined to its call.
 */
public final class CallState {

	private final MethodDescriptor<?, ?> method;

	private final HttpHeaders requestHeaders;

	private final HttpHeaders responseHeaders = new HttpHeaders();

	private final HttpHeaders responseTrailers = new HttpHeaders();

	private final @Nullable InetSocketAddress remoteAddress;

	private final String protocol;

	private final String httpMethod;

	private @Nullable Instant deadline;

	public CallState(MethodDescriptor<?, ?> method, HttpHeaders requestHeaders,
			@Nullable InetSocketAddress remoteAddress, String protocol, String httpMethod) {
		this.method = method;
		this.requestHeaders = HttpHeaders.readOnlyHttpHeaders(requestHeaders);
		this.remoteAddress = remoteAddress;
		this.protocol = protocol;
		this.httpMethod = httpMethod;
	}

	public MethodDescriptor<?, ?> method() {
		return this.method;
	}

	public HttpHeaders requestHeaders() {
		return this.requestHeaders;
	}

	public HttpHeaders responseHeaders() {
		return this.responseHeaders;
	}

	public HttpHeaders responseTrailers() {
		return this.responseTrailers;
	}

	public @Nullable InetSocketAddress remoteAddress() {
		return this.remoteAddress;
	}

	public String protocol() {
		return this.protocol;
	}

	public String httpMethod() {
		return this.httpMethod;
	}

	public @Nullable Instant deadline() {
		return this.deadline;
	}

	void deadline(@Nullable Instant deadline) {
		this.deadline = deadline;
	}

}
