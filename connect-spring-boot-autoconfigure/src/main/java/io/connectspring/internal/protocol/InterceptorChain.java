package io.connectspring.internal.protocol;

import io.connectspring.Code;
import io.connectspring.ConnectCall;
import io.connectspring.ConnectException;
import io.connectspring.ConnectInterceptor;
import io.connectspring.MethodDescriptor;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import com.google.protobuf.Message;
import reactor.core.publisher.Flux;

/**
 * An ordered list of interceptors around one end of a call, used alike by servers (ending at the service) and clients
 * (ending at the network). Where interceptors could break what the procedure promises, it checks: every message
 * has the procedure's type and, unless {@link #withoutCardinalityChecks() told not to}, the inner end gets exactly one
 * request when the procedure is not client-streaming and the outer end exactly one response when it is not
 * server-streaming; else the call ends with {@link Code#INTERNAL}. Immutable and safe for concurrent use.
 */
public final class InterceptorChain {

	private static final InterceptorChain EMPTY = new InterceptorChain(List.of(), true);

	private final List<ConnectInterceptor> interceptors;

	private final boolean checksCardinality;

	private InterceptorChain(List<ConnectInterceptor> interceptors, boolean checksCardinality) {
		this.interceptors = interceptors;
		this.checksCardinality = checksCardinality;
	}

	/** Returns a chain of the given interceptors, the first outermost. */
	public static InterceptorChain of(List<? extends ConnectInterceptor> interceptors) {
		return interceptors.isEmpty() ? EMPTY : new InterceptorChain(List.copyOf(interceptors), true);
	}

	/**
	 * Returns this chain without its checks of how many messages pass, for a caller that checks them once itself
	 * around the chain (the server does); the type checks stay.
	 */
	public InterceptorChain withoutCardinalityChecks() {
		return this.checksCardinality ? new InterceptorChain(this.interceptors, false) : this;
	}

	/**
	 * Returns the chain for one procedure: without the {@link PassThroughInterceptor interceptors} that pass its calls
	 * through unchanged.
	 */
	public InterceptorChain forMethod(MethodDescriptor<?, ?> method) {
		List<ConnectInterceptor> used = new ArrayList<>(this.interceptors.size());
		for (ConnectInterceptor interceptor : this.interceptors) {
			if (!(interceptor instanceof PassThroughInterceptor passThrough) || !passThrough.passesThrough(method)) {
				used.add(interceptor);
			}
		}
		return (used.size() == this.interceptors.size()) ? this
				: new InterceptorChain(List.copyOf(used), this.checksCardinality);
	}

	/** Returns the interceptors, the first outermost. */
	public List<ConnectInterceptor> interceptors() {
		return this.interceptors;
	}

	/**
	 * Runs a call through the chain.
	 * @param call the call the interceptors see
	 * @param requests the requests entering the outermost interceptor
	 * @param end what the innermost interceptor calls: the service or the network
	 * @return the responses leaving the outermost interceptor
	 */
	public Flux<Message> invoke(ConnectCall call, Flux<Message> requests,
			Function<Flux<Message>, Flux<Message>> end) {
		if (this.interceptors.isEmpty()) {
			return end.apply(requests);
		}
		MethodDescriptor<?, ?> method = call.method();
		boolean oneRequest = this.checksCardinality && !method.streamType().isClientStreaming();
		boolean oneResponse = this.checksCardinality && !method.streamType().isServerStreaming();
		ConnectInterceptor.Next inner = (intercepted) -> end
			.apply(checked(intercepted, method.requestPrototype(), oneRequest, "request", method));
		return checked(Flux.defer(() -> next(0, call, inner).proceed(requests)), method.responsePrototype(),
				oneResponse, "response", method);
	}

	private ConnectInterceptor.Next next(int index, ConnectCall call, ConnectInterceptor.Next inner) {
		if (index == this.interceptors.size()) {
			return inner;
		}
		ConnectInterceptor interceptor = this.interceptors.get(index);
		return (requests) -> {
			Flux<Message> responses = interceptor.intercept(call, requests, next(index + 1, call, inner));
			if (responses == null) {
				return Flux.error(new ConnectException(Code.INTERNAL,
						"interceptor " + interceptor.getClass().getName() + " returned no response stream"));
			}
			return responses;
		};
	}

	private static Flux<Message> checked(Flux<Message> messages, Message prototype, boolean exactlyOne, String what,
			MethodDescriptor<?, ?> method) {
		return MessageCheck.check(messages, prototype.getClass(), exactlyOne,
				(message) -> new ConnectException(Code.INTERNAL, "an interceptor of " + method.procedure() + " passed a "
						+ message.getDescriptorForType().getFullName() + " as " + what + ", expected "
						+ prototype.getDescriptorForType().getFullName()),
				() -> dropped(what, method), () -> duplicated(what, method));
	}

	private static ConnectException duplicated(String what, MethodDescriptor<?, ?> method) {
		return new ConnectException(Code.INTERNAL,
				"an interceptor of " + method.procedure() + " passed more than one " + what + " message");
	}

	private static ConnectException dropped(String what, MethodDescriptor<?, ?> method) {
		return new ConnectException(Code.INTERNAL,
				"an interceptor of " + method.procedure() + " passed no " + what + " message");
	}

}
