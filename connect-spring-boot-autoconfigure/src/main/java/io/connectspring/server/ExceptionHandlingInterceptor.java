package io.connectspring.server;

import io.connectspring.CallSide;
import io.connectspring.ConnectCall;
import io.connectspring.ConnectException;
import io.connectspring.ConnectInterceptor;
import io.connectspring.InterceptorScope;
import io.connectspring.MethodDescriptor;
import io.connectspring.internal.protocol.PassThroughInterceptor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.google.protobuf.Message;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import reactor.core.publisher.Flux;

/**
 * Applies {@link ConnectExceptionHandler @ConnectExceptionHandler} methods to the errors of server calls: first those
 * of the service's own bean, then those of the {@link ConnectAdvice advice} beans in order. An exception no handler
 * maps is tried again by its causes, and otherwise passed on unchanged. Runs at
 * {@link ConnectInterceptor#EXCEPTION_HANDLING_ORDER}. Safe for concurrent use.
 */
@InterceptorScope(CallSide.SERVER)
public final class ExceptionHandlingInterceptor implements ConnectInterceptor, PassThroughInterceptor, Ordered {

	private final List<ExceptionHandlerMethods> advice;

	private final Map<String, List<ExceptionHandlerMethods>> byService = new HashMap<>();

	/**
	 * Creates the interceptor.
	 * @param adviceBeans the beans whose handlers apply to all services, in order
	 * @param serviceBeans the service implementations by service name ({@code greet.v1.GreetService}), whose
	 * handlers apply to their own service first
	 * @throws IllegalStateException if a handler method has the wrong shape
	 */
	public ExceptionHandlingInterceptor(List<?> adviceBeans, Map<String, ?> serviceBeans) {
		this.advice = adviceBeans.stream().map(ExceptionHandlerMethods::of).filter((m) -> !m.isEmpty()).toList();
		serviceBeans.forEach((service, bean) -> {
			ExceptionHandlerMethods own = ExceptionHandlerMethods.of(bean);
			if (!own.isEmpty()) {
				List<ExceptionHandlerMethods> handlers = new ArrayList<>();
				handlers.add(own);
				handlers.addAll(this.advice);
				this.byService.put(service, List.copyOf(handlers));
			}
		});
	}

	/** Returns whether no handler applies to the procedure's service, so that its calls pass through unchanged. */
	@Override
	public boolean passesThrough(MethodDescriptor<?, ?> method) {
		return this.byService.getOrDefault(method.serviceName(), this.advice).isEmpty();
	}

	@Override
	public Flux<Message> intercept(ConnectCall call, Flux<Message> requests, Next next) {
		List<ExceptionHandlerMethods> handlers = this.byService.getOrDefault(call.method().serviceName(), this.advice);
		if (handlers.isEmpty()) {
			return next.proceed(requests);
		}
		return next.proceed(requests).onErrorMap((failure) -> {
			ConnectException mapped = map(handlers, failure, call);
			return (mapped != null) ? mapped : failure;
		});
	}

	private static @Nullable ConnectException map(List<ExceptionHandlerMethods> handlers, Throwable failure,
			ConnectCall call) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			for (ExceptionHandlerMethods methods : handlers) {
				ConnectException mapped = methods.handle(cause, call);
				if (mapped != null) {
					return mapped;
				}
			}
		}
		return null;
	}

	@Override
	public int getOrder() {
		return EXCEPTION_HANDLING_ORDER;
	}

}
