package io.connectspring.server.observation;

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
 * Observes every served call: starts an observation when the call starts (a child of the HTTP server's observation
 * when there is one, else continuing the trace of the request headers), counts messages, and stops it with the
 * call's outcome. A call cancelled after its deadline counts as {@link io.connectspring.Code#DEADLINE_EXCEEDED}.
 * The observation is current in the service's Reactor context and, for blocking services, on the thread running
 * them. Runs at {@link ConnectInterceptor#OBSERVATION_ORDER}, outermost.
 */
@InterceptorScope(CallSide.SERVER)
public final class ServerObservationInterceptor implements ConnectInterceptor, Ordered {

	private static final ConnectServerObservationConvention DEFAULT = new DefaultConnectServerObservationConvention();

	private final ObservationRegistry registry;

	private final @Nullable ConnectServerObservationConvention convention;

	/**
	 * Creates the interceptor.
	 * @param registry where observations go
	 * @param convention replaces the default convention, or {@code null}
	 */
	public ServerObservationInterceptor(ObservationRegistry registry,
			@Nullable ConnectServerObservationConvention convention) {
		this.registry = registry;
		this.convention = convention;
	}

	@Override
	public Flux<Message> intercept(ConnectCall call, Flux<Message> requests, Next next) {
		if (this.registry.isNoop()) {
			return next.proceed(requests);
		}
		return Flux.deferContextual((reactorContext) -> {
			ConnectServerObservationContext context = new ConnectServerObservationContext(call);
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
