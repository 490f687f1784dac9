package io.connectspring.demo;

import io.connectspring.demo.client.DemoClientMode;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The demo: {@code greet.v1.GreetService} served over Connect on port 8080, HTTP/1.1 and h2c. With
 * {@code --demo.client.target=<base URL>} it is a client instead: it calls that server's GreetService, prints the
 * greetings and exits (see {@link DemoClientMode}).
 */
@SpringBootApplication
public class DemoApplication {

	public static void main(String[] args) {
		ConfigurableApplicationContext context = SpringApplication.run(DemoApplication.class, args);
		if (context.getEnvironment().containsProperty(DemoClientMode.TARGET)) {
			System.exit(SpringApplication.exit(context));
		}
	}

}
