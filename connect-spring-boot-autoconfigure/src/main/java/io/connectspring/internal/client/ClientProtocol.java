package io.connectspring.internal.client;

import com.google.protobuf.Message;
import reactor.core.publisher.Flux;

/**
 * The network end of a client call in one wire protocol: sends the requests, returns the responses. Implementations
 * fill the call's response headers before signalling anything and its trailers before the end, and signal failures
 * as {@link io.connectspring.ConnectException}. Nothing happens until the result is subscribed; cancelling it
 * cancels the call on the wire. Implementations are stateless and safe for concurrent use.
 */
public interface ClientProtocol {

	/**
	 * Returns the protocol's name as {@link io.connectspring.ConnectCall#protocol()} reports it: {@code "connect"},
	 * {@code "grpc"} or {@code "grpcweb"}.
	 */
	String name();

	/**
	 * Makes a call.
	 * @param call the call's state; its request headers are taken when the request leaves
	 * @param requests the requests: exactly one for unary and server-streaming procedures, which the transport
	 * checks before they reach the protocol
	 * @return the responses
	 */
	Flux<Message> call(ClientCallState call, Flux<Message> requests);

}
