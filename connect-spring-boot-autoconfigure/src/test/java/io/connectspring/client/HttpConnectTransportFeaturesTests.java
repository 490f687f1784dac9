package io.connectspring.client;

import io.connectspring.CallSide;
import io.connectspring.Code;
import io.connectspring.ConnectException;
import io.connectspring.ConnectInterceptor;
import io.connectspring.fixtures.ConnectServerExtension;
import io.connectspring.fixtures.EchoService;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.google.protobuf.Message;
import com.google.protobuf.StringValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpHeaders;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import static io.connectspring.fixtures.EchoService.int32;
import static io.connectspring.fixtures.EchoService.string;
import static org.assertj.core.api.Assertions.assertThat;

/** Compression, metadata, interceptors and GET requests, against our own server. */
class HttpConnectTransportFeaturesTests {

	/** Request headers as the server saw them, one entry per call. */
	private static final List<HttpHeaders> seenByServer = new CopyOnWriteArrayList<>();

	private static final ConnectInterceptor recorder = (call, requests, next) -> {
		seenByServer.add(call.requestHeaders());
		return next.proceed(requests);
	};

	@RegisterExtension
	static final ConnectServerExtension server = new ConnectServerExtension(List.of(recorder));

	private static final String LARGE = "x".repeat(4096);

	private HttpConnectTransport transport;

	@BeforeEach
	void clear() {
		seenByServer.clear();
	}

	@AfterEach
	void close() {
		if (this.transport != null) {
			this.transport.close();
		}
	}

	private HttpConnectTransport build(HttpConnectTransport.Builder builder) {
		this.transport = builder.build();
		return this.transport;
	}

	@ParameterizedTest
	@ValueSource(strings = { "gzip", "br", "zstd" })
	void unaryCompressesLargeRequestsAndReadsCompressedResponses(String encoding) {
		HttpConnectTransport transport = build(
				HttpConnectTransport.builder(server.baseUrl()).sendCompression(encoding));
		ResponseMetadata metadata = new ResponseMetadata();
		StepVerifier.create(transport.unary(EchoService.ECHO, string(LARGE),
				CallOptions.defaults().withResponseMetadata(metadata)))
			.expectNext(string(LARGE))
			.verifyComplete();
		assertThat(seenByServer.get(0).getFirst("Content-Encoding")).isEqualTo(encoding);
		assertThat(metadata.headers().getFirst("Content-Encoding")).isEqualTo(encoding);
	}

	@Test
	void smallMessagesAreSentUncompressed() {
		HttpConnectTransport transport = build(HttpConnectTransport.builder(server.baseUrl()).sendCompression("gzip"));
		StepVerifier.create(transport.unary(EchoService.ECHO, string("small"), CallOptions.defaults()))
			.expectNext(string("small"))
			.verifyComplete();
		assertThat(seenByServer.get(0).getFirst("Content-Encoding")).isNull();
	}

	@Test
	void compressMinBytesZeroCompressesEveryRequest() {
		HttpConnectTransport transport = build(
				HttpConnectTransport.builder(server.baseUrl()).sendCompression("gzip").compressMinBytes(0));
		StepVerifier.create(transport.unary(EchoService.ECHO, string("small"), CallOptions.defaults()))
			.expectNext(string("small"))
			.verifyComplete();
		assertThat(seenByServer.get(0).getFirst("Content-Encoding")).isEqualTo("gzip");
	}

	@ParameterizedTest
	@ValueSource(strings = { "gzip", "br", "zstd" })
	void streamCompressesBothWays(String encoding) {
		HttpConnectTransport transport = build(HttpConnectTransport.builder(server.baseUrl())
			.httpVersion(HttpVersion.H2C)
			.codec("json")
			.sendCompression(encoding));
		ResponseMetadata metadata = new ResponseMetadata();
		StepVerifier.create(transport.bidiStream(EchoService.CHAT, Flux.just(string(LARGE), string("small")),
				CallOptions.defaults().withResponseMetadata(metadata)))
			.expectNext(string("you said " + LARGE), string("you said small"))
			.verifyComplete();
		assertThat(seenByServer.get(0).getFirst("Connect-Content-Encoding")).isEqualTo(encoding);
		assertThat(metadata.headers().getFirst("Connect-Content-Encoding")).isEqualTo(encoding);
	}

