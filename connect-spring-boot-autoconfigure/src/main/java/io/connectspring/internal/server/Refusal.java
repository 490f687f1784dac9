package io.connectspring.internal.server;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * The spec's answer to a request that is not served: a status, headers and a body of known bytes, written as they
 * are. The service is not invoked and the request body is not read. Immutable: the headers are read-only and the body
 * must not be changed.
 *
 * @param status the HTTP status
 * @param headers the response headers
 * @param body the response body; empty for none (a response without a body, such as a gRPC trailers-only response)
 */
public record Refusal(int status, HttpHeaders headers, byte[] body) implements Negotiation {

	private static final byte[] NO_BODY = new byte[0];

	/** Returns a refusal without a body. */
	static Refusal of(HttpStatus status, HttpHeaders headers) {
		return new Refusal(status.value(), HttpHeaders.readOnlyHttpHeaders(headers), NO_BODY);
	}

	/** Returns a refusal with a body. */
	static Refusal of(int status, HttpHeaders headers, byte[] body) {
		return new Refusal(status, HttpHeaders.readOnlyHttpHeaders(headers), body);
	}

	/** Returns the answer to a request whose HTTP method no protocol uses for the procedure: 405 with {@code Allow}. */
	static Refusal methodNotAllowed(String allow) {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.ALLOW, allow);
		return of(HttpStatus.METHOD_NOT_ALLOWED, headers);
	}

	/**
	 * Returns the answer to a request whose content type no protocol accepts for the procedure: 415 with
	 * {@code Accept-Post} listing the ones they accept, or without it when {@code acceptPost} is empty.
	 */
	static Refusal unsupportedMediaType(String acceptPost) {
		HttpHeaders headers = new HttpHeaders();
		if (!acceptPost.isEmpty()) {
			headers.set("Accept-Post", acceptPost);
		}
		return of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, headers);
	}

	/** Returns whether the refusal has a body. */
	public boolean hasBody() {
		return this.body.length > 0;
	}

}
