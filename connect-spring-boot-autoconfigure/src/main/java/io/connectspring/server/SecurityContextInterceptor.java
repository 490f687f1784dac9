package io.connectspring.server;

import io.connectspring.CallSide;
import io.connectspring.ConnectCall;
import io.connectspring.ConnectInterceptor;
import io.connectspring.InterceptorScope;

import java.util.Optional;

import com.google.protobuf.Message;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import reactor.core.publisher.Flux;

/**
 * Makes the security context of a served call, which Spring Security's WebFlux filter chain keeps in the Reactor
 * context ({@link ReactiveSecurityContextHolder}), visible to blocking service methods through
 * {@link SecurityContextHolder}. Reactive methods need nothing: they read {@code ReactiveSecurityContextHolder}
 * directly. Runs at {@link ConnectInterceptor#SECURITY_ORDER}; the context is resolved once per call, before the
 * service starts.
 */
@InterceptorScope(CallSide.SERVER)
public final class SecurityContextInterceptor implements ConnectInterceptor, Ordered {

	/** The Reactor context key of the resolved security context. */
	static final String KEY = SecurityContextInterceptor.class.getName() + ".CONTEXT";

	@Override
	public Flux<Message> intercept(ConnectCall call, Flux<Message> requests, Next next) {
		return ReactiveSecurityContextHolder.getContext()
			.map(Optional::of)
			.defaultIfEmpty(Optional.empty())
			.flatMapMany((context) -> context.isEmpty() ? next.proceed(requests)
					: next.proceed(requests).contextWrite((reactor) -> reactor.put(KEY, context.get())));
	}

	@Override
	public int getOrder() {
		return SECURITY_ORDER;
	}

	/** Sets {@link SecurityContextHolder} from the resolved context while blocking code runs. */
	static final class ThreadLocalAccessor implements io.micrometer.context.ThreadLocalAccessor<SecurityContext> {

		@Override
		public Object key() {
			return KEY;
		}

		@Override
		public @Nullable SecurityContext getValue() {
			SecurityContext context = SecurityContextHolder.getContext();
			return (context.getAuthentication() != null) ? context : null;
		}

		@Override
		public void setValue(SecurityContext value) {
			SecurityContextHolder.setContext(value);
		}

		@Override
		public void setValue() {
			SecurityContextHolder.clearContext();
		}

	}

}
