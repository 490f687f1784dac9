package io.connectspring.server;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.HttpHandlerDecoratorFactory;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.adapter.DefaultServerWebExchange;
import org.springframework.web.server.i18n.AcceptHeaderLocaleContextResolver;
import org.springframework.web.server.i18n.LocaleContextResolver;
import org.springframework.web.server.session.DefaultWebSessionManager;
import org.springframework.web.server.session.WebSessionManager;
import reactor.core.publisher.Mono;

/**
 * Serves the procedures of a {@link ConnectRouterFunction} ahead of WebFlux's web handler: a request whose path
 * (within the application) is exactly a procedure's path is served on a plain exchange, and any other request goes to
 * the application's {@link HttpHandler} unchanged. Opt-in ({@code connect.server.fast-path.mode=http-handler}):
 * Spring Boot wraps the application's handler with every {@link HttpHandlerDecoratorFactory} bean.
 * <p>
 * <strong>No {@code WebFilter} runs on RPC routes</strong>: not Spring Security's filter chain, not CORS filters, not
 * the application's own; nor do {@code WebExceptionHandler}s, forwarded-header handling or the HTTP server
 * observation ({@code http.server.requests}). Connect interceptors still run, so they are where such an application
 * authenticates and authorizes calls (see {@code docs/security.md}). What it saves over {@link ConnectFastPathFilter}
 * is measured in {@code docs/performance.md}.
 * <p>
 * Safe to share between threads.
 */
public final class ConnectHttpHandlerFastPath implements HttpHandlerDecoratorFactory {

	private final Map<String, ProcedureHandler> procedures;

	private final ServerCodecConfigurer codecs = ServerCodecConfigurer.create();

	private final WebSessionManager sessions = new DefaultWebSessionManager();

	private final LocaleContextResolver locales = new AcceptHeaderLocaleContextResolver();

	/**
	 * Creates the decorator of a router's procedures.
	 * @param routes the procedures to serve
	 */
	public ConnectHttpHandlerFastPath(ConnectRouterFunction routes) {
		this.procedures = ProcedureRoutes.byPath(routes);
	}

	@Override
	public HttpHandler apply(HttpHandler application) {
		return (request, response) -> {
			ProcedureHandler handler = this.procedures.get(request.getPath().pathWithinApplication().value());
			return (handler != null) ? serve(handler, request, response) : application.handle(request, response);
		};
	}

	private Mono<Void> serve(ProcedureHandler handler, ServerHttpRequest request, ServerHttpResponse response) {
		// The exchange is built lazily by its parts: no session is created and no form is read unless asked for.
		DefaultServerWebExchange exchange = new DefaultServerWebExchange(request, response, this.sessions, this.codecs,
				this.locales);
		// What WebFlux's adapter does around a handler: the response is completed in any case. The protocols answer
		// their own errors; anything else that escapes is a 500 while the response can still say so.
		return handler.serve(exchange)
			.onErrorResume((ex) -> response.setStatusCode(HttpStatus.INTERNAL_SERVER_ERROR) ? Mono.empty()
					: Mono.error(ex))
			.then(Mono.defer(response::setComplete));
	}

}
