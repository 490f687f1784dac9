package io.connectspring.client;

import org.springframework.http.HttpHeaders;

/**
 * Receives the response headers and trailers of one call; pass it with
 * {@link CallOptions#withResponseMetadata(ResponseMetadata)}.
 * <p>
 * The headers are filled when the server's response headers arrive, which is before the first response message or
 * the call's error reaches the caller. The trailers (the {@code trailer-} headers of a unary call, the end-of-stream
 * metadata of a stream) are filled when the call ends, before its completion or error reaches the caller. Until then
 * each is empty. Both are read-only. A holder serves one call at a time; reusing it for a later call replaces its
 * content.
 */
public final class ResponseMetadata {

	private volatile HttpHeaders headers = HttpHeaders.readOnlyHttpHeaders(new HttpHeaders());

	private volatile HttpHeaders trailers = HttpHeaders.readOnlyHttpHeaders(new HttpHeaders());

	/** Creates an empty holder. */
	public ResponseMetadata() {
	}

	/** Returns the response headers, empty until they have arrived; protocol headers included. */
	public HttpHeaders headers() {
		return this.headers;
	}

	/** Returns the response trailers, empty until the call has ended. */
	public HttpHeaders trailers() {
		return this.trailers;
	}

	void headers(HttpHeaders headers) {
		this.headers = HttpHeaders.readOnlyHttpHeaders(copy(headers));
	}

	void trailers(HttpHeaders trailers) {
		this.trailers = HttpHeaders.readOnlyHttpHeaders(copy(trailers));
	}

	private static HttpHeaders copy(HttpHeaders headers) {
		HttpHeaders copy = new HttpHeaders();
		copy.addAll(headers);
		return copy;
	}

	@Override
	public String toString() {
		return "ResponseMetadata[headers=" + this.headers + ", trailers=" + this.trailers + "]";
	}

}
