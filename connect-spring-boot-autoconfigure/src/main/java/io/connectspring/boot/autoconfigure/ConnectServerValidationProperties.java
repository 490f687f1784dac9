package io.connectspring.boot.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of request validation, under {@code connect.server.validation}.
 */
@ConfigurationProperties("connect.server.validation")
public class ConnectServerValidationProperties {

	/**
	 * Whether to check every request message against its buf.validate rules (needs build.buf:protovalidate), answering
	 * invalid_argument with the violations.
	 */
	private boolean enabled;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

}
