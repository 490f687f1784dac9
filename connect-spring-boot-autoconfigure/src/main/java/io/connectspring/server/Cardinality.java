package io.connectspring.server;

import io.connectspring.Code;
import io.connectspring.ConnectException;
import io.connectspring.MethodDescriptor;
import io.connectspring.StreamType;
import io.connectspring.internal.protocol.MessageCheck;

import com.google.protobuf.Message;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * How many messages a server call carries, as the procedure's {@link StreamType} promises, checked once per direction
 * for every call ({@link BindingInvoker} applies it): the handler of a procedure that is not
 * {@linkplain StreamType#isClientStreaming() client-streaming} sees exactly one request, else the client gets
 * {@link Code#UNIMPLEMENTED} (as connect-go answers, and as the gRPC spec asks of a cardinality violation); a
 * procedure that is not {@linkplain StreamType#isServerStreaming() server-streaming} answers exactly one response,
 * else {@link Code#INTERNAL}. The request check sits between the interceptors and the handler, where connect-go
 * checks too; the response check outside the interceptors, so it covers them. Immutable.
 */
final class Cardinality {

	private final MethodDescriptor<?, ?> method;

	private final boolean oneRequest;

	private final boolean oneResponse;

	/** Who answers the call, in error messages. */
	private final String responder;

	/**
	 * Creates the checks of a procedure's calls.
	 * @param intercepted whether interceptors stand between the handler and the protocol, so that a missing or extra
	 * response may be theirs
	 */
	Cardinality(MethodDescriptor<?, ?> method, boolean intercepted) {
		StreamType streamType = method.streamType();
		this.method = method;
		this.oneRequest = !streamType.isClientStreaming();
		this.oneResponse = !streamType.isServerStreaming();
		this.responder = "the implementation of " + method.procedure() + (intercepted ? " or an interceptor" : "");
	}

	/**
	 * Returns the requests a handler sees: for a procedure that is not client-streaming, failing with
	 * {@link Code#UNIMPLEMENTED} as soon as a second request arrives, or at the end when none did. A handler that
	 * waits for the end of its one request (as {@link Flux#singleOrEmpty()} does) therefore sees these errors.
	 */
	Flux<Message> requests(Flux<Message> requests) {
		return this.oneRequest ? MessageCheck.exactlyOne(requests, () -> wrongRequests("no"),
				() -> wrongRequests("multiple")) : requests;
	}

	/**
	 * Returns the responses of a call: for a procedure that is not server-streaming, failing with
	 * {@link Code#INTERNAL} at a second response, or at the end when none came.
	 */
	Flux<Message> responses(Flux<Message> responses) {
		return this.oneResponse ? MessageCheck.exactlyOne(responses, this::noResponse, this::manyResponses)
				: responses;
	}

	/** Returns the one response of a unary call, failing with {@link Code#INTERNAL} when there is none. */
	Mono<Message> response(Mono<Message> response) {
		return response.switchIfEmpty(Mono.error(this::noResponse));
	}

	private ConnectException wrongRequests(String count) {
		String what = (this.method.streamType() == StreamType.UNARY) ? "unary request" : "server stream request";
		return new ConnectException(Code.UNIMPLEMENTED, what + " has " + count + " messages");
	}

	private ConnectException noResponse() {
		return new ConnectException(Code.INTERNAL, this.responder + " completed without a response message");
	}

	private ConnectException manyResponses() {
		return new ConnectException(Code.INTERNAL, this.responder + " sent more than one response message");
	}

}
