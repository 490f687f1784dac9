package io.connectspring.boot.autoconfigure;

import io.connectspring.CallSide;
import io.connectspring.ConnectInterceptor;
import io.connectspring.InterceptorScope;
import io.connectspring.server.ConnectService;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.springframework.beans.factory.ListableBeanFactory;
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
		this.global = ordered(beanFactory, (name) -> inScope(beanFactory, name, side));
	}

	/** Returns the interceptor beans whose names pass the filter, in Spring order. */
	static List<ConnectInterceptor> ordered(ListableBeanFactory beanFactory, Predicate<String> beanNames) {
		// Identity, not equals: the ordered stream hands back the same instances, and an interceptor may define equals.
		Map<ConnectInterceptor, String> names = new IdentityHashMap<>();
		beanFactory.getBeansOfType(ConnectInterceptor.class).forEach((name, bean) -> names.put(bean, name));
		return beanFactory.getBeanProvider(ConnectInterceptor.class)
			.orderedStream()
			.filter((interceptor) -> names.containsKey(interceptor) && beanNames.test(names.get(interceptor)))
			.toList();
	}

	/** Returns whether a bean applies to the given side: it has no {@link InterceptorScope} or one naming the side. */
	static boolean inScope(ListableBeanFactory beanFactory, String beanName, CallSide side) {
		InterceptorScope scope = beanFactory.findAnnotationOnBean(beanName, InterceptorScope.class);
		return scope == null || Arrays.asList(scope.value()).contains(side);
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
