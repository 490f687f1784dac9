package io.connectspring.server;

import io.connectspring.MethodDescriptor;
import io.connectspring.internal.protocol.InterceptorChain;
import io.connectspring.internal.server.CallState;
import io.connectspring.internal.server.ServerInvoker;

import com.google.protobuf.Message;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Invokes a bound service method for a protocol, through the service's interceptors, keeping the {@link Cardinality}
 * its stream type promises: the one place of the server where the number of messages is checked.
 */
final class BindingInvoker implements ServerInvoker {

	private final ServiceBinding.MethodBinding<Message, Message> binding;

	private final InterceptorChain interceptors;

	private final Scheduler blockingScheduler;

	private final Cardinality cardinality;

	/** The unary handler, when calls can skip stream adaptation: a unary method and no interceptors. */
	private final @Nullable UnaryCallHandler<Message, Message> unary;

	@SuppressWarnings("unchecked")
	BindingInvoker(ServiceBinding.MethodBinding<?, ?> binding, InterceptorChain interceptors,
			Scheduler blockingScheduler) {
		this.binding = (ServiceBinding.MethodBinding<Message, Message>) binding;
		this.interceptors = interceptors.forMethod(binding.method());
		this.blockingScheduler = blockingScheduler;
		boolean intercepted = !this.interceptors.interceptors().isEmpty();
		this.cardinality = new Cardinality(binding.method(), intercepted);
		this.unary = (!intercepted && binding.handler() instanceof UnaryCallHandler<?, ?> handler)
				? (UnaryCallHandler<Message, Message>) handler : null;
	}

	@Override
	public MethodDescriptor<?, ?> method() {
		return this.binding.method();
	}

	@Override
	public Flux<Message> invoke(Flux<Message> requests, CallState state) {
		DefaultConnectContext context = new DefaultConnectContext(state);
		Flux<Message> responses = this.interceptors.interceptors().isEmpty() ? handle(requests, context)
				: this.interceptors.invoke(context, requests, (intercepted) -> handle(intercepted, context));
		return this.cardinality.responses(responses);
	}

	private Flux<Message> handle(Flux<Message> requests, DefaultConnectContext context) {
		Flux<Message> checked = this.cardinality.requests(requests);
		return Flux.defer(() -> this.binding.handler().handle(checked, context, this.blockingScheduler));
	}

	/**
	 * Serves a unary call; a request {@link Mono} holds one message by construction, so only the response is
	 * checked.
	 */
	@Override
	public Mono<Message> invokeUnary(Mono<Message> request, CallState state) {
		UnaryCallHandler<Message, Message> handler = this.unary;
		if (handler == null) {
			return ServerInvoker.super.invokeUnary(request, state);
		}
		DefaultConnectContext context = new DefaultConnectContext(state);
		return this.cardinality
			.response(request.flatMap((message) -> handler.handleUnary(message, context, this.blockingScheduler)));
	}

}
