package io.connectspring.internal.protocol;

import io.connectspring.MethodDescriptor;

import com.google.protobuf.Message;
import reactor.core.publisher.Flux;

/**
 * Serves one procedure once a protocol has decoded the call: the service, with interceptors and scheduling around
 * it. Protocols call it once per call and subscribe to the result once.
 */
public interface ServerInvoker {

	/** Returns the procedure. */
	MethodDescriptor<?, ?> method();

	/** Returns the responses to the given requests; nothing runs until the result is subscribed. */
	Flux<Message> invoke(Flux<Message> requests, CallState state);

}
