package io.connectspring.server;

import io.connectspring.MethodDescriptor;
import io.connectspring.StreamType;
import io.connectspring.internal.protocol.CallState;
import io.connectspring.internal.protocol.InterceptorChain;
import io.connectspring.internal.protocol.ServerInvoker;

import com.google.protobuf.Message;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;

/** Invokes a bound service method for a protocol, through the service's interceptors. */
final class BindingInvoker implements ServerInvoker {

	private final ServiceBinding.MethodBinding<Message, Message> binding;

	private final InterceptorChain interceptors;

	private final Scheduler blockingScheduler;

	private final boolean oneRequest;

	@SuppressWarnings("unchecked")
	BindingInvoker(ServiceBinding.MethodBinding<?, ?> binding, InterceptorChain interceptors,
			Scheduler blockingScheduler) {
		this.binding = (ServiceBinding.MethodBinding<Message, Message>) binding;
		this.interceptors = interceptors;
		this.blockingScheduler = blockingScheduler;
		StreamType streamType = binding.method().streamType();
		this.oneRequest = streamType == StreamType.UNARY || streamType == StreamType.SERVER;
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

}
