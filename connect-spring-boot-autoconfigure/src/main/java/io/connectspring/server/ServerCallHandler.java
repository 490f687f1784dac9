package io.connectspring.server;

import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;

/**
 * Serves one procedure as a stream of requests to a stream of responses, whatever its stream type. The runtime calls
 * it once per call; {@link ServiceBinding.Builder} adapts generated service methods to it.
 *
 * @param <Req> the request message type
 * @param <Res> the response message type
 */
@FunctionalInterface
public interface ServerCallHandler<Req, Res> {

	/**
	 * Starts serving a call.
	 * @param requests the request messages; for unary and server-streaming procedures exactly one, which the runtime
	 * checks (a handler that waits for the requests to end sees its error when the client sent another)
	 * @param context the call's metadata
	 * @param blockingScheduler where blocking implementations run; reactive ones ignore it
	 * @return the response messages; for unary and client-streaming procedures exactly one, which the runtime checks
	 */
	Flux<Res> handle(Flux<Req> requests, ConnectContext context, Scheduler blockingScheduler);

}
