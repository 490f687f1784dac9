package io.connectspring.client.observation;

import io.connectspring.CallSide;
import io.connectspring.ConnectCall;
import io.connectspring.ConnectInterceptor;
import io.connectspring.InterceptorScope;

import com.google.protobuf.Message;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import reactor.core.publisher.Flux;

/**
 * Observes every client call: starts an observation when the call is subscribed (a child of the caller's current
 * observation, taken from the Reactor context), writes the trace context into the request headers, counts messages,
 * and stops with the call's outcome ({@code canceled} when the caller cancels). Runs at
 * {@link ConnectInterceptor#OBSERVATION_ORDER}, outermost.
 */
@InterceptorScope(CallSide.CLIENT)
public final class ClientObservationInterceptor implements ConnectInterceptor, Ordered {

	private static final ConnectClientObservationConvention DEFAULT = new DefaultConnectClientObservationConvention();

	private final ObservationRegistry registry;

	private final @Nullable ConnectClientObservationConvention convention;

	/**
	 * Creates the interceptor.
	 * @param registry where observations go
	 * @param convention replaces the default convention, or {@code null}
	 */
	public ClientObservationInterceptor(ObservationRegistry registry,
			@Nullable ConnectClientObservationConvention convention) {
		this.registry = registry;
		this.convention = convention;
	}

	@Override
	public Flux<Message> intercept(ConnectCall call, Flux<Message> requests, Next next) {
		if (this.registry.isNoop()) {
			return next.proceed(requests);
		}
		return Flux.deferContextual((reactorContext) -> {
			ConnectClientObservationContext context = new ConnectClientObservationContext(call);
			Observation observation = Observation
				.createNotStarted(this.convention, DEFAULT, () -> context, this.registry)
				.parentObservation(reactorContext.getOrDefault(ObservationThreadLocalAccessor.KEY, null))
				.start();
			return context.outcome().observe(observation, call, requests, next);
		});
	}

	@Override
	public int getOrder() {
		return OBSERVATION_ORDER;
	}

}
