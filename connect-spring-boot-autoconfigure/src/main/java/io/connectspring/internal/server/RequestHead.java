package io.connectspring.internal.server;

import java.net.InetSocketAddress;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.util.CollectionUtils;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * What negotiation reads of a request: everything but the body. Whatever receives the request builds it once per
 * call; it depends on no particular web API.
 *
 * @param method the HTTP method
 * @param headers the request headers as received, read-only
 * @param query the URL's query parameters, percent-decoded, read-only; {@link #NO_QUERY} when the URL has none
 * @param remoteAddress the peer, or {@code null} when unknown
 * @param http1 whether the request came over HTTP/1.x; {@code false} when the version is unknown
 */
public record RequestHead(HttpMethod method, HttpHeaders headers, MultiValueMap<String, String> query,
		@Nullable InetSocketAddress remoteAddress, boolean http1) {

	/** The query of a URL without one. */
	public static final MultiValueMap<String, String> NO_QUERY = CollectionUtils
		.unmodifiableMultiValueMap(new LinkedMultiValueMap<>(0));

	/** Returns the first value of a request header, or {@code null}. */
	@Nullable String header(String name) {
		return this.headers.getFirst(name);
	}

	/** Returns the first value of a query parameter, or {@code null}. */
	@Nullable String queryParam(String name) {
		return this.query.getFirst(name);
	}

}
