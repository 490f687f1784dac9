package io.connectspring.boot.autoconfigure;

import io.connectspring.CallSide;
import io.connectspring.ConnectInterceptor;
import io.connectspring.InterceptorScope;
import io.connectspring.server.ConnectService;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;

/**
 * Finds the {@link ConnectInterceptor} beans that apply to one side of calls, in Spring order, honouring
 * {@link InterceptorScope @InterceptorScope} and the per-service attributes of {@link ConnectService @ConnectService}.
 */
final class InterceptorBeans {

	private final ConfigurableListableBeanFactory beanFactory;

	private final List<ConnectInterceptor> global;

	InterceptorBeans(ConfigurableListableBeanFactory beanFactory, CallSide side) {
		this.beanFactory = beanFactory;
		Set<ConnectInterceptor> outOfScope = Collections.newSetFromMap(new IdentityHashMap<>());
		for (String name : beanFactory.getBeanNamesForType(ConnectInterceptor.class)) {
			InterceptorScope scope = beanFactory.findAnnotationOnBean(name, InterceptorScope.class);
			if (scope != null && !Arrays.asList(scope.value()).contains(side)) {
				outOfScope.add(beanFactory.getBean(name, ConnectInterceptor.class));
			}
		}
		this.global = beanFactory.getBeanProvider(ConnectInterceptor.class)
			.orderedStream()
			.filter((interceptor) -> !outOfScope.contains(interceptor))
			.toList();
	}

	/** Returns the interceptors of every call on this side, the first outermost. */
	List<ConnectInterceptor> global() {
		return this.global;
	}

	/** Returns the interceptors of one service: the global ones less the excluded, then the service's own. */
	List<ConnectInterceptor> forService(ConnectService annotation) {
		List<ConnectInterceptor> interceptors = new ArrayList<>();
		for (ConnectInterceptor interceptor : this.global) {
			if (Arrays.stream(annotation.excludeInterceptors()).noneMatch((type) -> type.isInstance(interceptor))) {
				interceptors.add(interceptor);
			}
		}
		for (Class<? extends ConnectInterceptor> type : annotation.interceptors()) {
			ConnectInterceptor bean = this.beanFactory.getBeanProvider(type).getIfUnique();
			interceptors.add((bean != null) ? bean : this.beanFactory.createBean(type));
		}
		return interceptors;
	}

}
