package io.connectspring.server;

import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * The WebFlux routes of the Connect procedures, as {@link ConnectRouterFunctionBuilder} builds them: one route per
 * procedure and protocol, plus answers in protocol form to unknown procedures of served services.
 * <p>
 * A type of its own so that the application can find, replace or back off from exactly these routes; it routes like
 * any other {@link RouterFunction} and is safe to share between threads.
 */
public final class ConnectRouterFunction implements RouterFunction<ServerResponse> {

	private final RouterFunction<ServerResponse> routes;

	ConnectRouterFunction(RouterFunction<ServerResponse> routes) {
		this.routes = routes;
	}

	@Override
	public Mono<HandlerFunction<ServerResponse>> route(ServerRequest request) {
		return this.routes.route(request);
	}

	@Override
	public void accept(RouterFunctions.Visitor visitor) {
		this.routes.accept(visitor);
	}

	@Override
	public String toString() {
		return this.routes.toString();
	}

}
