package io.connectspring.server;

import io.connectspring.Code;
import io.connectspring.MethodDescriptor;
import io.connectspring.ServiceDescriptor;
import io.connectspring.StreamType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import com.google.protobuf.Message;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A service's procedures bound to the methods of one implementation. Generated server interfaces build it in
 * {@link BindableService#bindService()}; the runtime routes each procedure to its handler.
 * <p>
 * The runtime keeps the cardinality the stream type promises around every handler, so that service methods never
 * see it broken: a unary or server-streaming procedure's handler gets exactly one request (else the client gets
 * {@link Code#UNIMPLEMENTED}, as from connect-go), and a unary or client-streaming call must produce exactly one
 * response (else {@link Code#INTERNAL}; a blocking method returning {@code null} produces none). Blocking methods
 * run on the scheduler the runtime passes, never on the calling thread; when the call is cancelled, the thread
 * running a blocking method is interrupted. While a blocking method runs, and while its returned stream is pulled,
 * the thread sees the call's deadline (which calls made with a Connect client inherit), its current Micrometer
 * observation and (with Spring Security) its security context.
 *
 * @param descriptor the service
 * @param handlers the handler of each procedure, keyed by method name, in descriptor order
 */
public record ServiceBinding(ServiceDescriptor descriptor, Map<String, MethodBinding<?, ?>> handlers) {

	/** How many requests a blocking method may have read ahead of its consumption. */
	private static final int BLOCKING_PREFETCH = 8;

	/**
	 * Returns the one request of a unary or server-streaming call, whose count the runtime checks: waiting for the
	 * requests to end lets that check report a second one.
	 */
	static <Req> Mono<Req> single(Flux<Req> requests) {
		return requests.singleOrEmpty();
	}

	/** Starts a binding of the given service. */
	public static Builder builder(ServiceDescriptor descriptor) {
		return new Builder(descriptor);
	}

	/**
	 * One procedure and its handler.
	 *
	 * @param <Req> the request message type
	 * @param <Res> the response message type
	 * @param method the procedure
	 * @param handler serves its calls
	 * @param blocking whether the implementation blocks (and so runs on the blocking scheduler)
	 */
	public record MethodBinding<Req extends Message, Res extends Message>(MethodDescriptor<Req, Res> method,
			ServerCallHandler<Req, Res> handler, boolean blocking) {
	}

	/** Builds a {@link ServiceBinding}; every procedure of the descriptor must be bound exactly once. */
	public static final class Builder {

		private final ServiceDescriptor descriptor;

		private final Map<String, MethodBinding<?, ?>> handlers = new LinkedHashMap<>();

		private Builder(ServiceDescriptor descriptor) {
			this.descriptor = descriptor;
		}

		/** Binds a reactive unary method. */
		public <Req extends Message, Res extends Message> Builder unary(MethodDescriptor<Req, Res> method,
				BiFunction<Req, ConnectContext, Mono<Res>> implementation) {
			return add(method, StreamType.UNARY, false, new UnaryCallHandler<>(
					(request, context, scheduler) -> implementation.apply(request, context)));
		}

		/** Binds a reactive client-streaming method. */
		public <Req extends Message, Res extends Message> Builder clientStreaming(MethodDescriptor<Req, Res> method,
				BiFunction<Flux<Req>, ConnectContext, Mono<Res>> implementation) {
			return add(method, StreamType.CLIENT, false,
					(requests, context, scheduler) -> Mono.defer(() -> implementation.apply(requests, context)).flux());
		}

		/** Binds a reactive server-streaming method. */
		public <Req extends Message, Res extends Message> Builder serverStreaming(MethodDescriptor<Req, Res> method,
				BiFunction<Req, ConnectContext, Flux<Res>> implementation) {
			return add(method, StreamType.SERVER, false, (requests, context, scheduler) -> single(requests)
				.flatMapMany((request) -> implementation.apply(request, context)));
		}

		/** Binds a reactive bidirectional-streaming method. */
		public <Req extends Message, Res extends Message> Builder bidiStreaming(MethodDescriptor<Req, Res> method,
				BiFunction<Flux<Req>, ConnectContext, Flux<Res>> implementation) {
			return add(method, StreamType.BIDI, false,
					(requests, context, scheduler) -> Flux.defer(() -> implementation.apply(requests, context)));
		}

		/** Binds a blocking unary method. */
		public <Req extends Message, Res extends Message> Builder blockingUnary(MethodDescriptor<Req, Res> method,
				BiFunction<Req, ConnectContext, Res> implementation) {
			return add(method, StreamType.UNARY, true,
					new UnaryCallHandler<>((request, context, scheduler) -> Mono
						.deferContextual((reactor) -> Mono.fromCallable(
								() -> BlockingContext.call(reactor, () -> implementation.apply(request, context))))
						.subscribeOn(scheduler)));
		}

		/**
		 * Binds a blocking client-streaming method; it reads the requests as a {@link Stream} that blocks for the next
		 * message.
		 */
		public <Req extends Message, Res extends Message> Builder blockingClientStreaming(
				MethodDescriptor<Req, Res> method, BiFunction<Stream<Req>, ConnectContext, Res> implementation) {
			return add(method, StreamType.CLIENT, true, (requests, context, scheduler) -> Mono
				.deferContextual((reactor) -> Mono.fromCallable(() -> BlockingContext.call(reactor, () -> {
					try (Stream<Req> stream = requests.toStream(BLOCKING_PREFETCH)) {
						return implementation.apply(stream, context);
					}
				})))
				.subscribeOn(scheduler)
				.flux());
		}

		/**
		 * Binds a blocking server-streaming method; its {@link Stream} is pulled lazily, as the client reads, and
		 * closed when the call ends.
		 */
		public <Req extends Message, Res extends Message> Builder blockingServerStreaming(
				MethodDescriptor<Req, Res> method, BiFunction<Req, ConnectContext, Stream<Res>> implementation) {
			return add(method, StreamType.SERVER, true,
					(requests, context, scheduler) -> single(requests)
						.flatMapMany((request) -> Flux.deferContextual((reactor) -> Flux.using(
								() -> BlockingContext.call(reactor, () -> implementation.apply(request, context)),
								(responses) -> Flux.fromIterable(BlockingContext.iterable(reactor, responses)),
								Stream::close))
							.subscribeOn(scheduler)));
		}

		/**
		 * Binds a blocking bidirectional-streaming method; it reads requests as a blocking {@link Stream} and returns
		 * a lazy one, so that a response can leave before the next request arrives.
		 */
		public <Req extends Message, Res extends Message> Builder blockingBidiStreaming(
				MethodDescriptor<Req, Res> method,
				BiFunction<Stream<Req>, ConnectContext, Stream<Res>> implementation) {
			return add(method, StreamType.BIDI, true, (requests, context, scheduler) -> Flux
				.deferContextual((reactor) -> Flux.using(() -> requests.toStream(BLOCKING_PREFETCH),
						(received) -> Flux.using(
								() -> BlockingContext.call(reactor, () -> implementation.apply(received, context)),
								(responses) -> Flux.fromIterable(BlockingContext.iterable(reactor, responses)),
								Stream::close),
						Stream::close))
				.subscribeOn(scheduler));
		}

		/**
		 * Binds a procedure to a handler of whole calls, for adapters of services written against another API (such
		 * as {@link io.connectspring.server.grpcjava.GrpcJavaService grpc-java's}). The runtime keeps the stream
		 * type's promises around it: the handler of a unary or server-streaming procedure sees exactly one request
		 * (else the client gets {@link Code#UNIMPLEMENTED}), and the responses of a unary or client-streaming one
		 * must be exactly one (else {@link Code#INTERNAL}).
		 * @param method the procedure, one of the descriptor's
		 * @param handler serves each call
		 * @param blocking whether the handler runs blocking code; it must then run it on the scheduler it is passed,
		 * never on the calling thread, and the tasks it schedules there see the call's thread-locals (the deadline
		 * that calls made with a Connect client inherit, the current observation, the security context) as blocking
		 * service methods do
		 * @throws IllegalArgumentException if the method is not one of the service's, or is bound already
		 */
		public <Req extends Message, Res extends Message> Builder handler(MethodDescriptor<Req, Res> method,
				ServerCallHandler<Req, Res> handler, boolean blocking) {
			return add(method, method.streamType(), blocking, (requests, context, scheduler) -> blocking
					? Flux.deferContextual((reactor) -> handler.handle(requests, context,
							BlockingContext.scheduler(reactor, scheduler)))
					: Flux.defer(() -> handler.handle(requests, context, scheduler)));
		}

		/** Returns the binding, checking that every procedure of the service is bound. */
		public ServiceBinding build() {
			List<String> missing = this.descriptor.methods()
				.stream()
				.map(MethodDescriptor::methodName)
				.filter((name) -> !this.handlers.containsKey(name))
				.toList();
			if (!missing.isEmpty()) {
				throw new IllegalStateException(
						"Service " + this.descriptor.name() + " has procedures without a handler: " + missing);
			}
			return new ServiceBinding(this.descriptor, Map.copyOf(this.handlers));
		}

		private <Req extends Message, Res extends Message> Builder add(MethodDescriptor<Req, Res> method,
				StreamType expected, boolean blocking, ServerCallHandler<Req, Res> handler) {
			if (this.descriptor.method(method.methodName()) != method) {
				throw new IllegalArgumentException(
						"Method " + method.procedure() + " is not a procedure of " + this.descriptor.name());
			}
			if (method.streamType() != expected) {
				throw new IllegalArgumentException("Method " + method.procedure() + " is " + method.streamType()
						+ ", it cannot be bound as " + expected);
			}
			MethodBinding<Req, Res> binding = new MethodBinding<>(method, handler, blocking);
			if (this.handlers.putIfAbsent(method.methodName(), binding) != null) {
				throw new IllegalArgumentException("Method " + method.procedure() + " is bound twice");
			}
			return this;
		}

	}

}
