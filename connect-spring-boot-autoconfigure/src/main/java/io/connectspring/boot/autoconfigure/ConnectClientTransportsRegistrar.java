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

	private final BeanFactory beanFactory;

	// Spring passes the environment and bean factory to an import registrar's constructor.
	ConnectClientTransportsRegistrar(Environment environment, BeanFactory beanFactory) {
		this.environment = environment;
		this.beanFactory = beanFactory;
	}

	@Override
	public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
		ClientTransportFactory factory = new ClientTransportFactory(this.environment,
				(ListableBeanFactory) this.beanFactory);
		for (String name : ClientTransportFactory.clients(this.environment).keySet()) {
			String beanName = ConnectClientBeans.transportBeanName(name);
			if (registry.containsBeanDefinition(beanName)) {
				continue;
			}
			RootBeanDefinition definition = new RootBeanDefinition(HttpConnectTransport.class);
			definition.setInstanceSupplier(() -> factory.create(name));
			definition.setDestroyMethodName(AbstractBeanDefinition.INFER_METHOD);
			definition.addQualifier(new AutowireCandidateQualifier(Qualifier.class, name));
			definition.setAttribute(ConnectClientBeans.CLIENT_NAME_ATTRIBUTE, name);
			registry.registerBeanDefinition(beanName, definition);
		}
	}

}
