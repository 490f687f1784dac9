package io.connectspring.boot.test;

import io.connectspring.client.WireProtocol;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.PropertyMapping;
import org.springframework.test.context.ContextCustomizerFactories;

/**
 * Defines an {@link InMemoryConnectTransport} bean calling the application's own routes with no socket, and a bean
 * of each generated client type the test class injects (a field or parameter whose type has a public constructor
 * taking a {@link io.connectspring.client.ConnectTransport}, such as {@code GreetServiceClient} or
 * {@code GreetServiceBlockingClient}), built on that transport.
 * <p>
 * {@link ConnectTest @ConnectTest} applies it; with {@code @SpringBootTest} it tests the whole application without a
 * port. The client beans are fallbacks: a client bean the application defines itself (with
 * {@code @ImportConnectClients}) is injected in their place.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration
@ContextCustomizerFactories(InjectedClientsContextCustomizerFactory.class)
@PropertyMapping("connect.test.client")
public @interface AutoConfigureInMemoryConnectTransport {

	/** The protocol of the calls: Connect or gRPC-Web (gRPC needs HTTP/2 trailers, which stay on the network). */
	WireProtocol protocol() default WireProtocol.CONNECT;

	/** The codec of the calls: {@code "proto"} or {@code "json"}. */
	String codec() default "proto";

}
