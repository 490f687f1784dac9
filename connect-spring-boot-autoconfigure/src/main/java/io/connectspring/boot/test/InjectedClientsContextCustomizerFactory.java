package io.connectspring.boot.test;

import io.connectspring.client.ConnectTransport;

import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Finds the generated client types a test class injects (in its fields, constructors and methods, its superclasses'
 * and, for {@code @Nested} classes, its enclosing classes'): public classes with a public constructor taking one
 * {@link ConnectTransport}.
 */
class InjectedClientsContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		Set<Class<?>> clients = new LinkedHashSet<>();
		collect(testClass, clients);
		return new InjectedClientsContextCustomizer(clients);
	}

	private static void collect(@Nullable Class<?> testClass, Set<Class<?>> clients) {
		for (Class<?> type = testClass; type != null && type != Object.class; type = type.getSuperclass()) {
			for (Field field : type.getDeclaredFields()) {
				addIfClient(field.getType(), clients);
			}
			for (Constructor<?> constructor : type.getDeclaredConstructors()) {
				addParameters(constructor, clients);
			}
			for (Method method : type.getDeclaredMethods()) {
				addParameters(method, clients);
			}
		}
		if (testClass != null && TestContextAnnotationUtils.searchEnclosingClass(testClass)) {
			collect(testClass.getEnclosingClass(), clients);
		}
	}

	private static void addParameters(Executable executable, Set<Class<?>> clients) {
		for (Class<?> parameterType : executable.getParameterTypes()) {
			addIfClient(parameterType, clients);
		}
	}

	private static void addIfClient(Class<?> type, Set<Class<?>> clients) {
		if (isClient(type)) {
			clients.add(type);
		}
	}

	/** Returns whether a type is built on a transport, as every generated client is. */
	static boolean isClient(Class<?> type) {
		if (type.isPrimitive() || type.isArray() || type.isInterface() || !Modifier.isPublic(type.getModifiers())
				|| Modifier.isAbstract(type.getModifiers()) || ConnectTransport.class.isAssignableFrom(type)) {
			return false;
		}
		try {
			return Modifier.isPublic(type.getConstructor(ConnectTransport.class).getModifiers());
		}
		catch (NoSuchMethodException ex) {
			return false;
		}
	}

}
