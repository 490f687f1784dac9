package io.connectspring.boot.aot;

import io.connectspring.client.ConnectTransport;
import io.connectspring.server.BindableService;
import io.connectspring.server.ConnectAdvice;
import io.connectspring.server.ConnectExceptionHandler;
import io.connectspring.server.ConnectService;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.ExecutableMode;
import org.springframework.aot.hint.ReflectionHints;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;

/**
 * Registers the hints that depend on the application's beans: for each service ({@code @ConnectService} beans and the
 * built-in health and reflection services) and each generated client, the message and enum types of its methods and
 * every type their fields reach; for clients, the constructor {@code @ImportConnectClients} calls; and the
 * {@link ConnectExceptionHandler @ConnectExceptionHandler} methods of {@code @ConnectService} and
 * {@code @ConnectAdvice} beans, which are invoked reflectively.
 */
class ConnectBeansAotProcessor implements BeanFactoryInitializationAotProcessor {

	@Override
	public @Nullable BeanFactoryInitializationAotContribution processAheadOfTime(
			ConfigurableListableBeanFactory beanFactory) {
		Set<Class<?>> services = new LinkedHashSet<>();
		Set<Constructor<?>> clients = new LinkedHashSet<>();
		Set<Method> handlers = new LinkedHashSet<>();
		for (String name : beanFactory.getBeanDefinitionNames()) {
			Class<?> type = beanFactory.getType(name, false);
			if (type == null) {
				continue;
			}
			type = ClassUtils.getUserClass(type);
			if (BindableService.class.isAssignableFrom(type)) {
				services.add(type);
			}
			Constructor<?> client = clientConstructor(type);
			if (client != null) {
				clients.add(client);
			}
			if (AnnotatedElementUtils.hasAnnotation(type, ConnectService.class)
					|| AnnotatedElementUtils.hasAnnotation(type, ConnectAdvice.class)) {
				handlers.addAll(exceptionHandlers(type));
			}
		}
		if (services.isEmpty() && clients.isEmpty() && handlers.isEmpty()) {
			return null;
		}
		return (generationContext, code) -> {
			ReflectionHints hints = generationContext.getRuntimeHints().reflection();
			MessageHints messages = new MessageHints(hints);
			services.forEach(messages::registerSignaturesOf);
			for (Constructor<?> client : clients) {
				hints.registerConstructor(client, ExecutableMode.INVOKE);
				messages.registerSignaturesOf(client.getDeclaringClass());
			}
			handlers.forEach((method) -> hints.registerMethod(method, ExecutableMode.INVOKE));
		};
	}

	private static @Nullable Constructor<?> clientConstructor(Class<?> type) {
		try {
			return ClassUtils.getConstructorIfAvailable(type, ConnectTransport.class);
		}
		catch (LinkageError ex) {
			// The constructors of an optional integration's bean may name classes that are not on the class path;
			// such a bean is no generated client.
			return null;
		}
	}

	private static Set<Method> exceptionHandlers(Class<?> type) {
		Map<Method, ConnectExceptionHandler> methods = MethodIntrospector.selectMethods(type,
				(MethodIntrospector.MetadataLookup<ConnectExceptionHandler>) (method) -> AnnotatedElementUtils
					.findMergedAnnotation(method, ConnectExceptionHandler.class));
		return methods.keySet();
	}

}
