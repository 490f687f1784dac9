package io.connectspring.client;

import io.connectspring.MethodDescriptor;

import java.util.stream.Stream;

import com.google.protobuf.Message;
import reactor.core.publisher.Flux;

/**
 * The blocking forms of the four kinds of call, over a {@link ConnectTransport}. Generated blocking clients delegate
 * here. Each method blocks the calling thread, so it must not be called on an event-loop thread.
 */
public final class BlockingCalls {

	private BlockingCalls() {
	}

	/** Calls a unary procedure and waits for its response. */
	public static <Req extends Message, Res extends Message> Res unary(ConnectTransport transport,
			MethodDescriptor<Req, Res> method, Req request, CallOptions options) {
		return transport.unary(method, request, options).block();
	}

	/** Calls a client-streaming procedure with all the given requests and waits for its response. */
	public static <Req extends Message, Res extends Message> Res clientStream(ConnectTransport transport,
			MethodDescriptor<Req, Res> method, Iterable<? extends Req> requests, CallOptions options) {
		return transport.clientStream(method, Flux.fromIterable(requests), options).block();
	}

	/**
	 * Calls a server-streaming procedure; the returned stream blocks for each response and must be closed (closing
	 * it early cancels the call).
	 */
	public static <Req extends Message, Res extends Message> Stream<Res> serverStream(ConnectTransport transport,
			MethodDescriptor<Req, Res> method, Req request, CallOptions options) {
		return transport.serverStream(method, request, options).toStream(1);
	}

	/** Starts a bidirectional-streaming call and returns its handle. */
	public static <Req extends Message, Res extends Message> BidiStreamCall<Req, Res> bidiStream(
			ConnectTransport transport, MethodDescriptor<Req, Res> method, CallOptions options) {
		return new BidiStreamCall<>(transport, method, options);
	}

}
