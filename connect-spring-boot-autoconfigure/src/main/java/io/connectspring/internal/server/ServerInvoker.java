package io.connectspring.internal.server;

import io.connectspring.Code;
import io.connectspring.MethodDescriptor;

import com.google.protobuf.Message;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Serves one procedure once a protocol has decoded the call: the service, with interceptors and scheduling around
 * it. Protocols call it once per call and subscribe to the result once.
 * <p>
 * An invoker keeps the cardinality the procedure's stream type promises, so protocols need not: the service sees
 * exactly one request unless the procedure is client-streaming (else the result fails with
 * {@link Code#UNIMPLEMENTED}), and the result holds exactly one response unless it is server-streaming (else it fails
 * with {@link Code#INTERNAL}).
 */
public interface ServerInvoker {

	/** Returns the procedure. */
	MethodDescriptor<?, ?> method();

	/** Returns the responses to the given requests; nothing runs until the result is subscribed. */
	Flux<Message> invoke(Flux<Message> requests, CallState state);

	/**
	 * Returns the one response of a unary call to its one request; nothing runs until the result is subscribed.
	 * Implementations may override it with a shorter path that keeps the same rules.
	 */
	default Mono<Message> invokeUnary(Mono<Message> request, CallState state) {
		return invoke(request.flux(), state).singleOrEmpty();
	}

}
