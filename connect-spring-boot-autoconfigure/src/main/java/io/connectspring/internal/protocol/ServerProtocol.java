package io.connectspring.internal.protocol;

import io.connectspring.StreamType;

import java.util.List;
import java.util.Set;

import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * One wire protocol on the server side. The procedure's handler picks the first protocol that
 * {@link #canHandle accepts} a request and lets it serve the whole call: negotiation, decoding, invoking, encoding
 * and the protocol's way of ending a call and reporting errors.
 */
public interface ServerProtocol {

	/** Returns the HTTP methods this protocol uses for a procedure of the given stream type and idempotency. */
	Set<HttpMethod> methods(ProcedureSpec spec);

	/** Returns the content types this protocol accepts for a procedure, for {@code Accept-Post} headers. */
	List<String> contentTypes(StreamType streamType);

	/** Returns whether this protocol serves the request (by HTTP method and content type). */
	boolean canHandle(ServerRequest request, ProcedureSpec spec);

	/** Serves the call; the result never fails: errors become the protocol's error response. */
	Mono<ServerResponse> serve(ServerRequest request, ServerInvoker invoker, ProcedureSpec spec);

}
