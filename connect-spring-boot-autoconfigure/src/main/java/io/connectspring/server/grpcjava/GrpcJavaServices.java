package io.connectspring.server.grpcjava;

import io.connectspring.server.BindableService;
import io.connectspring.server.ConnectServiceContributor;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.grpc.ServerInterceptor;

/**
 * The grpc-java services an application serves next to its {@code @ConnectService} beans, each adapted by
 * {@link GrpcJavaService} under the name of the object it adapts. Spring Boot's auto-configuration declares one over
 * every {@code io.grpc.BindableService} bean, with the {@code io.grpc.ServerInterceptor} beans in Spring order;
 * declare your own to choose others. Immutable.
 */
public final class GrpcJavaServices implements ConnectServiceContributor {

	private final Map<String, BindableService> services;

	/**
	 * Adapts grpc-java services, all with the same interceptors.
	 * @param services the services by name (such as their bean names), in the order routes are built
	 * @param interceptors the interceptors of every service, the first outermost
	 * @throws IllegalArgumentException if a service cannot be served (see {@link GrpcJavaService})
	 */
	public GrpcJavaServices(Map<String, ? extends io.grpc.BindableService> services,
			List<? extends ServerInterceptor> interceptors) {
		Map<String, BindableService> adapted = new LinkedHashMap<>();
		services.forEach((name, service) -> adapted.put(name, GrpcJavaService.of(service.bindService(), interceptors)));
		this.services = Collections.unmodifiableMap(adapted);
	}

	@Override
	public Map<String, BindableService> services() {
		return this.services;
	}

	@Override
	public String toString() {
		return "GrpcJavaServices" + this.services.keySet();
	}

}
