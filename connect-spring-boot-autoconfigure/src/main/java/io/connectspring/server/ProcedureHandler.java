package io.connectspring.server;

import io.connectspring.internal.server.Negotiation;
import io.connectspring.internal.server.Refusal;
import io.connectspring.internal.server.RequestHead;
import io.connectspring.internal.server.ServerCall;
import io.connectspring.internal.server.ServerInvoker;
import io.connectspring.internal.server.ServerNegotiation;

import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;

/**
 * Serves one procedure over WebFlux: reads the request's head, lets {@link ServerNegotiation} decide, and hands the
 * call and the request body to the protocol it chose, or writes the refusal it answered. With a
 * {@link ServerShutdown}, calls are counted, refused and ended as it says.
 */
final class ProcedureHandler implements HandlerFunction<ServerResponse> {

	private final ServerNegotiation negotiation;

	private final ServerInvoker invoker;

	private final ServerShutdown.@Nullable Gate shutdown;

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
		Negotiation negotiation = this.negotiation.negotiate(head(request));
		if (negotiation instanceof ServerCall call) {
			return serve(call, request.exchange().getRequest().getBody());
		}
		return write((Refusal) negotiation);
	}

	private Mono<ServerResponse> serve(ServerCall call, Flux<DataBuffer> body) {
		ServerShutdown.Gate gate = this.shutdown;
		if (gate == null) {
			return call.protocol().serve(call, body, this.invoker);
		}
		return gate.serve((invoker) -> call.protocol().serve(call, body, invoker));
	}

	static RequestHead head(ServerRequest request) {
		ServerHttpRequest httpRequest = request.exchange().getRequest();
		// Parsing the query costs a map per call; only GET calls and the odd POST carry one.
		return new RequestHead(request.method(), request.headers().asHttpHeaders(),
				(request.uri().getRawQuery() != null) ? request.queryParams() : RequestHead.NO_QUERY,
				request.remoteAddress().orElse(null), isHttp1(httpRequest));
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
	private static Mono<ServerResponse> write(Refusal refusal) {
		ServerResponse.BodyBuilder response = ServerResponse.status(refusal.status())
			.headers((headers) -> headers.addAll(refusal.headers()));
		if (!refusal.hasBody()) {
			return response.build();
		}
		byte[] body = refusal.body();
		return response.body((message, context) -> {
			message.getHeaders().setContentLength(body.length);
			return message.writeWith(Mono.just(message.bufferFactory().wrap(body)));
		});
	}

}
