package io.connectspring.boot.test;

import io.connectspring.Compression;
import io.connectspring.ConnectInterceptor;
import io.connectspring.boot.autoconfigure.ConnectRouterFunctionBuilderCustomizer;
import io.connectspring.server.ConnectAdvice;
import io.connectspring.server.ConnectService;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.boot.test.context.filter.annotation.StandardAnnotationCustomizableTypeExcludeFilter;

/**
 * Keeps the components a {@link ConnectTest @ConnectTest} needs: the {@link ConnectService @ConnectService} beans
 * (all, or those the test names), and the interceptors, exception advice, compressions and router customizers that
 * shape how they are served.
 */
final class ConnectTypeExcludeFilter extends StandardAnnotationCustomizableTypeExcludeFilter<ConnectTest> {

	private static final Set<Class<?>> KNOWN_INCLUDES = Set.of(ConnectInterceptor.class, ConnectAdvice.class,
			Compression.class, ConnectRouterFunctionBuilderCustomizer.class);

	private static final Set<Class<?>> KNOWN_INCLUDES_AND_SERVICES;

	static {
		Set<Class<?>> includes = new LinkedHashSet<>(KNOWN_INCLUDES);
		includes.add(ConnectService.class);
		KNOWN_INCLUDES_AND_SERVICES = Set.copyOf(includes);
	}

	private final List<Class<?>> services;

	ConnectTypeExcludeFilter(Class<?> testClass) {
		super(testClass);
		this.services = List.of(getAnnotation().getValue("services", Class[].class).orElse(new Class<?>[0]));
	}

	@Override
	protected Set<Class<?>> getKnownIncludes() {
		return this.services.isEmpty() ? KNOWN_INCLUDES_AND_SERVICES : KNOWN_INCLUDES;
	}

	@Override
	protected Set<Class<?>> getComponentIncludes() {
		return new LinkedHashSet<>(this.services);
	}

}
