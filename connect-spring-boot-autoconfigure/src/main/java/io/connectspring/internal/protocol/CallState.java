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

	// Created on first use: most calls set neither, and each empty map costs a few hundred bytes per call.
	private @Nullable HttpHeaders responseHeaders;

	private @Nullable HttpHeaders responseTrailers;

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

	/** Returns the response headers the service may change; created on first call. */
	public HttpHeaders responseHeaders() {
		HttpHeaders headers = this.responseHeaders;
		if (headers == null) {
			headers = new HttpHeaders();
			this.responseHeaders = headers;
		}
		return headers;
	}

	/** Returns the response trailers the service may change; created on first call. */
	public HttpHeaders responseTrailers() {
		HttpHeaders trailers = this.responseTrailers;
		if (trailers == null) {
			trailers = new HttpHeaders();
			this.responseTrailers = trailers;
		}
		return trailers;
	}

	/** Returns the response headers if anything asked for them, else {@code null} (none were set). */
	@Nullable HttpHeaders responseHeadersIfUsed() {
		return this.responseHeaders;
	}

	/** Returns the response trailers if anything asked for them, else {@code null} (none were set). */
	@Nullable HttpHeaders responseTrailersIfUsed() {
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
