package io.connectspring.boot.autoconfigure;

import io.connectspring.boot.client.ConnectClientBeans;
import io.connectspring.client.HttpConnectTransport;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.AutowireCandidateQualifier;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Registers a transport bean definition per name under {@code connect.client}, unless a bean of that name is already
 * defined. The transport is built when the bean is created, from the properties as they are bound then.
 */
class ConnectClientTransportsRegistrar implements ImportBeanDefinitionRegistrar {

	private final Environment environment;

	// Spring passes the environment to an import registrar's constructor.
	ConnectClientTransportsRegistrar(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
		for (String name : ClientTransportFactory.clients(this.environment).keySet()) {
			String beanName = ConnectClientBeans.transportBeanName(name);
			if (registry.containsBeanDefinition(beanName)) {
				continue;
			}
			// A static factory method with plain arguments rather than an instance supplier, so that AOT processing
			// can write the bean definition as code.
			RootBeanDefinition definition = new RootBeanDefinition(ConnectClientTransportsRegistrar.class);
			definition.setFactoryMethodName("createTransport");
			definition.setTargetType(HttpConnectTransport.class);
			definition.setAutowireMode(AbstractBeanDefinition.AUTOWIRE_CONSTRUCTOR);
			definition.getConstructorArgumentValues().addIndexedArgumentValue(0, name);
			definition.setDestroyMethodName(AbstractBeanDefinition.INFER_METHOD);
			definition.addQualifier(new AutowireCandidateQualifier(Qualifier.class, name));
			definition.setAttribute(ConnectClientBeans.CLIENT_NAME_ATTRIBUTE, name);
			registry.registerBeanDefinition(beanName, definition);
		}
	}

	/** Creates the transport of a client from the properties as they are bound now; the factory method of the beans. */
	static HttpConnectTransport createTransport(String name, Environment environment, BeanFactory beanFactory) {
		return new ClientTransportFactory(environment, (ListableBeanFactory) beanFactory).create(name);
	}

}
