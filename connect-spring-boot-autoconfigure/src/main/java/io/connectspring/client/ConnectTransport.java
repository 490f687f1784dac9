package io.connectspring.client;

import io.connectspring.MethodDescriptor;

import com.google.protobuf.Message;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Carries calls to a Connect server. Generated clients call through it; an implementation owns the connection,
 * protocol, codec and compression. Nothing happens until the returned publisher is subscribed, and cancelling the
 * subscription cancels the call on the wire. Failures are signalled as {@link io.connectspring.ConnectException}.
 * Implementations are safe for concurrent use.
 */
public interface ConnectTransport {

	/** Calls a unary procedure. */
	<Req extends Message, Res extends Message> Mono<Res> unary(MethodDescriptor<Req, Res> method, Req request,
			CallOptions options);

	/** Calls a client-streaming procedure, sending the requests as they are published. */
	<Req extends Message, Res extends Message> Mono<Res> clientStream(MethodDescriptor<Req, Res> method,
			Publisher<Req> requests, CallOptions options);

	/** Calls a server-streaming procedure. */
	<Req extends Message, Res extends Message> Flux<Res> serverStream(MethodDescriptor<Req, Res> method, Req request,
			CallOptions options);

	/** Calls a bidirectional-streaming procedure; full-duplex where the HTTP version allows. */
	<Req extends Message, Res extends Message> Flux<Res> bidiStream(MethodDescriptor<Req, Res> method,
			Publisher<Req> requests, CallOptions options);

}
