package io.connectspring.server;

import io.connectspring.MethodDescriptor;
import io.connectspring.internal.protocol.CallState;
import io.connectspring.internal.protocol.ServerInvoker;

import com.google.protobuf.Message;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;

/** Invokes a bound service method for a protocol. */
final class BindingInvoker implements ServerInvoker {

	private final ServiceBinding.MethodBinding<Message, Message> binding;

	private final Scheduler blockingScheduler;

	@SuppressWarnings("unchecked")
	BindingInvoker(ServiceBinding.MethodBinding<?, ?> binding, Scheduler blockingScheduler) {
		this.binding = (ServiceBinding.MethodBinding<Message, Message>) binding;
		this.blockingScheduler = blockingScheduler;
	}

	@Override
	public MethodDescriptor<?, ?> method() {
		return this.binding.method();
	}

	@Override
	public Flux<Message> invoke(Flux<Message> requests, CallState state) {
		return Flux.defer(() -> this.binding.handler()
			.handle(requests, new DefaultConnectContext(state), this.blockingScheduler));
	}

}
