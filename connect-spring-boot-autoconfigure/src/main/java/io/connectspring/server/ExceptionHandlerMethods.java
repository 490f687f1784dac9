package io.connectspring.server;

import io.connectspring.ConnectCall;
import io.connectspring.ConnectException;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.springframework.aop.support.AopUtils;
import org.springframework.core.ExceptionDepthComparator;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ReflectionUtils;

/**
 * The {@link ConnectExceptionHandler @ConnectExceptionHandler} methods of one bean, checked when created and matched
 * by exception type (closest type wins, resolved once per type).
 */
final class ExceptionHandlerMethods {

	private final Object bean;

	private final Map<Class<? extends Throwable>, Method> handlers;

	private final Map<Class<?>, Optional<Method>> resolved = new ConcurrentHashMap<>();

	private ExceptionHandlerMethods(Object bean, Map<Class<? extends Throwable>, Method> handlers) {
		this.bean = bean;
		this.handlers = handlers;
	}

	/**
	 * Returns the handler methods of a bean.
	 * @throws IllegalStateException if a method has the wrong shape or two methods handle the same type
	 */
	static ExceptionHandlerMethods of(Object bean) {
		Class<?> type = AopUtils.getTargetClass(bean);
		Map<Method, ConnectExceptionHandler> methods = MethodIntrospector.selectMethods(type,
				(MethodIntrospector.MetadataLookup<ConnectExceptionHandler>) (method) -> AnnotatedElementUtils
					.findMergedAnnotation(method, ConnectExceptionHandler.class));
		Map<Class<? extends Throwable>, Method> handlers = new LinkedHashMap<>();
		methods.forEach((method, annotation) -> {
			Method invocable = AopUtils.selectInvocableMethod(method, bean.getClass());
			for (Class<? extends Throwable> handled : handledTypes(method, annotation)) {
				Method previous = handlers.putIfAbsent(handled, invocable);
				if (previous != null) {
					throw new IllegalStateException("Two @ConnectExceptionHandler methods of " + type.getName()
							+ " handle " + handled.getName() + ": " + previous.getName() + " and " + method.getName());
				}
			}
			ReflectionUtils.makeAccessible(invocable);
		});
		return new ExceptionHandlerMethods(bean, handlers);
	}

	boolean isEmpty() {
		return this.handlers.isEmpty();
	}

	/**
	 * Returns the error a handler makes of the given exception (not its causes), or {@code null} when no handler
	 * matches or the matching one returns {@code null}.
	 */
	@Nullable ConnectException handle(Throwable exception, ConnectCall call) {
		Method method = this.resolved.computeIfAbsent(exception.getClass(), this::closest).orElse(null);
		if (method == null) {
			return null;
		}
		Object[] arguments = new Object[method.getParameterCount()];
		Class<?>[] types = method.getParameterTypes();
		for (int i = 0; i < types.length; i++) {
			arguments[i] = Throwable.class.isAssignableFrom(types[i]) ? exception : call;
		}
		try {
			return (ConnectException) method.invoke(this.bean, arguments);
		}
		catch (InvocationTargetException ex) {
			ReflectionUtils.rethrowRuntimeException(ex.getTargetException());
			return null;
		}
		catch (IllegalAccessException ex) {
			throw new IllegalStateException("Cannot call " + method, ex);
		}
	}

	private Optional<Method> closest(Class<?> exceptionType) {
		List<Class<? extends Throwable>> matches = new ArrayList<>();
		for (Class<? extends Throwable> handled : this.handlers.keySet()) {
			if (handled.isAssignableFrom(exceptionType)) {
				matches.add(handled);
			}
		}
		if (matches.isEmpty()) {
			return Optional.empty();
		}
		@SuppressWarnings("unchecked")
		Class<? extends Throwable> target = (Class<? extends Throwable>) exceptionType;
		matches.sort(new ExceptionDepthComparator(target));
		return Optional.of(this.handlers.get(matches.get(0)));
	}

	@SuppressWarnings("unchecked")
	private static List<Class<? extends Throwable>> handledTypes(Method method, ConnectExceptionHandler annotation) {
		Class<? extends Throwable> parameter = null;
		for (Class<?> type : method.getParameterTypes()) {
			if (Throwable.class.isAssignableFrom(type)) {
				if (parameter != null) {
					throw badMethod(method, "takes two exception parameters");
				}
				parameter = (Class<? extends Throwable>) type;
			}
			else if (!type.isAssignableFrom(ConnectContext.class)) {
				throw badMethod(method, "takes a " + type.getName()
						+ "; parameters may be the exception and the ConnectContext (or ConnectCall)");
			}
		}
		if (!ConnectException.class.isAssignableFrom(method.getReturnType())) {
			throw badMethod(method, "returns " + method.getReturnType().getName() + ", not ConnectException");
		}
		if (annotation.value().length > 0) {
			for (Class<? extends Throwable> handled : annotation.value()) {
				if (parameter != null && !parameter.isAssignableFrom(handled)) {
					throw badMethod(method, "handles " + handled.getName() + " but its parameter is a "
							+ parameter.getName());
				}
			}
			return List.of(annotation.value());
		}
		if (parameter == null) {
			throw badMethod(method,
					"names no exception type: add an exception parameter or list types in the annotation");
		}
		return List.of(parameter);
	}

	private static IllegalStateException badMethod(Method method, String problem) {
		return new IllegalStateException("@ConnectExceptionHandler method " + method.getDeclaringClass().getName()
				+ "." + method.getName() + " " + problem);
	}

}
