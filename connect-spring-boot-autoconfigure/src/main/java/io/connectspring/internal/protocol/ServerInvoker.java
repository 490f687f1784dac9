package io.connectspring.internal.protocol;

import io.connectspring.Code;
import io.connectspring.ConnectException;
import io.connectspring.MethodDescriptor;

import com.google.protobuf.Message;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Serves one procedure once a protocol has decoded the call: the service, with interceptors and scheduling around
 * it. Protocols call it once per call and subscribe to the result once.
 */
public interface ServerInvoker {

	/** Returns the procedure. */
	MethodDescriptor<?, ?> method();

	/** Returns the responses to the given requests; nothing runs until the result is subscribed. */
	Flux<Message> invoke(Flux<Message> requests, CallState state);

	/**
	 * Returns the one response of a unary call to its one request; nothing runs until the result is subscribed. The
	 * result fails with {@link Code#INTERNAL} when the service (or an interceptor) produces no response or more than
	 * one. Implementations may override it with a shorter path that keeps these rules.
	 */
	default Mono<Message> invokeUnary(Mono<Message> request, CallState state) {
		return MessageCheck
			.exactlyOne(invoke(request.flux(), state),
					() -> new ConnectException(Code.INTERNAL, "unary response has no messages"),
					() -> new ConnectException(Code.INTERNAL, "unary response has multiple messages"))
			.singleOrEmpty();
	}

}
