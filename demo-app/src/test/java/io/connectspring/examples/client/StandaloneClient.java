package io.connectspring.examples.client;

import java.time.Duration;

import io.connectspring.client.HttpConnectTransport;
import io.connectspring.client.HttpVersion;
import io.connectspring.demo.greet.v1.GreetRequest;
import io.connectspring.demo.greet.v1.GreetServiceBlockingClient;

/** A client without Spring: build a transport, wrap it in a generated client, close the transport when done. */
public final class StandaloneClient {

	private StandaloneClient() {
	}

	public static String greet(String baseUrl, String name) {
		try (HttpConnectTransport transport = HttpConnectTransport.builder(baseUrl)
			.httpVersion(HttpVersion.H2C)
			.codec("json")
			.sendCompression("gzip")
			.timeout(Duration.ofSeconds(5))
			.header("x-client", "standalone")
			.build()) {
			GreetServiceBlockingClient client = new GreetServiceBlockingClient(transport);
			return client.greet(GreetRequest.newBuilder().setName(name).build()).getGreeting();
		}
	}

}
