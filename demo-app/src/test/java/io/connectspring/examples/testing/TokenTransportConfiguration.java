package io.connectspring.examples.testing;

import io.connectspring.boot.test.InMemoryConnectTransport;
import io.connectspring.client.WireProtocol;

import java.time.Duration;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.server.reactive.HttpHandler;

/** An in-memory transport of the test's own: gRPC-Web calls carrying the demo's bearer token (docs/testing.md). */
// tag::transport[]
@TestConfiguration(proxyBeanMethods = false)
public class TokenTransportConfiguration {

	@Bean
	InMemoryConnectTransport tokenTransport(HttpHandler httpHandler) {
		return new InMemoryConnectTransport(httpHandler, "", (transport) -> transport
			.protocol(WireProtocol.GRPC_WEB)
			.header("Authorization", "Bearer s3cret")
			.timeout(Duration.ofSeconds(5)));
	}

}
// end::transport[]
