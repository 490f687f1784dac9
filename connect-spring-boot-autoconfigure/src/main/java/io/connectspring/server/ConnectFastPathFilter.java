package io.connectspring.server;

import java.util.Map;

import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Serves the procedures of a {@link ConnectRouterFunction} from the end of the {@link WebFilter} chain, without
 * WebFlux's {@code DispatcherHandler}: a request whose path (within the application) is exactly a procedure's path goes
 * straight to that procedure's handler; any other request goes on down the chain, to the router and the rest of the
 * application. Measured in {@code docs/performance.md} ("Fast path: candidates measured").
 * <p>
 * Every filter before it still runs on RPC routes (Spring Security's filter chain, CORS, the application's own), so
 * it must be the <em>last</em> filter. It is therefore not a {@code WebFilter} bean, which would be sorted among the
 * others: Spring Boot's auto-configuration appends it after them ({@code connect.server.fast-path.enabled}, on by
 * default). The router stays registered and serves the same calls with the same handlers, so an {@code HttpHandler}
 * built without this filter (such as {@code WebTestClient.bindToApplicationContext}) behaves the same, only slower.
 * <p>
 * What the dispatcher did that this does not: a {@code RouterFunction} or controller of the application mapped at a
 * procedure's exact path is never consulted, and CORS mappings of handler mappings
 * ({@code WebFluxConfigurer#addCorsMappings}) do not apply to procedures ({@code connect.server.cors}, a filter,
 * does). It builds no {@code ServerRequest} or {@code ServerResponse}: the procedure's protocol reads the exchange's
 * request and writes its response. Like the router, it names the procedure's path as the HTTP server observation's
 * path pattern.
 * <p>
 * Safe to share between threads.
 */
public final class ConnectFastPathFilter implements WebFilter {

	private final Map<String, ProcedureHandler> procedures;

	/**
	 * Creates the filter of a router's procedures.
	 * @param routes the procedures to serve
	 */
	public ConnectFastPathFilter(ConnectRouterFunction routes) {
		this.procedures = ProcedureRoutes.byPath(routes);
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String path = exchange.getRequest().getPath().pathWithinApplication().value();
		ProcedureHandler handler = this.procedures.get(path);
		if (handler == null) {
			return chain.filter(exchange);
		}
		ServerRequestObservationContext.findCurrent(exchange.getAttributes())
			.ifPresent((observation) -> observation.setPathPattern(path));
		return handler.serve(exchange);
	}

}
