package io.connectspring.client;

import io.connectspring.MethodDescriptor;

import java.util.Iterator;
import java.util.NoSuchElementException;

import com.google.protobuf.Message;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * A blocking handle on a bidirectional (or client) stream: send requests, close the sending side, receive responses.
 * {@link #send} and {@link #closeSend} may be called from one thread while another calls {@link #receive}.
 * {@link #close()} cancels the call if it is still running.
 *
 * @param <Req> the request message type
 * @param <Res> the response message type
 */
public final class BidiStreamCall<Req extends Message, Res extends Message> implements AutoCloseable {

	private final Sinks.Many<Req> requests = Sinks.many().unicast().onBackpressureBuffer();

	private final Iterator<Res> responses;

	private final java.util.stream.Stream<Res> responseStream;

	BidiStreamCall(ConnectTransport transport, MethodDescriptor<Req, Res> method, CallOptions options) {
		Flux<Res> flux = transport.bidiStream(method, this.requests.asFlux(), options);
		this.responseStream = flux.toStream(1);
		this.responses = this.responseStream.iterator();
	}

	/** Sends a request. Fails with {@link IllegalStateException} after {@link #closeSend()}. */
	public void send(Req request) {
		Sinks.EmitResult result = this.requests.tryEmitNext(request);
		if (result.isFailure()) {
			throw new IllegalStateException("Cannot send on this stream: " + result);
		}
	}

	/** Closes the sending side; the server sees the end of the request stream. */
	public void closeSend() {
		this.requests.tryEmitComplete();
	}

	/**
	 * Waits for the next response; returns {@code null} when the server has ended the stream, and throws
	 * {@link io.connectspring.ConnectException} when it ended it with an error.
	 */
	public @Nullable Res receive() {
		try {
			return this.responses.hasNext() ? this.responses.next() : null;
		}
		catch (NoSuchElementException ex) {
			return null;
		}
	}

	@Override
	public void close() {
		this.requests.tryEmitComplete();
		this.responseStream.close();
	}

}
