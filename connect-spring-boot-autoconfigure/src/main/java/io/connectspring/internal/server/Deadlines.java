package io.connectspring.internal.server;

import io.connectspring.Code;
import io.connectspring.ConnectException;
import io.connectspring.internal.protocol.InheritedDeadline;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Applies a call's deadline: when it passes, the service's work is cancelled and the call fails with
 * {@link Code#DEADLINE_EXCEEDED}.
 */
public final class Deadlines {

	private Deadlines() {
	}

	/** Returns the response of a unary call, cut short by the deadline as {@link #apply(Flux, Duration, CallState)}. */
	public static <T> Mono<T> apply(Mono<T> response, @Nullable Duration timeout, CallState state) {
		return (timeout != null) ? apply(response.flux(), timeout, state).next() : response;
	}

	/**
	 * Returns the responses, cut short by the deadline: when it passes first, the upstream is cancelled and the
	 * result fails with {@link Code#DEADLINE_EXCEEDED}. Records the deadline in the call's state, and in the Reactor
	 * context of the upstream, where client calls made by the service {@link InheritedDeadline inherit} it.
	 */
	public static <T> Flux<T> apply(Flux<T> responses, @Nullable Duration timeout, CallState state) {
		if (timeout == null) {
			return responses;
		}
		return Flux.defer(() -> {
			Instant deadline = Instant.now().plus(timeout);
			state.deadline(deadline);
			AtomicBoolean expired = new AtomicBoolean();
			Mono<Long> timer = Mono.delay(timeout).doOnNext((tick) -> expired.set(true));
			return responses.contextWrite((context) -> InheritedDeadline.put(context, deadline))
				.takeUntilOther(timer)
				.concatWith(Mono.defer(() -> expired.get()
						? Mono.error(new ConnectException(Code.DEADLINE_EXCEEDED, "the call's deadline expired"))
						: Mono.empty()));
		});
	}

}
