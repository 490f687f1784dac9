package io.connectspring.server;

import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseCookie;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import reactor.netty.channel.ChannelOperations;

/**
 * One call in flight, for {@link ServerShutdown}'s count: it ends when the call's response has been written to its
 * end (the end-of-stream message, the trailers), or fails, or is cancelled, or when the call produces no response.
 * The response is the protocol's own, wrapped so that the end of its writing can be seen.
 */
final class ActiveCall implements ServerResponse {

	private static final AtomicIntegerFieldUpdater<ActiveCall> ENDED = AtomicIntegerFieldUpdater
		.newUpdater(ActiveCall.class, "ended");

	private final Runnable onEnd;

	/** The protocol's response, once the handler emitted it. */
	private volatile @Nullable ServerResponse response;

	private volatile int ended;

	private ActiveCall(Runnable onEnd) {
		this.onEnd = onEnd;
	}

	/**
	 * Returns the call's response, running {@code onEnd} once when the call is over.
	 * @param response the protocol's response to the call
	 * @param onEnd what to run when the call is over
	 */
	static Mono<ServerResponse> track(Mono<ServerResponse> response, Runnable onEnd) {
		ActiveCall call = new ActiveCall(onEnd);
		return response.map(call::wrap).doFinally((signal) -> {
			// WebFlux writes a response as soon as the handler emits it; without one, the call is over.
			if (call.response == null) {
				call.end();
			}
		});
	}

	private ServerResponse wrap(ServerResponse response) {
		this.response = response;
		return this;
	}

	private void end() {
		if (ENDED.compareAndSet(this, 0, 1)) {
			this.onEnd.run();
		}
	}

	@Override
	public HttpStatusCode statusCode() {
		return response().statusCode();
	}

	@Override
	public HttpHeaders headers() {
		return response().headers();
	}

	@Override
	public MultiValueMap<String, ResponseCookie> cookies() {
		return response().cookies();
	}

	@Override
	public Mono<Void> writeTo(ServerWebExchange exchange, Context context) {
		Mono<Void> written = response().writeTo(exchange, context);
		Mono<Void> terminated = nettyTermination(exchange);
		if (terminated == null) {
			return written.doFinally((signal) -> end());
		}
		// On Reactor Netty the body's end is not the response's: the last frame (gRPC's trailers) follows it. The
		// exchange's termination is what the server's graceful shutdown waits for too.
		terminated.subscribe(null, (failure) -> end(), this::end);
		return written.doFinally((signal) -> {
			if (signal != SignalType.ON_COMPLETE) {
				end();
			}
		});
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

	private ServerResponse response() {
		ServerResponse delegate = this.response;
		if (delegate == null) {
			throw new IllegalStateException("no response yet");
		}
		return delegate;
	}

}
