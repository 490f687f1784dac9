package io.connectspring.internal.observation;

import io.connectspring.Code;
import io.connectspring.ConnectCall;
import io.connectspring.ConnectInterceptor;
import io.connectspring.internal.protocol.FailureCode;

import java.time.Instant;

import com.google.protobuf.Message;
import io.micrometer.observation.Observation;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;

/**
 * What an observed call did, on either side: the messages it sent and received and the code it ended with. Server
 * and client observation contexts hold one and read from it. Confined to its call.
 */
public final class CallOutcome {

	private @Nullable Code code;

	private long requests;

	private long responses;

	/** Returns the code the call failed with, or {@code null} while it runs and when it succeeded. */
	public @Nullable Code code() {
		return this.code;
	}

	/** Returns how many request messages passed. */
	public long requests() {
		return this.requests;
	}

	/** Returns how many response messages passed. */
	public long responses() {
		return this.responses;
	}

	/**
	 * Runs the rest of a call's interceptor chain under a started observation: counts messages, records the outcome
	 * (the code the client gets for an error; {@link Code#DEADLINE_EXCEEDED} for a cancel after the deadline, else
	 * {@link Code#CANCELED}), stops the observation when the call ends, and makes it current in the Reactor context.
	 */
	public Flux<Message> observe(Observation observation, ConnectCall call, Flux<Message> requests,
			ConnectInterceptor.Next next) {
		return next.proceed(requests.doOnNext((request) -> this.requests++))
			.doOnNext((response) -> this.responses++)
			.doOnError((failure) -> {
				this.code = FailureCode.of(failure);
				observation.error(failure);
			})
			.doOnCancel(() -> this.code = expired(call) ? Code.DEADLINE_EXCEEDED : Code.CANCELED)
			.doFinally((signal) -> observation.stop())
			.contextWrite((context) -> context.put(ObservationThreadLocalAccessor.KEY, observation));
	}

	private static boolean expired(ConnectCall call) {
		return call.deadline().map((deadline) -> !Instant.now().isBefore(deadline)).orElse(false);
	}

}
