package io.connectspring.demo.client;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Turns the demo into a client when {@code demo.client.target} is set: no web server, quiet start-up, and the
 * {@code demo.client.*} options mapped onto the client {@code connect.client.demo}, which
 * {@link DemoClientConfiguration} builds its generated client on.
 */
public class DemoClientMode implements EnvironmentPostProcessor {

	/** The property that selects client mode: the base URL of the server to call. */
	public static final String TARGET = "demo.client.target";

	/** The property that selects the wire protocol: connect (the default), grpc or grpc-web. */
	public static final String PROTOCOL = "demo.client.protocol";

	/** The values {@link #PROTOCOL} accepts. */
	static final List<String> PROTOCOLS = List.of("connect", "grpc", "grpc-web");

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String target = environment.getProperty(TARGET);
		if (target == null) {
			return;
		}
		application.setWebApplicationType(WebApplicationType.NONE);
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("spring.main.web-application-type", "none");
		properties.put("spring.main.banner-mode", "off");
		properties.put("spring.main.log-startup-info", "false");
		// Standard output carries the greetings only; the client reports its own failures on standard error.
		properties.put("logging.level.root", "error");
		properties.put("connect.client.demo.base-url", target);
		String protocol = environment.getProperty(PROTOCOL, "connect");
		if (PROTOCOLS.contains(protocol)) {
			// Any other value is reported by DemoClient, which then exits with code 2.
			properties.put("connect.client.demo.protocol", protocol);
		}
		// gRPC needs HTTP/2; the other protocols start with HTTP/1.1, which every server speaks.
		String defaultVersion = protocol.equals("grpc") ? "2" : "1.1";
		properties.put("connect.client.demo.http-version",
				httpVersion(environment.getProperty("demo.client.http-version", defaultVersion), target));
		properties.put("connect.client.demo.codec", environment.getProperty("demo.client.codec", "proto"));
		environment.getPropertySources().addFirst(new MapPropertySource("demoClientMode", properties));
	}

	private static String httpVersion(String value, String target) {
		return switch (value) {
			case "1.1" -> "1.1";
			case "2" -> target.startsWith("https:") ? "h2" : "h2c";
			default -> throw new IllegalArgumentException("demo.client.http-version is '" + value + "'; use 1.1 or 2");
		};
	}

}
