package io.connectspring.benchmarks.fastpath;

import org.springframework.core.Ordered;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Candidate A2, {@code filter}: the last {@link WebFilter} serves the procedures itself, so every filter before it
 * (Spring Security's chain, CORS, the application's own) still runs on RPC routes, but the {@code DispatcherHandler}
 * (handler mappings, adapter, result handler) does not. Any other request goes on down the chain.
 */
final class RpcWebFilter implements WebFilter, Ordered {

	private final RpcHandlers handlers;

	private final RpcCalls calls;

	RpcWebFilter(RpcHandlers handlers, RpcCalls calls) {
		this.handlers = handlers;
		this.calls = calls;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		HandlerFunction<ServerResponse> handler = this.handlers
			.get(exchange.getRequest().getPath().pathWithinApplication().value());
		return (handler != null) ? this.calls.serve(handler, exchange) : chain.filter(exchange);
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
