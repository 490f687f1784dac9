package io.connectspring.benchmarks.fastpath;

import org.springframework.http.HttpStatus;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.HttpHandlerDecoratorFactory;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.adapter.DefaultServerWebExchange;
import org.springframework.web.server.i18n.AcceptHeaderLocaleContextResolver;
import org.springframework.web.server.i18n.LocaleContextResolver;
import org.springframework.web.server.session.DefaultWebSessionManager;
import org.springframework.web.server.session.WebSessionManager;
import reactor.core.publisher.Mono;

/**
 * Candidate B, {@code decorator}: an {@link HttpHandlerDecoratorFactory} (Spring Boot wraps the application's
 * {@link HttpHandler} with every such bean) that serves the procedures before WebFlux's {@code HttpWebHandlerAdapter}
 * runs: no observation context, no {@code WebFilter}s (so no Spring Security), no exception handlers, no
 * {@code DispatcherHandler}. It still builds a plain {@link DefaultServerWebExchange}, because the starter's protocol
 * code takes a {@code ServerRequest}. Any other request goes to the application's handler.
 */
final class RpcHttpHandlerDecorator implements HttpHandlerDecoratorFactory {

	private final RpcHandlers handlers;

	private final RpcCalls calls;

	private final ServerCodecConfigurer codecs;

	private final WebSessionManager sessions = new DefaultWebSessionManager();

	private final LocaleContextResolver locales = new AcceptHeaderLocaleContextResolver();

	RpcHttpHandlerDecorator(RpcHandlers handlers, RpcCalls calls, ServerCodecConfigurer codecs) {
		this.handlers = handlers;
		this.calls = calls;
		this.codecs = codecs;
	}

	@Override
	public HttpHandler apply(HttpHandler application) {
		return (request, response) -> {
			HandlerFunction<ServerResponse> handler = this.handlers
				.get(request.getPath().pathWithinApplication().value());
			return (handler != null) ? serve(handler, request, response) : application.handle(request, response);
		};
	}

	private Mono<Void> serve(HandlerFunction<ServerResponse> handler, ServerHttpRequest request,
			ServerHttpResponse response) {
		DefaultServerWebExchange exchange = new DefaultServerWebExchange(request, response, this.sessions, this.codecs,
				this.locales);
		// What HttpWebHandlerAdapter does around the application: an unhandled failure becomes a 500 (the starter's
		// handlers answer protocol errors themselves), and the response is completed in any case.
		return this.calls.serve(handler, exchange)
			.onErrorResume((ex) -> response.setStatusCode(HttpStatus.INTERNAL_SERVER_ERROR) ? Mono.empty()
					: Mono.error(ex))
			.then(Mono.defer(response::setComplete));
	}

}
