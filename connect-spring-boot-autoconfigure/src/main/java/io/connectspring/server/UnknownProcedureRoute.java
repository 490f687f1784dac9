package io.connectspring.server;

import io.connectspring.Code;
import io.connectspring.ConnectException;
import io.connectspring.internal.wire.ErrorJson;
import io.connectspring.internal.wire.GrpcStatus;

import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * Answers an RPC to a procedure this server does not serve ({@code [prefix]/package.Service/Method} of an unknown
 * service or method) with {@code unimplemented} in the form of the protocol the request speaks: a trailers-only
 * response for gRPC and gRPC-Web, HTTP 404 with the error JSON for Connect, as connect-go's conformance expects.
 * Only requests that are recognisably RPCs match (a gRPC or Connect streaming content type; a Connect unary content
 * type with {@code Connect-Protocol-Version}; a GET with {@code connect=v1}), so the application's other routes, and
 * WebFlux's own 404 for anything else, are left alone.
 *
 * @see <a href="https://connectrpc.com/docs/protocol#error-codes">Connect error codes</a>
 */
final class UnknownProcedureRoute implements RouterFunction<ServerResponse> {

	private static final String MESSAGE = "this server does not serve the procedure";

	private static final ConnectException UNIMPLEMENTED = new ConnectException(Code.UNIMPLEMENTED, MESSAGE);

	private final String pathPrefix;

	/** @param pathPrefix the routes' prefix: empty, or starting with {@code /} and not ending with one */
	UnknownProcedureRoute(String pathPrefix) {
		this.pathPrefix = pathPrefix;
	}

	@Override
	public Mono<HandlerFunction<ServerResponse>> route(ServerRequest request) {
		HandlerFunction<ServerResponse> handler = isProcedurePath(request.path()) ? handler(request) : null;
		return (handler != null) ? Mono.just(handler) : Mono.empty();
	}

	/** Returns whether the path is {@code [prefix]/service/method}, two non-empty segments after the prefix. */
	private boolean isProcedurePath(String path) {
		if (!path.startsWith(this.pathPrefix)) {
			return false;
		}
		int service = this.pathPrefix.length();
		if (path.length() <= service + 1 || path.charAt(service) != '/') {
			return false;
		}
		int slash = path.indexOf('/', service + 1);
		return slash > service + 1 && slash < path.length() - 1 && path.indexOf('/', slash + 1) < 0;
	}

	/** Returns the handler answering in the request's protocol, or {@code null} when the request is no RPC. */
	static @Nullable HandlerFunction<ServerResponse> handler(ServerRequest request) {
		String contentType = request.headers().firstHeader(HttpHeaders.CONTENT_TYPE);
		String type = (contentType != null) ? contentType.toLowerCase(Locale.ROOT) : "";
		if (request.method() == HttpMethod.POST && type.startsWith("application/grpc")) {
			// gRPC and gRPC-Web alike: the status in the one header block of a trailers-only response.
			return (ignored) -> ServerResponse.ok().headers((headers) -> {
				headers.set(HttpHeaders.CONTENT_TYPE, contentType);
				GrpcStatus.write(UNIMPLEMENTED, headers);
			}).build();
		}
		boolean connect = (request.method() == HttpMethod.POST && (type.startsWith("application/connect+")
				|| ((type.startsWith("application/proto") || type.startsWith("application/json"))
						&& request.headers().firstHeader("Connect-Protocol-Version") != null)))
				|| (request.method() == HttpMethod.GET && "v1".equals(request.queryParam("connect").orElse(null)));
		if (connect) {
			// 404, not unimplemented's 501: the status connect-go's mux answers for a path it does not route.
			return (ignored) -> ServerResponse.status(HttpStatus.NOT_FOUND)
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(ErrorJson.error(UNIMPLEMENTED));
		}
		return null;
	}

}
