package io.connectspring.demo.e2e;

import io.connectspring.client.HttpVersion;
import io.connectspring.demo.DemoApplication;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The demo application on a random port (HTTP/1.1 and h2c on the same one) as a JUnit extension: started before the
 * test class, closed after. Register it as a static field with {@code @RegisterExtension}.
 */
final class DemoGreetServer implements BeforeAllCallback, AfterAllCallback, GreetPeer {

	private ConfigurableApplicationContext context;

	private int port;

	@Override
	public void beforeAll(ExtensionContext extensionContext) {
		this.context = new SpringApplicationBuilder(DemoApplication.class).run("--server.port=0");
		this.port = Integer.parseInt(this.context.getEnvironment().getRequiredProperty("local.server.port"));
	}

	@Override
	public void afterAll(ExtensionContext extensionContext) {
		if (this.context != null) {
			this.context.close();
		}
	}

	@Override
	public String name() {
		return "demo";
	}

	@Override
	public String baseUrl(HttpVersion version) {
		return "http://127.0.0.1:" + this.port;
	}


	@Override
	public boolean servesBidiOverHttp1() {
		return true;
	}

	@Override
	public boolean hasTestTriggers() {
		return false;
	}

}
