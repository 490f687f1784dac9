package io.connectspring.server;

import com.google.protobuf.Message;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * The handler of a unary method, which can also be called with the request itself: a unary call with no interceptors
 * then skips the stream adaptation (collecting the one request) that {@link #handle} does.
 *
 * @param <Req> the request message type
 * @param <Res> the response message type
 */
final class UnaryCallHandler<Req extends Message, Res extends Message> implements ServerCallHandler<Req, Res> {

	private final Function<Req, Res> function;

	UnaryCallHandler(Function<Req, Res> function) {
		this.function = function;
	}

	@Override
	public Flux<Res> handle(Flux<Req> requests, ConnectContext context, Scheduler blockingScheduler) {
		return ServiceBinding.single(requests)
			.flatMap((request) -> handleUnary(request, context, blockingScheduler))
			.flux();
	}

	/**
	 * Serves a call with its one request. The result signals the implementation's response, or nothing when it
	 * produced none (which the caller turns into an error, as {@link Cardinality} says).
	 */
	Mono<Res> handleUnary(Req request, ConnectContext context, Scheduler blockingScheduler) {
		return this.function.apply(request, context, blockingScheduler);
	}

	/** Starts the work of one unary call. */
	@FunctionalInterface
	interface Function<Req, Res> {

		Mono<Res> apply(Req request, ConnectContext context, Scheduler blockingScheduler);

	}

}
