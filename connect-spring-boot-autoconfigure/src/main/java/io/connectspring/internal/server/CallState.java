package io.connectspring.internal.server;

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
 * service sets, the deadline, the peer. Made by {@link ServerCall} from what negotiation decided. Confined to its
 * call.
 */
public final class CallState {

	/**
	 * Request headers that Reactor Netty adds to every HTTP/2 request it turns into an HTTP/1-style one; none of them
	 * is the client's metadata. ({@code transfer-encoding} is hop-by-hop, never metadata; over HTTP/2 it is always
	 * synthetic.)
	 */
	private static final String[] SYNTHETIC_HTTP2_HEADERS = { "x-http2-scheme", "x-http2-stream-id",
			"x-http2-stream-dependency-id", "x-http2-stream-weight", "x-http2-path", HttpHeaders.TRANSFER_ENCODING };

	private final MethodDescriptor<?, ?> method;

	/** The request's headers as received, synthetic ones included, until {@link #requestHeaders()} cleans them. */
	private HttpHeaders requestHeaders;

	private boolean requestHeadersClean;

	private final MultiValueMap<String, String> queryParams;

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

	/** Whether the service asked for the response headers to leave now; set once, read by the body's encoder. */
	private volatile boolean sendHeadersNow;

	private volatile @Nullable Runnable sendHeadersListener;

	/** Creates the state of a call; {@link ServerCall} makes the one of each call. */
	CallState(MethodDescriptor<?, ?> method, HttpHeaders requestHeaders,
			@Nullable InetSocketAddress remoteAddress, String protocol, String httpMethod,
			MultiValueMap<String, String> queryParams) {
		this.method = method;
		this.requestHeaders = requestHeaders;
		this.remoteAddress = remoteAddress;
		this.protocol = protocol;
		this.httpMethod = httpMethod;
		this.queryParams = queryParams;
	}

	public MethodDescriptor<?, ?> method() {
		return this.method;
	}

	/**
	 * Returns the request headers the client sent, read-only: without the headers Reactor Netty adds to HTTP/2
	 * requests ({@code x-http2-*}, {@code transfer-encoding}). Cleaned on first call, so calls that never ask pay
	 * nothing.
	 */
	public HttpHeaders requestHeaders() {
		if (!this.requestHeadersClean) {
			this.requestHeaders = clean(this.requestHeaders);
			this.requestHeadersClean = true;
		}
		return this.requestHeaders;
	}

	private static HttpHeaders clean(HttpHeaders received) {
		if (!received.containsHeader(SYNTHETIC_HTTP2_HEADERS[1])) {
			return HttpHeaders.readOnlyHttpHeaders(received);
		}
		HttpHeaders copy = new HttpHeaders();
		copy.putAll(received);
		for (String name : SYNTHETIC_HTTP2_HEADERS) {
			copy.remove(name);
		}
		return HttpHeaders.readOnlyHttpHeaders(copy);
	}

	/** Returns the query parameters of the request URL (for Connect GET, the message and its encoding), read-only. */
	public MultiValueMap<String, String> queryParams() {
		return this.queryParams;
	}

	/**
	 * Asks for the response headers to be sent now, before the first message, on a streaming response; a unary
	 * response ignores it. Safe to call from any thread, more than once.
	 */
	public void sendHeadersNow() {
		this.sendHeadersNow = true;
		Runnable listener = this.sendHeadersListener;
		if (listener != null) {
			listener.run();
		}
	}

	/**
	 * Registers what sends the headers when {@link #sendHeadersNow()} is called; runs it at once if it already was.
	 * One listener per call: the body's encoder.
	 */
	void onSendHeadersNow(Runnable listener) {
		this.sendHeadersListener = listener;
		if (this.sendHeadersNow) {
			listener.run();
		}
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
