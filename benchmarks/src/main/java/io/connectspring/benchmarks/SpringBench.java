package io.connectspring.benchmarks;

import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the Spring Boot bench apps alike: loopback, the given port, HTTP/1.1 and h2c on one port
 * ({@code server.http2.enabled=true}), no banner, warnings only, immediate shutdown, and the {@link Ready} line once
 * ready, followed by the {@link StartupSteps} profile when asked for.
 */
public final class SpringBench {

	private SpringBench() {
	}

	/**
	 * Runs the application class with the common settings plus its own.
	 * @param application the {@code @SpringBootApplication} class
	 * @param args the command line: {@code --port=N} (see {@link ServerPort})
	 * @param extra more properties, such as {@link ConnectAutoConfigurationFilter#ENABLED}
	 * @return the running application's context
	 */
	public static ConfigurableApplicationContext run(Class<?> application, String[] args, Map<String, Object> extra) {
		int port = ServerPort.from(args);
		Map<String, Object> properties = new HashMap<>();
		properties.put("server.port", port);
		properties.put("server.address", "127.0.0.1");
		properties.put("server.http2.enabled", true);
		properties.put("spring.main.banner-mode", "off");
		properties.put("spring.main.log-startup-info", false);
		properties.put("logging.level.root", "warn");
		// The harness stops servers between scenarios; nothing is in flight by then, so do not wait for it.
		properties.put("server.shutdown", "immediate");
		properties.putAll(extra);
		SpringApplication app = new SpringApplication(application);
		app.setDefaultProperties(properties);
		StartupSteps steps = StartupSteps.enabled() ? new StartupSteps() : null;
		if (steps != null) {
			app.setApplicationStartup(steps);
		}
		app.addListeners((ApplicationListener<ApplicationReadyEvent>) (event) -> {
			Ready.announce(port);
			if (steps != null) {
				steps.print();
			}
		});
		return app.run();
	}

}
