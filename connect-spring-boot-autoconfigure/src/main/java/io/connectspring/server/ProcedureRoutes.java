package io.connectspring.server;

import java.util.HashMap;
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
import reactor.core.publisher.Mono;

/**
 * The procedures of a {@link ConnectRouterFunction} by exact path: each route whose predicate is one literal path and
 * whose handler is a {@link ProcedureHandler}. Read once, by visiting the routes as Spring describes them, so that the
 * path a procedure is served at is decided in one place, the builder.
 */
final class ProcedureRoutes {

	private ProcedureRoutes() {
	}

	/** Returns the procedure handlers by path, such as {@code /greet.v1.GreetService/Greet}; never empty-keyed. */
	static Map<String, ProcedureHandler> byPath(ConnectRouterFunction routes) {
		Map<String, ProcedureHandler> byPath = new HashMap<>();
		routes.accept(new RouterFunctions.Visitor() {

			@Override
			public void route(RequestPredicate predicate, HandlerFunction<?> handler) {
				String path = LiteralPath.of(predicate);
				if (path != null && handler instanceof ProcedureHandler procedure) {
					byPath.putIfAbsent(path, procedure);
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
		return Map.copyOf(byPath);
	}

	/** Finds the literal path of a predicate that tests nothing but one path pattern without wildcards. */
	private static final class LiteralPath implements RequestPredicates.Visitor {

		private @Nullable String path;

		private boolean other;

		static @Nullable String of(RequestPredicate predicate) {
			LiteralPath visitor = new LiteralPath();
			predicate.accept(visitor);
			String path = visitor.path;
			if (visitor.other || path == null) {
				return null;
			}
			return (path.indexOf('*') < 0 && path.indexOf('{') < 0 && path.indexOf('?') < 0) ? path : null;
		}

		@Override
		public void path(String pattern) {
			this.other |= this.path != null;
			this.path = pattern;
		}

		@Override
		public void method(Set<HttpMethod> methods) {
			this.other = true;
		}

		@Override
		public void pathExtension(String extension) {
			this.other = true;
		}

		@Override
		public void header(String name, String value) {
			this.other = true;
		}

		@Override
		public void queryParam(String name, String value) {
			this.other = true;
		}

		@Override
		public void version(String version) {
			this.other = true;
		}

		@Override
		public void startAnd() {
			this.other = true;
		}

		@Override
		public void and() {
		}

		@Override
		public void endAnd() {
		}

		@Override
		public void startOr() {
			this.other = true;
		}

		@Override
		public void or() {
		}

		@Override
		public void endOr() {
		}

		@Override
		public void startNegate() {
			this.other = true;
		}

		@Override
		public void endNegate() {
		}

		@Override
		public void unknown(RequestPredicate predicate) {
			this.other = true;
		}

	}

}
