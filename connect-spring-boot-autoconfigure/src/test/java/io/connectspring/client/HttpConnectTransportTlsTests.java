package io.connectspring.client;

import io.connectspring.Code;
import io.connectspring.ConnectException;
import io.connectspring.fixtures.ConnectServerExtension;
import io.connectspring.fixtures.EchoService;

import java.time.Duration;

import com.google.protobuf.StringValue;
import io.netty.handler.ssl.ClientAuth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.jks.JksSslStoreBundle;
import org.springframework.boot.ssl.jks.JksSslStoreDetails;
import reactor.core.publisher.Flux;
import reactor.netty.DisposableServer;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.Http11SslContextSpec;
import reactor.netty.http.Http2SslContextSpec;
import reactor.netty.http.client.HttpClient;
import reactor.test.StepVerifier;

import static io.connectspring.fixtures.EchoService.int32;
import static io.connectspring.fixtures.EchoService.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** HTTP/2 over TLS with ALPN, and HTTP/1.1 over TLS, with a client trusting a self-signed certificate. */
class HttpConnectTransportTlsTests {

	/** The fixture's self-signed certificate for 127.0.0.1 and its key, as a Spring Boot store. */
	private static final JksSslStoreDetails LOCALHOST = new JksSslStoreDetails("PKCS12", null,
			"classpath:tls/localhost.p12", "changeit");

	/** Trusts the fixture's certificate and presents it as the client certificate too. */
	private static final SslBundle TRUST_AND_KEY = SslBundle.of(new JksSslStoreBundle(LOCALHOST, LOCALHOST));

	@RegisterExtension
	static final ConnectServerExtension server = ConnectServerExtension.tls();

	@Test
	void h2OverTlsServesEveryStreamType() {
		HttpClient client = HttpClient.create()
			.secure((spec) -> spec.sslContext(Http2SslContextSpec.forClient()
				.configure((builder) -> builder.trustManager(ConnectServerExtension.trustManagerFactory()))));
		try (HttpConnectTransport transport = HttpConnectTransport.builder(server.baseUrl())
			.httpVersion(HttpVersion.H2)
			.httpClient(client)
			.build()) {
			ResponseMetadata metadata = new ResponseMetadata();
			StepVerifier.create(transport.unary(EchoService.ECHO, string("hi"),
					CallOptions.defaults().withResponseMetadata(metadata)))
				.expectNext(string("hi"))
				.verifyComplete();
			StepVerifier.create(transport.bidiStream(EchoService.CHAT, Flux.just(string("a")), CallOptions.defaults()))
				.expectNext(string("you said a"))
				.verifyComplete();
			StepVerifier.create(transport.serverStream(EchoService.COUNT, int32(2), CallOptions.defaults()))
				.expectNext(string("1"), string("2"))
				.verifyComplete();
		}
	}

	@Test
	void http11OverTlsWorks() {
		HttpClient client = HttpClient.create()
			.secure((spec) -> spec.sslContext(Http11SslContextSpec.forClient()
				.configure((builder) -> builder.trustManager(ConnectServerExtension.trustManagerFactory()))));
		try (HttpConnectTransport transport = HttpConnectTransport.builder(server.baseUrl())
			.httpClient(client)
			.build()) {
			StepVerifier
				.create(transport.clientStream(EchoService.SUM, Flux.just(int32(1), int32(2)), CallOptions.defaults()))
				.expectNext(int32(3))
				.verifyComplete();
		}
	}

	@Test
	void sslBundleTrustsTheServerOverH2AndHttp11() {
		SslBundle trust = SslBundle.of(new JksSslStoreBundle(null, LOCALHOST));
		for (HttpVersion version : new HttpVersion[] { HttpVersion.H2, HttpVersion.HTTP_1_1 }) {
			try (HttpConnectTransport transport = HttpConnectTransport.builder(server.baseUrl())
				.httpVersion(version)
				.ssl(trust)
				.build()) {
				StepVerifier.create(transport.unary(EchoService.ECHO, string("hi"), CallOptions.defaults()))
					.expectNext(string("hi"))
					.verifyComplete();
			}
		}
	}

	@Test
	void sslBundleKeyIsPresentedToAServerThatRequiresAClientCertificate() {
		DisposableServer mutualTls = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.protocol(HttpProtocol.HTTP11, HttpProtocol.H2)
			.secure((spec) -> spec.sslContext(Http2SslContextSpec
				.forServer(TRUST_AND_KEY.getManagers().getKeyManagerFactory())
				.configure((builder) -> builder.trustManager(TRUST_AND_KEY.getManagers().getTrustManagerFactory())
					.clientAuth(ClientAuth.REQUIRE))))
			.handle((request, response) -> response.status(404).send())
			.bindNow();
		String baseUrl = "https://127.0.0.1:" + mutualTls.port();
		try (HttpConnectTransport withKey = HttpConnectTransport.builder(baseUrl)
			.httpVersion(HttpVersion.H2)
			.ssl(TRUST_AND_KEY)
			.build();
				HttpConnectTransport withoutKey = HttpConnectTransport.builder(baseUrl)
					.httpVersion(HttpVersion.H2)
					.ssl(SslBundle.of(new JksSslStoreBundle(null, LOCALHOST)))
					.build()) {
			// The handshake succeeds with the key: the server's 404 comes back as unimplemented.
			StepVerifier.create(withKey.unary(EchoService.ECHO, string("hi"), CallOptions.defaults()))
				.expectErrorSatisfies((error) -> assertThat(((ConnectException) error).code())
					.isEqualTo(Code.UNIMPLEMENTED))
				.verify(Duration.ofSeconds(10));
			StepVerifier.create(withoutKey.unary(EchoService.ECHO, string("hi"), CallOptions.defaults()))
				.expectErrorSatisfies((error) -> assertThat(((ConnectException) error).code())
					.isEqualTo(Code.UNAVAILABLE))
				.verify(Duration.ofSeconds(10));
		}
		finally {
			mutualTls.disposeNow();
		}
	}

	@Test
	void sslBundleWithAnHttpBaseUrlIsRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> HttpConnectTransport.builder("http://127.0.0.1:9").ssl(TRUST_AND_KEY).build())
			.withMessageContaining("use https");
	}

	@Test
	void untrustedCertificateIsUnavailable() {
		try (HttpConnectTransport transport = HttpConnectTransport.builder(server.baseUrl())
			.httpVersion(HttpVersion.H2)
			.build()) {
			StepVerifier
				.create(transport.unary(EchoService.ECHO, StringValue.getDefaultInstance(), CallOptions.defaults()))
				.expectErrorSatisfies((error) -> {
					assertThat(error).isInstanceOf(ConnectException.class);
					assertThat(((ConnectException) error).code()).isEqualTo(Code.UNAVAILABLE);
				})
				.verify(Duration.ofSeconds(10));
		}
	}

}
