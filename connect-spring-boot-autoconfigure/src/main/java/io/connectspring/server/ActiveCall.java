package io.connectspring.server;

import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

import org.jspecify.annotations.Nullable;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import reactor.netty.channel.ChannelOperations;

/**
 * One call in flight, for {@link ServerShutdown}'s count: it ends when the call's response has been written to its
 * end (the end-of-stream message, the trailers), or fails, or is cancelled.
 */
final class ActiveCall {

	private static final AtomicIntegerFieldUpdater<ActiveCall> ENDED = AtomicIntegerFieldUpdater
		.newUpdater(ActiveCall.class, "ended");

	private final Runnable onEnd;

	private volatile int ended;

	private ActiveCall(Runnable onEnd) {
		this.onEnd = onEnd;
	}

	/**
	 * Returns the writing of a call's response, running {@code onEnd} once when the call is over.
	 * @param written the protocol's writing of the response into the exchange
	 * @param exchange the call's exchange
	 * @param onEnd what to run when the call is over
	 */
	static Mono<Void> track(Mono<Void> written, ServerWebExchange exchange, Runnable onEnd) {
		ActiveCall call = new ActiveCall(onEnd);
		Mono<Void> terminated = nettyTermination(exchange);
		if (terminated == null) {
			return written.doFinally((signal) -> call.end());
		}
		// On Reactor Netty the body's end is not the response's: the last frame (gRPC's trailers) follows it. The
		// exchange's termination is what the server's graceful shutdown waits for too.
		return written.doOnSubscribe((subscription) -> terminated.subscribe(null, (failure) -> call.end(), call::end))
			.doFinally((signal) -> {
				if (signal != SignalType.ON_COMPLETE) {
					call.end();
				}
			});
	}

	private void end() {
		if (ENDED.compareAndSet(this, 0, 1)) {
			this.onEnd.run();
		}
	}

	/** Returns the Reactor Netty exchange's termination, or {@code null} on another server. */
	private static @Nullable Mono<Void> nettyTermination(ServerWebExchange exchange) {
		try {
			Object nativeResponse = ServerHttpResponseDecorator.getNativeResponse(exchange.getResponse());
			return (nativeResponse instanceof ChannelOperations<?, ?> operations) ? operations.onTerminate() : null;
		}
		catch (RuntimeException ex) {
			// A response without a native one, as in tests.
			return null;
		}
	}

}
