package io.connectspring.server;

import io.connectspring.internal.protocol.ProcedureSpec;
import io.connectspring.internal.protocol.ServerInvoker;
import io.connectspring.internal.protocol.ServerProtocol;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * Serves one procedure: picks the protocol from the HTTP method and content type and lets it serve the call. A
 * method no protocol uses gets 405 with {@code Allow}; a content type none accepts gets 415 with
 * {@code Accept-Post}, as connect-go answers. With a {@link ServerShutdown}, calls are counted, refused and ended as it
 * says.
 */
final class ProcedureHandler implements HandlerFunction<ServerResponse> {

	/** The header Reactor Netty adds to every request that arrived over HTTP/2. */
	private static final String HTTP2_STREAM_ID = "x-http2-stream-id";

	private final ProcedureSpec spec;

	private final ServerInvoker invoker;

	private final List<ServerProtocol> protocols;

	private final Set<HttpMethod> methods;

	private final String allow;

	private final String acceptPost;

	private final ServerShutdown.@Nullable Gate shutdown;

	ProcedureHandler(ProcedureSpec spec, ServerInvoker invoker, List<ServerProtocol> protocols) {
		this(spec, invoker, protocols, null);
	}

	/**
	 * Creates the handler of a procedure.
	 * @param shutdown what refuses and ends the procedure's calls when the server shuts down, or {@code null}
	 */
	ProcedureHandler(ProcedureSpec spec, ServerInvoker invoker, List<ServerProtocol> protocols,
			@Nullable ServerShutdown shutdown) {
		this.spec = spec;
		this.invoker = invoker;
		this.shutdown = (shutdown != null) ? shutdown.gate(invoker) : null;
		this.protocols = List.copyOf(protocols);
		Set<HttpMethod> allMethods = new LinkedHashSet<>();
		Set<String> contentTypes = new LinkedHashSet<>();
		for (ServerProtocol protocol : protocols) {
			allMethods.addAll(protocol.methods(spec));
			contentTypes.addAll(protocol.contentTypes(spec.streamType()));
		}
		this.methods = allMethods;
		this.allow = allMethods.stream().map(HttpMethod::name).sorted().collect(Collectors.joining(", "));
		this.acceptPost = String.join(", ", contentTypes);
	}

	@Override
	public Mono<ServerResponse> handle(ServerRequest request) {
		if (!this.methods.contains(request.method())) {
			return ServerResponse.status(HttpStatus.METHOD_NOT_ALLOWED).header(HttpHeaders.ALLOW, this.allow).build();
		}
		for (ServerProtocol protocol : this.protocols) {
			if (protocol.canHandle(request, this.spec)) {
				if (request.method() == HttpMethod.GET && hasBody(request.headers().asHttpHeaders())) {
					return ServerResponse.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE).build();
				}
				return serve(protocol, request);
			}
		}
		return ServerResponse.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
			.header("Accept-Post", this.acceptPost)
			.build();
	}

	private Mono<ServerResponse> serve(ServerProtocol protocol, ServerRequest request) {
		ServerShutdown.Gate gate = this.shutdown;
		if (gate == null) {
			return protocol.serve(request, this.invoker, this.spec);
		}
		return gate.serve((invoker) -> protocol.serve(request, invoker, this.spec));
	}

	/**
	 * Returns whether a request declares a body. Over HTTP/2 only {@code content-length} counts: Reactor Netty adds a
	 * synthetic {@code transfer-encoding: chunked} whenever the HEADERS frame does not end the stream, as when a
	 * client ends a bodiless GET with an empty DATA frame.
	 */
	static boolean hasBody(HttpHeaders headers) {
		if (headers.getContentLength() > 0) {
			return true;
		}
		return headers.containsHeader(HttpHeaders.TRANSFER_ENCODING) && !headers.containsHeader(HTTP2_STREAM_ID);
	}

}
