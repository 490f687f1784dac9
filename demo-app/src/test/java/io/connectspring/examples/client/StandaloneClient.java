package io.connectspring.examples.client;

import java.time.Duration;

import io.connectspring.client.HttpConnectTransport;
import io.connectspring.client.HttpVersion;
import io.connectspring.client.WireProtocol;
import io.connectspring.demo.greet.v1.GreetRequest;
import io.connectspring.demo.greet.v1.GreetServiceBlockingClient;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;

/** A client without Spring: build a transport, wrap it in a generated client, close the transport when done. */
public final class StandaloneClient {

	private StandaloneClient() {
	}

	public static String greet(String baseUrl, String name) {
		// tag::transport[]
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
		// end::transport[]
	}

	/**
	 * A transport for an HTTPS server whose certificate authority the JVM does not trust, presenting a client
	 * certificate when one is given.
	 */
	public static HttpConnectTransport tls(@Nullable String clientCertificatePem, @Nullable String clientKeyPem,
			String caCertificatePem) {
		// tag::tls[]
		SslBundle bundle = SslBundle.of(new PemSslStoreBundle(
				PemSslStoreDetails.forCertificate(clientCertificatePem).withPrivateKey(clientKeyPem),  // null: no client certificate
				PemSslStoreDetails.forCertificate(caCertificatePem)));                                 // the authorities trusted
		HttpConnectTransport transport = HttpConnectTransport.builder("https://api.example.com")
			.httpVersion(HttpVersion.H2)
			.ssl(bundle)
			.build();
		// end::tls[]
		return transport;
	}

	/** A transport that speaks gRPC. */
	public static HttpConnectTransport grpc() {
		// tag::grpc[]
		HttpConnectTransport grpc = HttpConnectTransport.builder("http://localhost:9090")
			.protocol(WireProtocol.GRPC)      // h2c for http URLs, h2 for https ones
			.build();
		// end::grpc[]
		return grpc;
	}

}
