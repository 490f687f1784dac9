package io.connectspring.internal.protocol;

import io.connectspring.MethodDescriptor;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.util.CollectionUtils;
import org.springframework.util.LinkedCaseInsensitiveMap;
import org.springframework.util.MultiValueMap;

/**
 * The metadata of one server call as a protocol sees it: request headers, the response headers and trailers the
 * service sets, the deadline, the peer. Confined to its call.
 */
public final class CallState {

	private final MethodDescriptor<?, ?> method;

	private final HttpHeaders requestHeaders;

	// Created on first use: most calls set neither, and each empty map costs a few hundred bytes per call. The
	// backing maps are kept to copy from: iterating HttpHeaders itself builds a de-duplicated name set first.
	private @Nullable MultiValueMap<String, String> responseHeaderValues;

	private @Nullable HttpHeaders responseHeaders;

	private @Nullable MultiValueMap<String, String> responseTrailerValues;

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
			MultiValueMap<String, String> values = newHeaderMap();
			headers = new HttpHeaders(values);
			this.responseHeaderValues = values;
			this.responseHeaders = headers;
		}
		return headers;
	}

	/** Returns the response trailers the service may change; created on first call. */
	public HttpHeaders responseTrailers() {
		HttpHeaders trailers = this.responseTrailers;
		if (trailers == null) {
			MultiValueMap<String, String> values = newHeaderMap();
			trailers = new HttpHeaders(values);
			this.responseTrailerValues = values;
			this.responseTrailers = trailers;
		}
		return trailers;
	}

	/** Returns the response headers' values if anything asked for them, else {@code null} (none were set). */
	@Nullable MultiValueMap<String, String> responseHeadersIfUsed() {
		return this.responseHeaderValues;
	}

	/** Returns the response trailers' values if anything asked for them, else {@code null} (none were set). */
	@Nullable MultiValueMap<String, String> responseTrailersIfUsed() {
		return this.responseTrailerValues;
	}

	/** Returns a map as {@code new HttpHeaders()} makes one: case-insensitive, in insertion order. */
	private static MultiValueMap<String, String> newHeaderMap() {
		return CollectionUtils.toMultiValueMap(new LinkedCaseInsensitiveMap<>(8, Locale.ROOT));
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
