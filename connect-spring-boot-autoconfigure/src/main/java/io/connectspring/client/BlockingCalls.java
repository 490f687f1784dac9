package io.connectspring.client;

import io.connectspring.Code;
import io.connectspring.ConnectException;
import io.connectspring.MethodDescriptor;
import io.connectspring.internal.client.ClientErrors;

import java.util.Iterator;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import com.google.protobuf.Message;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

/**
 * The blocking forms of the four kinds of call, over a {@link ConnectTransport}. Generated blocking clients delegate
 * here. Each method blocks the calling thread, so it must not be called on an event-loop thread (Reactor refuses
 * that with an {@link IllegalStateException}). Failures are thrown as {@link ConnectException}, never wrapped; an
 * interrupted wait cancels the call and throws one with {@link Code#CANCELED}, keeping the thread's interrupt flag.
 */
public final class BlockingCalls {

	private BlockingCalls() {
	}

	/** Calls a unary procedure and waits for its response. */
	public static <Req extends Message, Res extends Message> Res unary(ConnectTransport transport,
			MethodDescriptor<Req, Res> method, Req request, CallOptions options) {
		return await(transport.unary(method, request, options));
	}

	/**
	 * Calls a client-streaming procedure with all the given requests and waits for its response. The requests are
	 * read as the network takes them, on a thread that may block (Reactor's bounded-elastic scheduler), so the
	 * iterable may be lazy and slow, such as lines read from a file.
	 */
	public static <Req extends Message, Res extends Message> Res clientStream(ConnectTransport transport,
			MethodDescriptor<Req, Res> method, Iterable<? extends Req> requests, CallOptions options) {
		// Never iterate on the event loop: a blocking iterator there would stall every call on that loop.
		Flux<Req> messages = Flux.<Req>fromIterable(requests).subscribeOn(Schedulers.boundedElastic());
		return await(transport.clientStream(method, messages, options));
	}

	/**
	 * Calls a server-streaming procedure, which starts at once. The returned stream blocks for each response and
	 * throws {@link ConnectException} when the call fails; it must be closed (use try-with-resources), and closing it
	 * before the end cancels the call: reading on (from this thread, or from one that was waiting for a response)
	 * then throws one with {@link Code#CANCELED}.
	 */
	public static <Req extends Message, Res extends Message> Stream<Res> serverStream(ConnectTransport transport,
			MethodDescriptor<Req, Res> method, Req request, CallOptions options) {
		Cancellation cancellation = new Cancellation();
		Stream<Res> responses = cancellation.apply(transport.serverStream(method, request, options)).toStream(1);
		Iterator<Res> iterator = translating(responses.iterator());
		return StreamSupport
			.stream(Spliterators.spliteratorUnknownSize(iterator, Spliterator.ORDERED | Spliterator.NONNULL), false)
			// Cancelling ends the responses with an error that a reader still sees; disposing the iterator as well
			// could drop that error and leave a reader waiting forever.
			.onClose(cancellation::cancel);
	}

	/**
	 * Starts a bidirectional-streaming call and returns its handle, which must be closed.
	 * @see BidiStreamCall
	 */
	public static <Req extends Message, Res extends Message> BidiStreamCall<Req, Res> bidiStream(
			ConnectTransport transport, MethodDescriptor<Req, Res> method, CallOptions options) {
		return new BidiStreamCall<>(transport, method, options);
	}

	private static <T> T await(Mono<T> result) {
		T value;
		try {
			value = result.block();
		}
		catch (RuntimeException ex) {
			throw toConnectException(ex);
		}
		if (value == null) {
			throw new ConnectException(Code.INTERNAL, "the call ended without a response");
		}
		return value;
	}

	/**
	 * Lets a blocking caller cancel a call by closing its handle: the responses then end with {@link Code#CANCELED},
	 * which a reader sees instead of waiting for responses that will never come. Cancelling after the end changes
	 * nothing.
	 */
	static final class Cancellation {

		private final Sinks.One<Boolean> signal = Sinks.one();

		private volatile boolean cancelled;

		<T> Flux<T> apply(Flux<T> responses) {
			// takeUntilOther cancels the call (and so its HTTP request or stream) when the signal fires.
			return responses.takeUntilOther(this.signal.asMono())
				.concatWith(Mono.defer(() -> this.cancelled
						? Mono.error(new ConnectException(Code.CANCELED, "the call was canceled by closing it"))
						: Mono.empty()));
		}

		void cancel() {
			this.cancelled = true;
			this.signal.tryEmitValue(Boolean.TRUE);
		}

	}

	/** Returns an iterator that throws what a blocking caller should get. */
	static <T> Iterator<T> translating(Iterator<T> iterator) {
		return new Iterator<>() {

			@Override
			public boolean hasNext() {
				try {
					return iterator.hasNext();
				}
				catch (RuntimeException ex) {
					throw toConnectException(ex);
				}
			}

			@Override
			public T next() {
				try {
					return iterator.next();
				}
				catch (java.util.NoSuchElementException ex) {
					throw ex;
				}
				catch (RuntimeException ex) {
					throw toConnectException(ex);
				}
			}

		};
	}

	/** Returns the error a blocking caller gets: Reactor's wrapping undone, an interrupt as canceled. */
	static ConnectException toConnectException(Throwable failure) {
		Throwable cause = Exceptions.unwrap(failure);
		// The interrupt may reach the thread while it still runs the call's own work (serializing, compressing a
		// request), which then fails with whatever that work throws; the caller asked for a cancel all the same.
		if (cause instanceof InterruptedException || Thread.currentThread().isInterrupted()) {
			Thread.currentThread().interrupt();
			return new ConnectException(Code.CANCELED, "interrupted while waiting for the call", cause);
		}
		return ClientErrors.toConnectException(cause);
	}

}
