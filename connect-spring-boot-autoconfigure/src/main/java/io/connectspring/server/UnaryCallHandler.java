package io.connectspring.server;

import io.connectspring.MethodDescriptor;

import com.google.protobuf.Message;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * The handler of a unary method, which can also be called with the request itself: a unary call with no interceptors
 * then skips the stream adaptation (collecting one request, checking there is one) that {@link #handle} does.
 *
 * @param <Req> the request message type
 * @param <Res> the response message type
 */
final class UnaryCallHandler<Req extends Message, Res extends Message> implements ServerCallHandler<Req, Res> {

	private final MethodDescriptor<Req, Res> method;

	private final Function<Req, Res> function;

	UnaryCallHandler(MethodDescriptor<Req, Res> method, Function<Req, Res> function) {
		this.method = method;
		this.function = function;
	}

	@Override
	public Flux<Res> handle(Flux<Req> requests, ConnectContext context, Scheduler blockingScheduler) {
		return ServiceBinding.single(requests, this.method)
			.flatMap((request) -> handleUnary(request, context, blockingScheduler))
			.flux();
	}

	/**
	 * Serves a call with its one request. The result signals exactly one response, or fails: an implementation that
	 * completes empty fails with {@link io.connectspring.Code#INTERNAL}.
	 */
	Mono<Res> handleUnary(Req request, ConnectContext context, Scheduler blockingScheduler) {
		return this.function.apply(request, context, blockingScheduler)
			.switchIfEmpty(Mono.error(() -> ServiceBinding.noResponse(this.method)));
	}

	/** Starts the work of one unary call. */
	@FunctionalInterface
	interface Function<Req, Res> {

		Mono<Res> apply(Req request, ConnectContext context, Scheduler blockingScheduler);

	}

}
