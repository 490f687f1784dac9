package io.connectspring.benchmarks.fastpath;

import java.util.List;

import org.springframework.core.Ordered;
import org.springframework.http.codec.HttpMessageReader;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Candidate A1, {@code mapping}: a {@link HandlerMapping} ahead of every other that finds a procedure by an exact
 * path lookup instead of the {@code RouterFunctionMapping}'s predicate walk. The exchange, the {@code WebFilter}
 * chain, the {@code DispatcherHandler}, its {@code HandlerFunctionAdapter} and result handler all stay.
 */
final class RpcHandlerMapping implements HandlerMapping, Ordered {

	private final RpcHandlers handlers;

	private final List<HttpMessageReader<?>> readers;

	RpcHandlerMapping(RpcHandlers handlers, List<HttpMessageReader<?>> readers) {
		this.handlers = handlers;
		this.readers = readers;
	}

	@Override
	public Mono<Object> getHandler(ServerWebExchange exchange) {
		HandlerFunction<ServerResponse> handler = this.handlers
			.get(exchange.getRequest().getPath().pathWithinApplication().value());
		if (handler == null) {
			return Mono.empty();
		}
		// HandlerFunctionAdapter reads the ServerRequest from this attribute, as RouterFunctionMapping leaves it.
		exchange.getAttributes().put(RouterFunctions.REQUEST_ATTRIBUTE, ServerRequest.create(exchange, this.readers));
		return Mono.just(handler);
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
