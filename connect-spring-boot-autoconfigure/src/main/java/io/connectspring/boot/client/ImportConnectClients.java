package io.connectspring.boot.client;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Import;

/**
 * Registers generated Connect clients as beans, built on the transport of a client configured under
 * {@code connect.client.<name>}. Put it on a {@code @Configuration} class (or the application class); repeat it for
 * more clients.
 * <pre>{@code
 * @Configuration(proxyBeanMethods = false)
 * @ImportConnectClients(client = "greet", types = { GreetServiceClient.class, GreetServiceBlockingClient.class })
 * class GreetClients {
 * }
 * }</pre>
 * Each type must have a public constructor taking one {@link io.connectspring.client.ConnectTransport}, as every
 * generated client has. The beans are named by {@link ConnectClientBeans#clientBeanName} and qualified with the
 * client's name. Start-up fails with a message naming the missing property when the client is not configured.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Repeatable(ImportConnectClients.Container.class)
@Import(ConnectClientsRegistrar.class)
public @interface ImportConnectClients {

	/** The client's name: the {@code <name>} in {@code connect.client.<name>.*}. */
	String client();

	/** The generated client classes to register, such as {@code GreetServiceClient.class}. */
	Class<?>[] types();

	/** Holds repeated {@link ImportConnectClients} annotations. */
	@Target(ElementType.TYPE)
	@Retention(RetentionPolicy.RUNTIME)
	@Documented
	@Import(ConnectClientsRegistrar.class)
	@interface Container {

		/** The repeated annotations. */
		ImportConnectClients[] value();

	}

}
