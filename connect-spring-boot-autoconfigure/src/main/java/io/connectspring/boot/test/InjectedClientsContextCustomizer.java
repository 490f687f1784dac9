package io.connectspring.boot.test;

import io.connectspring.client.ConnectTransport;

import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.BeanUtils;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Registers a fallback bean per injected client type, built on the {@link InMemoryConnectTransport}.
 */
final class InjectedClientsContextCustomizer implements ContextCustomizer {

	private final Set<Class<?>> clients;

	InjectedClientsContextCustomizer(Set<Class<?>> clients) {
		this.clients = Set.copyOf(clients);
	}

	@Override
	public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
		if (!(context.getBeanFactory() instanceof BeanDefinitionRegistry registry)) {
			return;
		}
		for (Class<?> type : this.clients) {
			// A static factory method with plain arguments rather than an instance supplier, so that AOT processing
			// of tests can write the bean definition as code.
			RootBeanDefinition definition = new RootBeanDefinition(InjectedClientsContextCustomizer.class);
			definition.setFactoryMethodName("createClient");
			definition.setTargetType(type);
			definition.setAutowireMode(AbstractBeanDefinition.AUTOWIRE_CONSTRUCTOR);
			definition.getConstructorArgumentValues().addIndexedArgumentValue(0, type);
			// The application's own client beans of the type, if any, win.
			definition.setFallback(true);
			definition.setRole(BeanDefinition.ROLE_INFRASTRUCTURE);
			registry.registerBeanDefinition("connectInMemory." + type.getName(), definition);
		}
	}

	/** Creates a client on the in-memory transport; the factory method of the registered beans. */
	static Object createClient(Class<?> type, InMemoryConnectTransport transport) throws NoSuchMethodException {
		return BeanUtils.instantiateClass(type.getConstructor(ConnectTransport.class), transport);
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof InjectedClientsContextCustomizer customizer && this.clients.equals(customizer.clients);
	}

	@Override
	public int hashCode() {
		return this.clients.hashCode();
	}

}
