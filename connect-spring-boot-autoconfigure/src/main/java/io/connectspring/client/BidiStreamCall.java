package io.connectspring.client;

import io.connectspring.Code;
import io.connectspring.ConnectException;
import io.connectspring.MethodDescriptor;

import java.util.Iterator;
import java.util.stream.Stream;

import com.google.protobuf.Message;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Operators;

/**
 * A blocking handle on a bidirectional-streaming call: send requests, close the sending side, receive responses.
 * The call starts when the handle is created; close the handle when done (try-with-resources).
 * <p>
 * Threading: {@link #send} and {@link #closeSend} may be called from one thread while another calls
 * {@link #receive}; neither may be called concurrently with itself. {@link #send} blocks while the network is not
 * ready for more (so requests are never buffered without bound) and {@link #receive} blocks until a response, the
 * end, or an error arrives. Full-duplex over HTTP/2, and over HTTP/1.1 as far as the server allows.
 *
 * @param <Req> the request message type
 * @param <Res> the response message type
 */
public final class BidiStreamCall<Req extends Message, Res extends Message> implements AutoCloseable {

	private final Object lock = new Object();

	private final BlockingCalls.Cancellation cancellation = new BlockingCalls.Cancellation();

	private final Stream<Res> responseStream;

	private final Iterator<Res> responses;

	private @Nullable FluxSink<Req> sink;

	private long demand;

	private boolean sendClosed;

	private boolean ended;

	private volatile @Nullable Throwable failure;

	BidiStreamCall(ConnectTransport transport, MethodDescriptor<Req, Res> method, CallOptions options) {
		Flux<Req> requests = Flux.create(this::attach);
		this.responseStream = this.cancellation.apply(transport.bidiStream(method, requests, options))
			.doOnError((ex) -> this.failure = ex)
			.doFinally((signal) -> end())
			.toStream(1);
		this.responses = BlockingCalls.translating(this.responseStream.iterator());
	}

	private void attach(FluxSink<Req> sink) {
		synchronized (this.lock) {
			this.sink = sink;
			sink.onRequest((n) -> {
				synchronized (this.lock) {
					this.demand = Operators.addCap(this.demand, n);
					this.lock.notifyAll();
				}
			});
			sink.onDispose(this::end);
			if (this.sendClosed) {
				sink.complete();
			}
		}
	}

	private void end() {
		synchronized (this.lock) {
			this.ended = true;
			this.lock.notifyAll();
		}
	}

	/**
	 * Sends a request, waiting until the network is ready for it.
	 * @throws IllegalStateException after {@link #closeSend()} or {@link #close()}
	 * @throws ConnectException when the call has already ended with an error (the same one {@link #receive()}
	 * throws), or has ended otherwise ({@link Code#CANCELED}); or when the wait is interrupted
	 */
	public void send(Req request) {
		FluxSink<Req> target;
		synchronized (this.lock) {
			if (this.sendClosed) {
				throw new IllegalStateException("Cannot send on this stream: its sending side is closed");
			}
			while (this.demand == 0 && !this.ended) {
				try {
					this.lock.wait();
				}
				catch (InterruptedException ex) {
					throw BlockingCalls.toConnectException(ex);
				}
			}
			if (this.ended || this.sink == null) {
				Throwable cause = this.failure;
				throw (cause != null) ? BlockingCalls.toConnectException(cause)
						: new ConnectException(Code.CANCELED, "the call has ended");
			}
			if (this.demand != Long.MAX_VALUE) {
				this.demand--;
			}
			target = this.sink;
		}
		target.next(request);
	}

	/** Closes the sending side: the server sees the end of the request stream. Idempotent. */
	public void closeSend() {
		FluxSink<Req> target;
		synchronized (this.lock) {
			if (this.sendClosed) {
				return;
			}
			this.sendClosed = true;
			target = this.sink;
		}
		if (target != null) {
			target.complete();
		}
	}

	/**
	 * Waits for the next response.
	 * @return the response, or {@code null} when the server has ended the stream successfully
	 * @throws ConnectException when the call ended with an error; with {@link Code#CANCELED} when it was
	 * {@link #close() closed} before its end, also for a receive that was waiting then
	 */
	public @Nullable Res receive() {
		return this.responses.hasNext() ? this.responses.next() : null;
	}

	/**
	 * Ends the call: if it is still running, cancels it (a {@link #receive()} then throws {@link Code#CANCELED}),
	 * and closes the sending side. Idempotent.
	 */
	@Override
	public void close() {
		this.cancellation.cancel();
		closeSend();
		this.responseStream.close();
		end();
	}

}