	@ParameterizedTest
	@ValueSource(strings = { "br", "zstd" })
	void grpcAndGrpcWebCompressBothWays(String encoding) {
		for (WireProtocol protocol : new WireProtocol[] { WireProtocol.GRPC, WireProtocol.GRPC_WEB }) {
			seenByServer.clear();
			try (HttpConnectTransport transport = HttpConnectTransport.builder(server.baseUrl())
				.protocol(protocol)
				.httpVersion(HttpVersion.H2C)
				.sendCompression(encoding)
				.build()) {
				ResponseMetadata metadata = new ResponseMetadata();
				StepVerifier.create(transport.bidiStream(EchoService.CHAT, Flux.just(string(LARGE), string("small")),
						CallOptions.defaults().withResponseMetadata(metadata)))
					.expectNext(string("you said " + LARGE), string("you said small"))
					.verifyComplete();
				assertThat(seenByServer.get(0).getFirst("grpc-encoding")).as(protocol.name()).isEqualTo(encoding);
				assertThat(seenByServer.get(0).getFirst("grpc-accept-encoding")).isEqualTo("gzip,br,zstd");
				assertThat(metadata.headers().getFirst("grpc-encoding")).as(protocol.name()).isEqualTo(encoding);
			}
		}
	}

	@Test
	void withoutCompressionsNothingIsAcceptedOrCompressed() {
		HttpConnectTransport transport = build(HttpConnectTransport.builder(server.baseUrl()).compressions(List.of()));
		ResponseMetadata metadata = new ResponseMetadata();
		StepVerifier.create(transport.unary(EchoService.ECHO, string(LARGE),
				CallOptions.defaults().withResponseMetadata(metadata)))
			.expectNext(string(LARGE))
			.verifyComplete();
		assertThat(seenByServer.get(0).getFirst("Accept-Encoding")).isNull();
		assertThat(metadata.headers().getFirst("Content-Encoding")).isNull();
	}

	@Test
	void unaryResponseHeadersAndTrailersReachTheHolder() {
		HttpConnectTransport transport = build(HttpConnectTransport.builder(server.baseUrl()));
		ResponseMetadata metadata = new ResponseMetadata();
		transport.unary(EchoService.ECHO, string("hi"), CallOptions.defaults().withResponseMetadata(metadata)).block();
		assertThat(metadata.headers().get("x-echo")).containsExactly("yes");
		assertThat(metadata.headers().get("x-multi")).containsExactly("a", "b");
		assertThat(metadata.headers().containsHeader("trailer-x-trailer")).isFalse();
		assertThat(metadata.trailers().get("x-trailer")).containsExactly("t");
	}

	@Test
	void streamTrailersComeFromTheEndOfStreamMessage() {
		HttpConnectTransport transport = build(
				HttpConnectTransport.builder(server.baseUrl()).httpVersion(HttpVersion.H2C));
		ResponseMetadata metadata = new ResponseMetadata();
		StepVerifier.create(transport.serverStream(EchoService.COUNT, int32(1),
				CallOptions.defaults().withResponseMetadata(metadata)))
			.expectNext(string("1"))
			.verifyComplete();
		assertThat(metadata.trailers().get("x-trailer")).containsExactly("t");
		assertThat(metadata.headers().getFirst("Content-Type")).isEqualTo("application/connect+proto");
	}

	@Test
	void transportAndCallHeadersAreSentWithTheProtocolHeadersAndTimeout() {
		HttpConnectTransport transport = build(HttpConnectTransport.builder(server.baseUrl())
			.header("x-client", "c")
			.header("Content-Type", "text/plain")
			.timeout(Duration.ofSeconds(30)));
		transport.unary(EchoService.ECHO, string("hi"), CallOptions.defaults().withHeader("x-call", "1")).block();
		HttpHeaders headers = seenByServer.get(0);
		assertThat(headers.getFirst("x-client")).isEqualTo("c");
		assertThat(headers.getFirst("x-call")).isEqualTo("1");
		assertThat(headers.getFirst("Content-Type")).isEqualTo("application/proto");
		assertThat(headers.getFirst("Connect-Protocol-Version")).isEqualTo("1");
		assertThat(Long.parseLong(headers.getFirst("Connect-Timeout-Ms"))).isBetween(29_000L, 30_000L);
		assertThat(headers.getFirst("Accept-Encoding")).isEqualTo("gzip,br,zstd");
		assertThat(headers.getFirst("User-Agent")).startsWith("connect-spring");
	}

	@Test
	void applicationUserAgentWinsOverTheDefault() {
		HttpConnectTransport transport = build(HttpConnectTransport.builder(server.baseUrl())
			.header("User-Agent", "billing/1.0"));
		transport.unary(EchoService.ECHO, string("hi"), CallOptions.defaults()).block();
		assertThat(seenByServer.get(0).get("User-Agent")).containsExactly("billing/1.0");
	}

