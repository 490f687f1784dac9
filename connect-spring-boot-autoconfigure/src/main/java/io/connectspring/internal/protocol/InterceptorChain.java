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
 * (ending at the network). Every message an interceptor passes on must have the procedure's type, else the call ends
 * with {@link Code#INTERNAL}. How many messages pass is not its business: each side counts them once, around the
 * chain (the server's {@code io.connectspring.server.Cardinality}, the client's
 * {@code io.connectspring.client.Cardinality}). Immutable and safe for concurrent use.
 */
public final class InterceptorChain {

	private static final InterceptorChain EMPTY = new InterceptorChain(List.of());

	private final List<ConnectInterceptor> interceptors;

	private InterceptorChain(List<ConnectInterceptor> interceptors) {
		this.interceptors = interceptors;
	}

	/** Returns a chain of the given interceptors, the first outermost. */
	public static InterceptorChain of(List<? extends ConnectInterceptor> interceptors) {
		return interceptors.isEmpty() ? EMPTY : new InterceptorChain(List.copyOf(interceptors));
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
		return (used.size() == this.interceptors.size()) ? this : of(used);
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
		ConnectInterceptor.Next inner = (intercepted) -> end
			.apply(checked(intercepted, method.requestPrototype(), "request", method));
		return checked(Flux.defer(() -> next(0, call, inner).proceed(requests)), method.responsePrototype(),
				"response", method);
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

	private static Flux<Message> checked(Flux<Message> messages, Message prototype, String what,
			MethodDescriptor<?, ?> method) {
		return MessageCheck.ofType(messages, prototype.getClass(),
				(message) -> new ConnectException(Code.INTERNAL, "an interceptor of " + method.procedure()
						+ " passed a " + message.getDescriptorForType().getFullName() + " as " + what + ", expected "
						+ prototype.getDescriptorForType().getFullName()));
	}

}
