package io.connectspring.server;

import io.connectspring.MethodDescriptor;
import io.connectspring.StreamType;
import io.connectspring.internal.protocol.CallState;
import io.connectspring.internal.protocol.InterceptorChain;
import io.connectspring.internal.protocol.ServerInvoker;

import com.google.protobuf.Message;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/** Invokes a bound service method for a protocol, through the service's interceptors. */
final class BindingInvoker implements ServerInvoker {

	private final ServiceBinding.MethodBinding<Message, Message> binding;

	private final InterceptorChain interceptors;

	private final Scheduler blockingScheduler;

	private final boolean oneRequest;

	/** The unary handler, when calls can skip stream adaptation: a unary method and no interceptors. */
	private final @Nullable UnaryCallHandler<Message, Message> unary;

	@SuppressWarnings("unchecked")
	BindingInvoker(ServiceBinding.MethodBinding<?, ?> binding, InterceptorChain interceptors,
			Scheduler blockingScheduler) {
		this.binding = (ServiceBinding.MethodBinding<Message, Message>) binding;
		this.interceptors = interceptors.forMethod(binding.method());
		this.blockingScheduler = blockingScheduler;
		StreamType streamType = binding.method().streamType();
		this.oneRequest = streamType == StreamType.UNARY || streamType == StreamType.SERVER;
		this.unary = (this.interceptors.interceptors().isEmpty()
				&& binding.handler() instanceof UnaryCallHandler<?, ?> handler)
						? (UnaryCallHandler<Message, Message>) handler : null;
	}

	@Override
	public MethodDescriptor<?, ?> method() {
		return this.binding.method();
	}

	@Override
	public Flux<Message> invoke(Flux<Message> requests, CallState state) {
		DefaultConnectContext context = new DefaultConnectContext(state);
		if (this.interceptors.interceptors().isEmpty()) {
			return Flux.defer(() -> this.binding.handler().handle(requests, context, this.blockingScheduler));
		}
		// The client's mistakes are reported as such before interceptors see the stream, not as theirs.
		Flux<Message> received = this.oneRequest ? ServiceBinding.requireOneRequest(requests, method()) : requests;
		return this.interceptors.invoke(context, received,
				(intercepted) -> this.binding.handler().handle(intercepted, context, this.blockingScheduler));
	}

	@Override
	public Mono<Message> invokeUnary(Mono<Message> request, CallState state) {
		UnaryCallHandler<Message, Message> handler = this.unary;
		if (handler == null) {
			return ServerInvoker.super.invokeUnary(request, state);
		}
		DefaultConnectContext context = new DefaultConnectContext(state);
		return request.flatMap((message) -> handler.handleUnary(message, context, this.blockingScheduler));
	}

}
