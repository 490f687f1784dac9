package io.connectspring.boot.client;

import io.connectspring.client.ConnectTransport;

import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;

import org.springframework.beans.BeanUtils;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConstructorArgumentValues;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.AutowireCandidateQualifier;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.annotation.AnnotationAttributes;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Registers the beans {@link ImportConnectClients @ImportConnectClients} asks for: one per client type, constructed
 * with the client's transport bean when first needed.
 */
class ConnectClientsRegistrar implements ImportBeanDefinitionRegistrar {

	@Override
	public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
		// Class-file metadata does not unpack repeated annotations by itself: name the container.
		metadata
			.getMergedRepeatableAnnotationAttributes(ImportConnectClients.class, ImportConnectClients.Container.class,
					false)
			.forEach((attributes) -> register(metadata.getClassName(), attributes, registry));
	}

	private void register(String declaringClass, AnnotationAttributes attributes, BeanDefinitionRegistry registry) {
		String clientName = attributes.getString("client");
		if (clientName.isBlank()) {
			throw new IllegalStateException("@ImportConnectClients on " + declaringClass + " has an empty client name");
		}
		for (Class<?> type : attributes.getClassArray("types")) {
			transportConstructor(declaringClass, type);
			// A static factory method with plain arguments rather than an instance supplier, so that AOT processing
			// can write the bean definition as code.
			RootBeanDefinition definition = new RootBeanDefinition(ConnectClientsRegistrar.class);
			definition.setFactoryMethodName("createClient");
			definition.setTargetType(type);
			definition.setAutowireMode(AbstractBeanDefinition.AUTOWIRE_CONSTRUCTOR);
			ConstructorArgumentValues arguments = definition.getConstructorArgumentValues();
			arguments.addIndexedArgumentValue(0, type);
			arguments.addIndexedArgumentValue(1, declaringClass);
			arguments.addIndexedArgumentValue(2, clientName);
			definition.addQualifier(new AutowireCandidateQualifier(Qualifier.class, clientName));
			definition.setRole(BeanDefinition.ROLE_APPLICATION);
			registry.registerBeanDefinition(ConnectClientBeans.clientBeanName(clientName, type), definition);
		}
	}

	/**
	 * Creates a client on its transport bean; the factory method of the beans this registrar registers.
	 * @throws IllegalStateException if the client's transport bean is missing
	 */
	static Object createClient(Class<?> type, String declaringClass, String clientName, BeanFactory beanFactory) {
		Constructor<?> constructor = transportConstructor(declaringClass, type);
		return BeanUtils.instantiateClass(constructor, transport(beanFactory, declaringClass, clientName));
	}

	private static Constructor<?> transportConstructor(String declaringClass, Class<?> type) {
		try {
			Constructor<?> constructor = type.getConstructor(ConnectTransport.class);
			if (Modifier.isAbstract(type.getModifiers())) {
				throw new NoSuchMethodException();
			}
			return constructor;
		}
		catch (NoSuchMethodException ex) {
			throw new IllegalStateException("@ImportConnectClients on " + declaringClass + " lists " + type.getName()
					+ ", which has no public constructor taking a ConnectTransport; list generated client classes"
					+ " such as GreetServiceClient");
		}
	}

	private static ConnectTransport transport(BeanFactory beanFactory, String declaringClass, String clientName) {
		String transportName = ConnectClientBeans.transportBeanName(clientName);
		if (!beanFactory.containsBean(transportName)) {
			throw new IllegalStateException("@ImportConnectClients on " + declaringClass + " uses the client '"
					+ clientName + "', but there is no transport bean '" + transportName + "': set connect.client."
					+ clientName + ".base-url or define a ConnectTransport bean of that name");
		}
		return beanFactory.getBean(transportName, ConnectTransport.class);
	}

}
