package io.connectspring.server;

import io.connectspring.internal.server.Negotiation;
import io.connectspring.internal.server.Refusal;
import io.connectspring.internal.server.RequestHead;
import io.connectspring.internal.server.ServerCall;
import io.connectspring.internal.server.ServerInvoker;
import io.connectspring.internal.server.ServerNegotiation;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;

/**
 * Serves one procedure on an HTTP exchange: reads the request's head, lets {@link ServerNegotiation} decide, and hands
 * the call and the exchange to the protocol it chose, which writes the response; or writes the refusal it answered.
 * With a {@link ServerShutdown}, calls are counted, refused and ended as it says.
 * <p>
 * {@link ConnectFastPathFilter} calls {@link #serve} directly. As the router's {@link HandlerFunction} it answers a
 * {@link ProcedureResponse} that serves the call when WebFlux writes it.
 */
final class ProcedureHandler implements HandlerFunction<ServerResponse> {

	private final ServerNegotiation negotiation;

	private final ServerInvoker invoker;

	private final ServerShutdown.@Nullable Gate shutdown;

	private final Mono<ServerResponse> response = Mono.just(new ProcedureResponse(this));

	/**
	 * Creates the handler of a procedure.
	 * @param shutdown what refuses and ends the procedure's calls when the server shuts down, or {@code null}
	 */
	ProcedureHandler(ServerNegotiation negotiation, ServerInvoker invoker, @Nullable ServerShutdown shutdown) {
		this.negotiation = negotiation;
		this.invoker = invoker;
		this.shutdown = (shutdown != null) ? shutdown.gate(invoker) : null;
	}

	@Override
	public Mono<ServerResponse> handle(ServerRequest request) {
		return this.response;
	}

	/**
	 * Serves a call of this procedure: the result completes when the response has been written to the exchange, and
	 * never fails (errors are the protocol's error responses).
	 */
	Mono<Void> serve(ServerWebExchange exchange) {
		Negotiation negotiation = this.negotiation.negotiate(head(exchange.getRequest()));
		if (!(negotiation instanceof ServerCall call)) {
			return write((Refusal) negotiation, exchange.getResponse());
		}
		ServerShutdown.Gate gate = this.shutdown;
		if (gate == null) {
			return call.protocol().serve(call, exchange, this.invoker);
		}
		return gate.serve(exchange, (invoker) -> call.protocol().serve(call, exchange, invoker));
	}

	static RequestHead head(ServerHttpRequest request) {
		// Parsing the query costs a map per call; only GET calls and the odd POST carry one.
		return new RequestHead(request.getMethod(), request.getHeaders(),
				(request.getURI().getRawQuery() != null) ? request.getQueryParams() : RequestHead.NO_QUERY,
				request.getRemoteAddress(), isHttp1(request));
	}

	private static boolean isHttp1(ServerHttpRequest request) {
		try {
			Object nativeRequest = ServerHttpRequestDecorator.getNativeRequest(request);
			return nativeRequest instanceof HttpServerRequest netty && netty.version().majorVersion() < 2;
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	/**
	 * Writes a refusal. One without a body is a bodiless response, which over HTTP/2 is a single HEADERS frame that
	 * ends the stream, as a gRPC trailers-only response must be.
	 */
	private static Mono<Void> write(Refusal refusal, ServerHttpResponse response) {
		response.setStatusCode(HttpStatusCode.valueOf(refusal.status()));
		response.getHeaders().addAll(refusal.headers());
		if (!refusal.hasBody()) {
			return response.setComplete();
		}
		byte[] body = refusal.body();
		response.getHeaders().setContentLength(body.length);
		return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
	}

}
