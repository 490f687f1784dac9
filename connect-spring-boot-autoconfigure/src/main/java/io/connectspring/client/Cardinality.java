package io.connectspring.client;

import io.connectspring.Code;
import io.connectspring.ConnectException;
import io.connectspring.MethodDescriptor;
import io.connectspring.StreamType;
import io.connectspring.internal.protocol.MessageCheck;

import com.google.protobuf.Message;
import reactor.core.publisher.Flux;

/**
 * The client's one check of how many messages each side of a call carries, as its {@link StreamType} promises: what
 * leaves for the network, and what reaches the caller. A side that does not stream carries exactly one message;
 * counting waits for the end of the stream (whose end may still carry an error) and fails at a second message,
 * cancelling the rest.
 */
final class Cardinality {

	private Cardinality() {
	}

	/**
	 * Returns the requests of a call as they go to the network: unchanged for a client-streaming procedure, else
	 * failing with {@link Code#INTERNAL} unless exactly one passes. The transport's own methods send one; only an
	 * interceptor can drop it or add another.
	 */
	static Flux<Message> requests(MethodDescriptor<?, ?> method, Flux<Message> requests) {
		if (method.streamType().isClientStreaming()) {
			return requests;
		}
		return MessageCheck.exactlyOne(requests,
				() -> new ConnectException(Code.INTERNAL,
						"an interceptor of " + method.procedure() + " passed no request message"),
				() -> new ConnectException(Code.INTERNAL,
						"an interceptor of " + method.procedure() + " passed more than one request message"));
	}

	/**
	 * Returns the responses of a call as they reach the caller: unchanged for a server-streaming procedure, else
	 * failing with {@link Code#UNIMPLEMENTED} unless exactly one passes, as the gRPC spec asks of a cardinality
	 * violation and connect-go reports it.
	 */
	static Flux<Message> responses(MethodDescriptor<?, ?> method, Flux<Message> responses) {
		if (method.streamType().isServerStreaming()) {
			return responses;
		}
		return MessageCheck.exactlyOne(responses, () -> violation("no response message"),
				() -> violation("more than one response message"));
	}

	private static ConnectException violation(String what) {
		return new ConnectException(Code.UNIMPLEMENTED,
				"protocol error: " + what + " for a call that expects exactly one");
	}

}
