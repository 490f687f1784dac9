package io.connectspring.server;

import java.util.Map;

/**
 * Adds services to the application's {@link ConnectServiceRegistry} besides its
 * {@link ConnectService @ConnectService} beans: adapters of services written for another framework, such as
 * {@link io.connectspring.server.grpcjava.GrpcJavaServices grpc-java's}. Spring Boot's auto-configuration adds the
 * services of every bean of this type, in Spring order, after the {@code @ConnectService} beans; a registry declared
 * by the application replaces all of them.
 */
@FunctionalInterface
public interface ConnectServiceContributor {

	/**
	 * Returns the services to serve, each under a name unique in the application (such as the bean name of what it
	 * adapts), in the order routes are built. Called once, at start-up.
	 */
	Map<String, BindableService> services();

}
