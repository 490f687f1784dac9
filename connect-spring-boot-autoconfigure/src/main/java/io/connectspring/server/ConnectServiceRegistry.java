package io.connectspring.server;

import io.connectspring.ServiceDescriptor;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The services an application serves: its {@link ConnectService @ConnectService} beans by bean name, in registration
 * order. The server's routes, CORS, health and reflection all read this one registry, so they agree on what is
 * served.
 * <p>
 * Immutable and safe to share between threads. Spring Boot's auto-configuration declares one as a bean; declare your
 * own to serve a different set.
 */
public final class ConnectServiceRegistry {

	private final Map<String, BindableService> services;

	private ConnectServiceRegistry(Map<String, ? extends BindableService> services) {
		this.services = Collections.unmodifiableMap(new LinkedHashMap<>(services));
	}

	/**
	 * Returns a registry of the given services.
	 * @param services the services by bean name, in the order routes are built
	 * @return the registry
	 * @throws IllegalArgumentException if a name is blank
	 */
	public static ConnectServiceRegistry of(Map<String, ? extends BindableService> services) {
		services.keySet().forEach((name) -> {
			if (name.isBlank()) {
				throw new IllegalArgumentException("A service's bean name must not be blank");
			}
		});
		return new ConnectServiceRegistry(services);
	}

	/** Returns the services by bean name, in registration order; the map cannot be modified. */
	public Map<String, BindableService> services() {
		return this.services;
	}

	/** Returns each service's descriptor, in registration order. */
	public List<ServiceDescriptor> descriptors() {
		return this.services.values().stream().map((service) -> service.bindService().descriptor()).toList();
	}

	/** Returns each service's fully-qualified name, such as {@code greet.v1.GreetService}, in registration order. */
	public List<String> serviceNames() {
		return descriptors().stream().map(ServiceDescriptor::name).toList();
	}

	@Override
	public String toString() {
		return "ConnectServiceRegistry" + serviceNames();
	}

}
