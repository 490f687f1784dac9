package io.connectspring.client;

import io.connectspring.Code;
import io.connectspring.ConnectException;
import io.connectspring.fixtures.ConnectServerExtension;
import io.connectspring.fixtures.EchoService;

import java.time.Duration;

import com.google.protobuf.StringValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.netty.http.Http11SslContextSpec;
import reactor.netty.http.Http2SslContextSpec;
import reactor.netty.http.client.HttpClient;
import reactor.test.StepVerifier;

import static io.connectspring.fixtures.EchoService.int32;
import static io.connectspring.fixtures.EchoService.string;
import static org.assertj.core.api.Assertions.assertThat;

/** HTTP/2 over TLS with ALPN, and HTTP/1.1 over TLS, with a client trusting a self-signed certificate. */
class HttpConnectTransportTlsTests {

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
		try (HttpConnectTransport transport = HttpConnectTransport.builder(server.baseUrl()).httpClient(client).build()) {
			StepVerifier.create(transport.clientStream(EchoService.SUM, Flux.just(int32(1), int32(2)), CallOptions.defaults()))
				.expectNext(int32(3))
				.verifyComplete();
		}
	}

	@Test
	void untrustedCertificateIsUnavailable() {
		try (HttpConnectTransport transport = HttpConnectTransport.builder(server.baseUrl())
			.httpVersion(HttpVersion.H2)
			.build()) {
			StepVerifier.create(transport.unary(EchoService.ECHO, StringValue.getDefaultInstance(), CallOptions.defaults()))
				.expectErrorSatisfies((error) -> {
					assertThat(error).isInstanceOf(ConnectException.class);
					assertThat(((ConnectException) error).code()).isEqualTo(Code.UNAVAILABLE);
				})
				.verify(Duration.ofSeconds(10));
		}
	}

}
