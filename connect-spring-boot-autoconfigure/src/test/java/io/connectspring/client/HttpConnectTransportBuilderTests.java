package io.connectspring.client;

import io.connectspring.fixtures.ConnectServerExtension;
import io.connectspring.fixtures.EchoService;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import static io.connectspring.fixtures.EchoService.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** What {@link HttpConnectTransport.Builder} accepts and rejects. */
class HttpConnectTransportBuilderTests {

	@RegisterExtension
	static final ConnectServerExtension server = new ConnectServerExtension();

	@Test
	void baseUrlMustBeHttpOrHttps() {
		assertThatIllegalArgumentException().isThrownBy(() -> HttpConnectTransport.builder("ftp://host").build())
			.withMessageContaining("ftp://host");
		assertThatIllegalArgumentException().isThrownBy(() -> HttpConnectTransport.builder("not a url").build());
	}

	@Test
	void h2cNeedsHttpAndH2NeedsHttps() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> HttpConnectTransport.builder("https://host").httpVersion(HttpVersion.H2C).build())
			.withMessageContaining("use H2");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> HttpConnectTransport.builder("http://host").httpVersion(HttpVersion.H2).build())
			.withMessageContaining("use H2C");
	}

	@Test
	void grpcOverHttp11IsRejectedNamingTheFix() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> HttpConnectTransport.builder("http://host")
				.protocol(WireProtocol.GRPC)
				.httpVersion(HttpVersion.HTTP_1_1)
				.build())
			.withMessageContaining("gRPC protocol needs HTTP/2")
			.withMessageContaining("H2C")
			.withMessageContaining("GRPC_WEB");
	}

	@Test
	void unknownCodecOrSendCompressionIsRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> HttpConnectTransport.builder("http://host").codec("xml").build())
			.withMessageContaining("xml");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> HttpConnectTransport.builder("http://host").sendCompression("snappy").build())
			.withMessageContaining("Unknown send compression \"snappy\": available are gzip,br,zstd");
	}

	@Test
	void nonPositiveLimitsAndTimeoutsAreRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> HttpConnectTransport.builder("http://host").readMaxBytes(0));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> HttpConnectTransport.builder("http://host").sendMaxBytes(-1));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> HttpConnectTransport.builder("http://host").timeout(Duration.ZERO));
	}

	@Test
	void trailingSlashesOfTheBaseUrlAreIgnored() {
		try (HttpConnectTransport transport = HttpConnectTransport.builder(server.baseUrl() + "/").build()) {
			assertThat(transport.unary(EchoService.ECHO, string("hi"), CallOptions.defaults()).block())
				.isEqualTo(string("hi"));
		}
	}

	@Test
	void suppliedHttpClientIsUsedAndNotClosed() {
		ConnectionProvider provider = ConnectionProvider.create("test");
		try {
			HttpConnectTransport transport = HttpConnectTransport.builder(server.baseUrl())
				.httpClient(HttpClient.create(provider).headers((headers) -> headers.set("x-supplied", "1")))
				.build();
			transport.close();
			assertThat(transport.unary(EchoService.ECHO, string("still works"), CallOptions.defaults()).block())
				.isEqualTo(string("still works"));
		}
		finally {
			provider.dispose();
		}
	}

}
