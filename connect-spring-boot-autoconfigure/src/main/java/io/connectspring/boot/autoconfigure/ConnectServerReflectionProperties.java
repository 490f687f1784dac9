package io.connectspring.boot.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of gRPC server reflection, under {@code connect.server.reflection}.
 */
@ConfigurationProperties("connect.server.reflection")
public class ConnectServerReflectionProperties {

	/** Whether to serve grpc.reflection.v1 and v1alpha, which describe every served service to any caller. */
	private boolean enabled;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

}
