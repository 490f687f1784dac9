package io.connectspring.boot.autoconfigure;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationUnit;

/**
 * CORS of the Connect procedures, for browser clients on other origins, under {@code connect.server.cors}. Off until
 * an allowed origin is set.
 */
@ConfigurationProperties("connect.server.cors")
public class ConnectServerCorsProperties {

	/** Origins allowed to call the procedures from a browser, such as "https://app.example.com"; none by default. */
	private List<String> allowedOrigins = new ArrayList<>();

	/** Origin patterns allowed to call the procedures, such as "https://*.example.com"; none by default. */
	private List<String> allowedOriginPatterns = new ArrayList<>();

	/** HTTP methods allowed: POST for every protocol, GET for Connect GET requests. */
	private List<String> allowedMethods = new ArrayList<>(List.of("POST", "GET"));

	/** Request headers allowed besides those of the Connect and gRPC-Web protocols, such as "Authorization". */
	private List<String> allowedHeaders = new ArrayList<>();

	/**
	 * Response headers exposed besides those of the protocols; expose a unary call's trailer "Foo" as "Trailer-Foo".
	 */
	private List<String> exposedHeaders = new ArrayList<>();

	/** Whether browsers may send credentials (cookies, client certificates, Authorization); needs explicit origins. */
	private @Nullable Boolean allowCredentials;

	/** How long browsers may cache a preflight response; browsers cap it (Chromium at 2 hours). */
	@DurationUnit(ChronoUnit.SECONDS)
	private Duration maxAge = Duration.ofHours(2);

	public List<String> getAllowedOrigins() {
		return this.allowedOrigins;
	}

	public void setAllowedOrigins(List<String> allowedOrigins) {
		this.allowedOrigins = allowedOrigins;
	}

	public List<String> getAllowedOriginPatterns() {
		return this.allowedOriginPatterns;
	}

	public void setAllowedOriginPatterns(List<String> allowedOriginPatterns) {
		this.allowedOriginPatterns = allowedOriginPatterns;
	}

	public List<String> getAllowedMethods() {
		return this.allowedMethods;
	}

	public void setAllowedMethods(List<String> allowedMethods) {
		this.allowedMethods = allowedMethods;
	}

	public List<String> getAllowedHeaders() {
		return this.allowedHeaders;
	}

	public void setAllowedHeaders(List<String> allowedHeaders) {
		this.allowedHeaders = allowedHeaders;
	}

	public List<String> getExposedHeaders() {
		return this.exposedHeaders;
	}

	public void setExposedHeaders(List<String> exposedHeaders) {
		this.exposedHeaders = exposedHeaders;
	}

	public @Nullable Boolean getAllowCredentials() {
		return this.allowCredentials;
	}

	public void setAllowCredentials(@Nullable Boolean allowCredentials) {
		this.allowCredentials = allowCredentials;
	}

	public Duration getMaxAge() {
		return this.maxAge;
	}

	public void setMaxAge(Duration maxAge) {
		this.maxAge = maxAge;
	}

}
