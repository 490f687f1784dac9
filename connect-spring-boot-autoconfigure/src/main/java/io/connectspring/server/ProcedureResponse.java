package io.connectspring.server;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseCookie;
import org.springframework.util.CollectionUtils;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The router's answer to a procedure call: a response that serves the call when WebFlux writes it. What the call
 * answers is only known while it is written, so {@link #statusCode()} says 200 and {@link #headers()} and
 * {@link #cookies()} are empty; a router filter that needs the real status or headers reads them from the exchange's
 * response once {@link #writeTo} has completed. One instance per procedure, shared by its calls.
 */
final class ProcedureResponse implements ServerResponse {

	private static final HttpHeaders NO_HEADERS = HttpHeaders.readOnlyHttpHeaders(new HttpHeaders());

	private static final MultiValueMap<String, ResponseCookie> NO_COOKIES = CollectionUtils
		.unmodifiableMultiValueMap(new LinkedMultiValueMap<>());

	private final ProcedureHandler handler;

	ProcedureResponse(ProcedureHandler handler) {
		this.handler = handler;
	}

	@Override
	public HttpStatusCode statusCode() {
		return HttpStatus.OK;
	}

	@Override
	public HttpHeaders headers() {
		return NO_HEADERS;
	}

	@Override
	public MultiValueMap<String, ResponseCookie> cookies() {
		return NO_COOKIES;
	}

	@Override
	public Mono<Void> writeTo(ServerWebExchange exchange, Context context) {
		return this.handler.serve(exchange);
	}

}
