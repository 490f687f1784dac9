package io.connectspring.boot.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of the serving of grpc-java services, under {@code connect.server.grpc-java}.
 */
@ConfigurationProperties("connect.server.grpc-java")
public class ConnectServerGrpcJavaProperties {

	/** Whether to serve the application's grpc-java BindableService beans when grpc-java is on the class path. */
	private boolean enabled = true;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

}