	@Test
	void getRequestsAreUsedForNoSideEffectsProceduresOnly() {
		HttpConnectTransport transport = build(HttpConnectTransport.builder(server.baseUrl()).getRequests(true));
		StepVerifier.create(transport.unary(EchoService.ECHO, string("http-method"), CallOptions.defaults()))
			.expectNext(string("GET"))
			.verifyComplete();
		StepVerifier.create(transport.unary(EchoService.POST_ONLY, string("http-method"), CallOptions.defaults()))
			.expectNext(string("POST"))
			.verifyComplete();
	}

	@Test
	void getRequestsWorkWithJsonAndCompression() {
		HttpConnectTransport transport = build(HttpConnectTransport.builder(server.baseUrl())
			.getRequests(true)
			.codec("json")
			.sendCompression("gzip")
			.getUrlMaxBytes(8192));
		StepVerifier.create(transport.unary(EchoService.ECHO, string("a b&c=d/é"), CallOptions.defaults()))
			.expectNext(string("a b&c=d/é"))
			.verifyComplete();
		String large = "y".repeat(2000);
		StepVerifier.create(transport.unary(EchoService.ECHO, string(large), CallOptions.defaults()))
			.expectNext(string(large))
			.verifyComplete();
	}

	@Test
	void getRequestsFallBackToPostAboveTheUrlLimit() {
		HttpConnectTransport transport = build(HttpConnectTransport.builder(server.baseUrl())
			.getRequests(true)
			.getUrlMaxBytes(200));
		StepVerifier.create(transport.unary(EchoService.ECHO, string("http-method"), CallOptions.defaults()))
			.expectNext(string("GET"))
			.verifyComplete();
		String large = "z".repeat(200);
		StepVerifier.create(transport.unary(EchoService.ECHO, string(large), CallOptions.defaults()))
			.expectNext(string(large))
			.verifyComplete();
		assertThat(seenByServer).hasSize(2);
		assertThat(seenByServer.get(0).getFirst("Content-Type")).isNull();
		assertThat(seenByServer.get(1).getFirst("Content-Type")).isEqualTo("application/proto");
	}

	@Test
	void interceptorsSeeTheCallAddHeadersAndMapMessages() {
		List<String> events = new CopyOnWriteArrayList<>();
		ConnectInterceptor outer = (call, requests, next) -> {
			events.add("outer " + call.side() + " " + call.protocol() + " " + call.method().procedure());
			call.requestHeaders().add("x-from-interceptor", "yes");
			return next.proceed(requests).doOnNext((response) -> events.add("outer saw response"));
		};
		ConnectInterceptor inner = (call, requests, next) -> next
			.proceed(requests.map((request) -> (Message) string(((StringValue) request).getValue() + "!")))
			.doOnComplete(() -> events.add("inner trailers " + call.responseTrailers().getFirst("x-trailer")));
		HttpConnectTransport transport = build(
				HttpConnectTransport.builder(server.baseUrl()).interceptors(List.of(outer, inner)));
		StepVerifier.create(transport.unary(EchoService.ECHO, string("hi"), CallOptions.defaults()))
			.expectNext(string("hi!"))
			.verifyComplete();
		assertThat(seenByServer.get(0).getFirst("x-from-interceptor")).isEqualTo("yes");
		assertThat(events).containsExactly("outer " + CallSide.CLIENT + " connect /test.v1.EchoService/Echo",
				"outer saw response", "inner trailers t");
	}

	@Test
	void interceptorCanRejectACallWithoutReachingTheNetwork() {
		ConnectInterceptor deny = (call, requests, next) -> Flux
			.error(new ConnectException(Code.PERMISSION_DENIED, "no"));
		HttpConnectTransport transport = build(
				HttpConnectTransport.builder(server.baseUrl()).interceptors(List.of(deny)));
		StepVerifier.create(transport.serverStream(EchoService.COUNT, int32(2), CallOptions.defaults()))
			.expectErrorSatisfies(
					(error) -> assertThat(((ConnectException) error).code()).isEqualTo(Code.PERMISSION_DENIED))
			.verify(Duration.ofSeconds(5));
		assertThat(seenByServer).isEmpty();
	}

	@Test
	void interceptorThrowingAnotherExceptionGivesUnknown() {
		ConnectInterceptor broken = (call, requests, next) -> {
			throw new IllegalStateException("bug");
		};
		HttpConnectTransport transport = build(
				HttpConnectTransport.builder(server.baseUrl()).interceptors(List.of(broken)));
		StepVerifier.create(transport.unary(EchoService.ECHO, string("x"), CallOptions.defaults()))
			.expectErrorSatisfies((error) -> assertThat(((ConnectException) error).code()).isEqualTo(Code.UNKNOWN))
			.verify(Duration.ofSeconds(5));
	}

}
