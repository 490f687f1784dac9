package io.connectspring.boot.autoconfigure;

import io.connectspring.grpc.health.v1.HealthCheckResponse.ServingStatus;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of the {@code grpc.health.v1.Health} service, under {@code connect.server.health}.
 */
@ConfigurationProperties("connect.server.health")
public class ConnectServerHealthProperties {

	/** Whether to serve grpc.health.v1.Health with Actuator's health, when Actuator's health endpoint is present. */
	private boolean enabled = true;

	/** Time between two readings of Actuator's health. */
	private Duration updateInterval = Duration.ofSeconds(5);

	/**
	 * Actuator health paths (contributor or group names, nested with '/') whose aggregate status is a service's
	 * status, keyed by fully qualified service name ("[greet.v1.GreetService]" in properties); other services report
	 * the application's overall health.
	 */
	private Map<String, List<String>> services = new LinkedHashMap<>();

	/**
	 * Serving status of Actuator status codes, over the defaults (UP is SERVING, DOWN and OUT_OF_SERVICE are
	 * NOT_SERVING, others UNKNOWN).
	 */
	private Map<String, ServingStatus> statusMapping = new LinkedHashMap<>();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Duration getUpdateInterval() {
		return this.updateInterval;
	}

	public void setUpdateInterval(Duration updateInterval) {
		this.updateInterval = updateInterval;
	}

	public Map<String, List<String>> getServices() {
		return this.services;
	}

	public void setServices(Map<String, List<String>> services) {
		this.services = services;
	}

	public Map<String, ServingStatus> getStatusMapping() {
		return this.statusMapping;
	}

	public void setStatusMapping(Map<String, ServingStatus> statusMapping) {
		this.statusMapping = statusMapping;
	}

}
