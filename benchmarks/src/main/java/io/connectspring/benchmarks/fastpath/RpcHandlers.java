package io.connectspring.benchmarks.fastpath;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * The procedure handlers of the starter's {@code ConnectRouterFunction}, by exact path: every route whose predicate
 * is one path pattern without wildcards or variables. The handlers are the starter's own (its
 * {@code ProcedureHandler}s, which pick the protocol and serve the call), so a candidate that calls them runs our real
 * protocol code; only the way a request reaches them differs. A path not in the map (an unknown procedure, anything
 * else) is left to the router as before.
 */
final class RpcHandlers {

	private final Map<String, HandlerFunction<ServerResponse>> byPath;

	private RpcHandlers(Map<String, HandlerFunction<ServerResponse>> byPath) {
		this.byPath = Map.copyOf(byPath);
	}

	/** Collects the exact-path routes of a router function. */
	@SuppressWarnings("unchecked")
	static RpcHandlers of(RouterFunction<ServerResponse> router) {
		Map<String, HandlerFunction<ServerResponse>> byPath = new HashMap<>();
		router.accept(new RouterFunctions.Visitor() {

			@Override
			public void route(RequestPredicate predicate, HandlerFunction<?> handler) {
				String path = exactPath(predicate);
				if (path != null) {
					byPath.putIfAbsent(path, (HandlerFunction<ServerResponse>) handler);
				}
			}

			@Override
			public void startNested(RequestPredicate predicate) {
			}

			@Override
			public void endNested(RequestPredicate predicate) {
			}

			@Override
			public void resources(Function<ServerRequest, Mono<Resource>> lookupFunction) {
			}

			@Override
			public void attributes(Map<String, Object> attributes) {
			}

			@Override
			public void unknown(RouterFunction<?> routerFunction) {
			}

		});
		if (byPath.isEmpty()) {
			throw new IllegalStateException("No exact-path route in " + router);
		}
		return new RpcHandlers(byPath);
	}

	/** Returns the handler of a request path, or {@code null} when the path is not a served procedure. */
	@Nullable HandlerFunction<ServerResponse> get(String path) {
		return this.byPath.get(path);
	}

	int size() {
		return this.byPath.size();
	}

	/** Returns the path of a predicate that is exactly one literal path pattern, else {@code null}. */
	private static @Nullable String exactPath(RequestPredicate predicate) {
		List<String> paths = new ArrayList<>();
		boolean[] other = { false };
		predicate.accept(new RequestPredicates.Visitor() {

			@Override
			public void path(String pattern) {
				paths.add(pattern);
			}

			@Override
			public void method(Set<HttpMethod> methods) {
				other[0] = true;
			}

			@Override
			public void pathExtension(String extension) {
				other[0] = true;
			}

			@Override
			public void header(String name, String value) {
				other[0] = true;
			}

			@Override
			public void queryParam(String name, String value) {
				other[0] = true;
			}

			@Override
			public void version(String version) {
				other[0] = true;
			}

			@Override
			public void startAnd() {
				other[0] = true;
			}

			@Override
			public void and() {
			}

			@Override
			public void endAnd() {
			}

			@Override
			public void startOr() {
				other[0] = true;
			}

			@Override
			public void or() {
			}

			@Override
			public void endOr() {
			}

			@Override
			public void startNegate() {
				other[0] = true;
			}

			@Override
			public void endNegate() {
			}

			@Override
			public void unknown(RequestPredicate unknown) {
				other[0] = true;
			}

		});
		if (other[0] || paths.size() != 1) {
			return null;
		}
		String path = paths.get(0);
		return (path.indexOf('*') < 0 && path.indexOf('{') < 0 && path.indexOf('?') < 0) ? path : null;
	}

}
