package io.connectspring.server;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.springframework.core.Ordered;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsProcessor;
import org.springframework.web.cors.reactive.CorsUtils;
import org.springframework.web.cors.reactive.DefaultCorsProcessor;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Answers CORS preflight requests and adds CORS headers to the responses of Connect procedures, so that browsers may
 * call them from other origins with connect-web or gRPC-Web. It applies to the paths of the given services only
 * ({@code [pathPrefix]/package.Service/*}); the CORS configuration of the rest of the application is untouched.
 * <p>
 * It runs early ({@link #ORDER}), before security filters, because a browser sends no credentials with a preflight
 * request. A request from an origin that is not allowed gets 403 Forbidden.
 *
 * @see <a href="https://connectrpc.com/docs/cors">Connect: CORS</a>
 */
public final class ConnectCorsWebFilter implements WebFilter, Ordered {

	/** The filter's order: before Spring Security's filter chain (order {@code -100}). */
	public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 100;

	/** Request headers that Connect and gRPC-Web clients send, as connect-es and cors-go list them. */
	public static final List<String> ALLOWED_HEADERS = List.of("Content-Type", "Connect-Protocol-Version",
			"Connect-Timeout-Ms", "Connect-Accept-Encoding", "Connect-Content-Encoding", "Accept-Encoding",
			"Content-Encoding", "Grpc-Timeout", "X-Grpc-Web", "X-User-Agent");

	/** Response headers that Connect and gRPC-Web clients read, as connect-es and cors-go list them. */
	public static final List<String> EXPOSED_HEADERS = List.of("Content-Encoding", "Connect-Content-Encoding",
			"Grpc-Status", "Grpc-Message", "Grpc-Status-Details-Bin");

	/** The methods the protocols use: POST for all, GET for Connect GET requests. */
	public static final List<String> ALLOWED_METHODS = List.of("POST", "GET");

	/**
	 * Applies a CORS configuration to the procedures of the given services; other requests pass through untouched.
	 * @param configuration the allowed origins, methods and headers; see {@link #withProtocolHeaders}
	 * @param pathPrefix the prefix of every procedure path, as {@code connect.server.path-prefix}
	 * @param serviceNames the fully qualified names of the served services
	 */
	private final UrlBasedCorsConfigurationSource source;

	private final CorsProcessor processor = new DefaultCorsProcessor();

	public ConnectCorsWebFilter(CorsConfiguration configuration, String pathPrefix, Collection<String> serviceNames) {
		this.source = source(configuration, pathPrefix, serviceNames);
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		CorsConfiguration configuration = this.source.getCorsConfiguration(exchange);
		if (configuration == null) {
			// Not a procedure: Spring's CorsWebFilter would end every preflight here; the application's own CORS
			// handling (handler mappings, other filters) must see them instead.
			return chain.filter(exchange);
		}
		boolean valid = this.processor.process(configuration, exchange);
		if (!valid || CorsUtils.isPreFlightRequest(exchange.getRequest())) {
			return Mono.empty();
		}
		return chain.filter(exchange);
	}

	private static UrlBasedCorsConfigurationSource source(CorsConfiguration configuration, String pathPrefix,
			Collection<String> serviceNames) {
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		String prefix = ConnectRouterFunctionBuilder.normalizePathPrefix(pathPrefix);
		for (String service : serviceNames) {
			source.registerCorsConfiguration(prefix + "/" + service + "/*", configuration);
		}
		return source;
	}

	/**
	 * Returns a configuration with {@link #ALLOWED_METHODS} and the protocols' headers ({@link #ALLOWED_HEADERS},
	 * {@link #EXPOSED_HEADERS}) followed by the application's own; the caller still sets the allowed origins.
	 * @param extraAllowedHeaders request headers the application's clients send, such as {@code Authorization}
	 * @param extraExposedHeaders response headers the application's clients read; a unary call's trailers arrive as
	 * {@code Trailer-} headers with Connect, so expose {@code Trailer-Foo} for trailer {@code Foo}
	 */
	public static CorsConfiguration withProtocolHeaders(Collection<String> extraAllowedHeaders,
			Collection<String> extraExposedHeaders) {
		CorsConfiguration configuration = new CorsConfiguration();
		configuration.setAllowedMethods(ALLOWED_METHODS);
		List<String> allowed = new ArrayList<>(ALLOWED_HEADERS);
		allowed.addAll(extraAllowedHeaders);
		configuration.setAllowedHeaders(allowed);
		List<String> exposed = new ArrayList<>(EXPOSED_HEADERS);
		exposed.addAll(extraExposedHeaders);
		configuration.setExposedHeaders(exposed);
		return configuration;
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

}
