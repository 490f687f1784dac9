package io.connectspring.internal.server;

import io.connectspring.StreamType;

import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * One wire protocol on the server side. {@link ServerNegotiation} asks each protocol in turn to
 * {@link #negotiate claim} a request; the one that does decides the call from the request's head, once, and then
 * {@link #serve serves} it: decoding, invoking, encoding and the protocol's way of ending a call and reporting errors.
 */
public interface ServerProtocol {

	/** Returns the protocol's name in {@code ConnectCall.protocol()}, as connect-go names it. */
	String name();

	/** Returns the HTTP methods this protocol uses for a procedure of the given stream type and idempotency. */
	Set<HttpMethod> methods(ProcedureSpec spec);

	/** Returns the content types this protocol accepts for a procedure, for {@code Accept-Post} headers. */
	List<String> contentTypes(StreamType streamType);

	/**
	 * Negotiates a request whose HTTP method is one of {@link #methods}.
	 * @return {@code null} when the request is not this protocol's (by method, stream type and content type);
	 * else the call to serve, or the protocol's answer to a request it cannot serve (such as an unknown compression)
	 */
	@Nullable Negotiation negotiate(RequestHead head, ProcedureSpec spec);

	/**
	 * Serves a call this protocol negotiated: reads the exchange's request body (subscribing to it at most once),
	 * invokes the service, and writes status, headers, body and the protocol's end straight into the exchange's
	 * response. The result completes when the response is written and never fails: errors become the protocol's
	 * error response.
	 * @param call the call, as {@link #negotiate} made it
	 * @param exchange the HTTP exchange of the call; nothing has been written to its response yet
	 * @param invoker invokes the service
	 */
	Mono<Void> serve(ServerCall call, ServerWebExchange exchange, ServerInvoker invoker);

}
