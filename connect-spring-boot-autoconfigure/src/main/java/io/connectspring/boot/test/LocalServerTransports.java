package io.connectspring.boot.test;

import io.connectspring.boot.client.ConnectClientBeans;
import io.connectspring.client.ConnectTransport;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Re-points the client transports the auto-configuration registered: their base URL becomes the local server, and
 * each transport is created on its first call, once the server's port is known.
 */
class LocalServerTransports implements BeanDefinitionRegistryPostProcessor {

	static final String PROPERTY_SOURCE_NAME = "connectTestTransport";

	private static final String TARGET_SUFFIX = ".target";

	private static final String LOCAL_BASE_URL = "http://localhost:${local.server.port}${connect.server.path-prefix:}";

	private final ConfigurableEnvironment environment;

	LocalServerTransports(ConfigurableEnvironment environment) {
		this.environment = environment;
	}

	@Override
	public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
		Map<String, Object> baseUrls = new LinkedHashMap<>();
		for (String beanName : registry.getBeanDefinitionNames()) {
			BeanDefinition definition = registry.getBeanDefinition(beanName);
			if (definition.getAttribute(ConnectClientBeans.CLIENT_NAME_ATTRIBUTE) instanceof String clientName
					&& definition instanceof RootBeanDefinition original
					&& registry instanceof BeanFactory beanFactory) {
				baseUrls.put("connect.client." + clientName + ".base-url", LOCAL_BASE_URL);
				String targetName = beanName + TARGET_SUFFIX;
				registry.removeBeanDefinition(beanName);
				registry.registerBeanDefinition(targetName, target(original));
				registry.registerBeanDefinition(beanName, deferred(original, beanFactory, targetName));
			}
		}
		if (!baseUrls.isEmpty()) {
			this.environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, baseUrls));
		}
	}

	/**
	 * Returns the original transport definition as a bean that only the deferred transport asks for: no candidate
	 * for injection, created on the first call, and closed by the deferred transport rather than the context.
	 */
	private static RootBeanDefinition target(RootBeanDefinition original) {
		RootBeanDefinition target = new RootBeanDefinition(original);
		target.removeAttribute(ConnectClientBeans.CLIENT_NAME_ATTRIBUTE);
		target.setAutowireCandidate(false);
		target.setLazyInit(true);
		target.setDestroyMethodName(null);
		return target;
	}

	private RootBeanDefinition deferred(RootBeanDefinition original, BeanFactory beanFactory, String targetName) {
		RootBeanDefinition definition = new RootBeanDefinition(original);
		definition.setBeanClass(DeferredConnectTransport.class);
		definition.setTargetType((Class<?>) null);
		definition.setFactoryMethodName(null);
		definition.getConstructorArgumentValues().clear();
		definition.setAutowireMode(AbstractBeanDefinition.AUTOWIRE_NO);
		definition.setInstanceSupplier(() -> new DeferredConnectTransport(() -> {
			if (this.environment.getProperty("local.server.port") == null) {
				throw new IllegalStateException("@AutoConfigureTestConnectTransport needs the application's server"
						+ " running on a port: use @SpringBootTest(webEnvironment = RANDOM_PORT), and call clients"
						+ " once the context has started");
			}
			return beanFactory.getBean(targetName, ConnectTransport.class);
		}));
		return definition;
	}

}
