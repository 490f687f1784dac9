package io.connectspring.internal.server;

import io.connectspring.Code;
import io.connectspring.ConnectException;
import io.connectspring.ConnectInterceptor;
import io.connectspring.fixtures.ConnectServerExtension;
import io.connectspring.fixtures.EchoService;
import io.connectspring.fixtures.Envelopes.Frame;
import io.connectspring.fixtures.Envelopes;
import io.connectspring.fixtures.RawHttpCall;
import io.connectspring.internal.wire.CompressionSamples;
import io.connectspring.internal.wire.GrpcStatus;
import io.connectspring.server.ConnectContext;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import com.google.protobuf.StringValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Flux;
import reactor.netty.http.Http2SslContextSpec;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.client.HttpClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The gRPC protocol on a real Reactor Netty server over h2c, where HTTP/2 trailers can be seen. */
class GrpcServerProtocolTests {

	/** Fails calls that send {@code x-fail: <code>}, before the service runs; reports the protocol in a trailer. */
	private static final ConnectInterceptor FAILING = (call, requests, next) -> {
		call.responseTrailers().add("x-protocol", call.protocol());
		if (call.requestHeaders().containsHeader("x-send-headers")) {
			((ConnectContext) call).sendResponseHeaders();
		}
		String fail = call.requestHeaders().getFirst("x-fail");
		if (fail != null) {
			return Flux.error(new ConnectException(Code.forProtocolName(fail), "failed: 100% ☺")
				.withDetail(EchoService.string("why"))
				.withMetadata("x-error-meta", "m"));
		}
		return next.proceed(requests);
	};

	@RegisterExtension
	static final ConnectServerExtension server = new ConnectServerExtension(List.of(FAILING));

	@RegisterExtension
	static final ConnectServerExtension tlsServer = ConnectServerExtension.tls();

	private static RawHttpCall call(String procedure, byte[] body, String... headers) {
		return call(true, procedure, body, headers);
	}

	private static RawHttpCall call(boolean http2, String procedure, byte[] body, String... headers) {
		Map<String, String> all = new LinkedHashMap<>();
		all.put("content-type", "application/grpc");
		all.put("te", "trailers");
		for (int i = 0; i < headers.length; i += 2) {
			all.put(headers[i], headers[i + 1]);
		}
		return RawHttpCall.post(server.baseUrl() + "/test.v1.EchoService/" + procedure, http2, body, all);
	}

	private static byte[] proto(com.google.protobuf.Message... messages) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (com.google.protobuf.Message message : messages) {
			out.writeBytes(Envelopes.frame(0, message.toByteArray()));
		}
		return out.toByteArray();
	}

	@Test
	void unarySendsHeadersMessageThenStatusInTrailers() {
		RawHttpCall response = call("Echo", proto(EchoService.string("hi")));
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.headers().get("content-type")).isEqualTo("application/grpc");
		assertThat(response.headers().get("x-echo")).isEqualTo("yes");
		assertThat(response.headers().getAll("x-multi")).containsExactly("a", "b");
		assertThat(response.headers().get("grpc-accept-encoding")).isEqualTo("gzip,br,zstd");
		assertThat(response.headers().contains("grpc-status")).isFalse();
		assertThat(Envelopes.parse(response.body())).singleElement()
			.satisfies((frame) -> assertThat(frame.data()).isEqualTo(EchoService.string("hi").toByteArray()));
		assertThat(response.trailers().get("grpc-status")).isEqualTo("0");
		assertThat(response.trailers().get("x-trailer")).isEqualTo("t");
		assertThat(response.trailers().get("x-protocol")).isEqualTo("grpc");
	}

	@Test
	void serverStreamSendsEveryMessage() {
		RawHttpCall response = call("Count", proto(EchoService.int32(3)));
		assertThat(Envelopes.parse(response.body())).extracting(Frame::data)
			.containsExactly(EchoService.string("1").toByteArray(), EchoService.string("2").toByteArray(),
					EchoService.string("3").toByteArray());
		assertThat(response.trailers().get("grpc-status")).isEqualTo("0");
	}

	@Test
	void clientStreamAndBidiReadEveryRequest() {
		RawHttpCall sum = call("Sum", proto(EchoService.int32(1), EchoService.int32(41)));
		assertThat(Envelopes.parse(sum.body())).singleElement()
			.satisfies((frame) -> assertThat(frame.data()).isEqualTo(EchoService.int32(42).toByteArray()));
		RawHttpCall chat = call("Chat", proto(EchoService.string("a"), EchoService.string("b")));
		assertThat(Envelopes.parse(chat.body())).hasSize(2);
		assertThat(chat.trailers().get("grpc-status")).isEqualTo("0");
	}

	@Test
	void jsonCodecIsServedUnderGrpcPlusJson() {
		RawHttpCall response = call("Echo", Envelopes.json("\"hi\""), "content-type", "application/grpc+json");
		assertThat(response.headers().get("content-type")).isEqualTo("application/grpc+json");
		assertThat(Envelopes.parse(response.body())).extracting(Frame::text).containsExactly("\"hi\"");
		assertThat(response.trailers().get("grpc-status")).isEqualTo("0");
	}

	@Test
	void errorMidStreamEndsWithItsStatusInTrailers() {
		RawHttpCall response = call("Count", proto(EchoService.int32(-1)));
		assertThat(response.status()).isEqualTo(200);
		assertThat(Envelopes.parse(response.body())).hasSize(1);
		assertThat(response.trailers().get("grpc-status")).isEqualTo("11");
		assertThat(response.trailers().get("grpc-message")).isEqualTo("negative");
		assertThat(response.trailers().get("x-error-meta")).isEqualTo("m");
	}

	@Test
	void errorBeforeAnyMessageIsTrailersOnlyWithDetails() {
		RawHttpCall response = call("Sum", proto(EchoService.int32(1)), "x-fail", "failed_precondition");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).isEmpty();
		assertThat(response.headers().get("grpc-status")).isEqualTo("9");
		assertThat(response.headers().get("grpc-message")).isEqualTo("failed: 100%25 %E2%98%BA");
		assertThat(response.headers().get("x-error-meta")).isEqualTo("m");
		assertThat(response.headers().get("x-protocol")).isEqualTo("grpc");
		ConnectException details = GrpcStatus
			.fromStatusBytes(Base64.getDecoder().decode(response.headers().get("grpc-status-details-bin")));
		assertThat(details).isNotNull();
		assertThat(details.rawMessage()).isEqualTo("failed: 100% ☺");
		assertThat(details.details()).singleElement()
			.satisfies((detail) -> assertThat(detail.unpack(StringValue.class)).contains(EchoService.string("why")));
	}

	@Test
	void errorAfterTheServiceSentItsHeadersIsInTrailers() {
		RawHttpCall response = call("Sum", proto(EchoService.int32(1)), "x-fail", "failed_precondition",
				"x-send-headers", "yes");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).isEmpty();
		assertThat(response.headers().contains("grpc-status")).isFalse();
		assertThat(response.trailers().get("grpc-status")).isEqualTo("9");
		assertThat(response.trailers().get("x-error-meta")).isEqualTo("m");
	}

	@Test
	void requestHeadersSeenByTheServiceLeaveOutReactorNettysSyntheticOnes() {
		RawHttpCall response = call("Echo", proto(EchoService.string("request-headers")));
		assertThat(Envelopes.parse(response.body())).singleElement()
			.extracting(Frame::data)
			.satisfies((data) -> assertThat(StringValue.parseFrom(data).getValue()).contains("content-type")
				.contains("te")
				.doesNotContain("x-http2")
				.doesNotContain("transfer-encoding"));
	}

	@Test
	void unknownServiceIsUnimplementedAsTrailersOnly() {
		RawHttpCall response = RawHttpCall.post(server.baseUrl() + "/pkg.v1.UnknownService/Method", true,
				proto(EchoService.string("hi")), Map.of("content-type", "application/grpc", "te", "trailers"));
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).isEmpty();
		assertThat(response.headers().get("grpc-status")).isEqualTo("12");
		assertThat(response.headers().get("content-type")).isEqualTo("application/grpc");
	}

	@Test
	void errorAfterResponseHeadersWereSetKeepsHeadersAndTrailersApart() {
		RawHttpCall response = call("Echo", proto(EchoService.string("fail:not_found")));
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).isEmpty();
		assertThat(response.headers().get("x-echo")).isEqualTo("yes");
		assertThat(response.headers().contains("grpc-status")).isFalse();
		assertThat(response.trailers().get("grpc-status")).isEqualTo("5");
		assertThat(response.trailers().get("x-trailer")).isEqualTo("t");
	}

	@Test
	void exceptionsThatAreNotConnectExceptionsLeakNothing() {
		RawHttpCall response = call("Echo", proto(EchoService.string("boom")));
		assertThat(response.trailers().get("grpc-status")).isEqualTo("2");
		assertThat(response.trailers().get("grpc-message")).doesNotContain("secret").doesNotContain("Exception");
	}

	@Test
	void unaryWithZeroOrTwoRequestsIsUnimplemented() {
		RawHttpCall none = call("Echo", new byte[0]);
		assertThat(none.status()).isEqualTo(200);
		assertThat(status(none)).isEqualTo("12");
		RawHttpCall two = call("Echo", proto(EchoService.string("a"), EchoService.string("b")));
		assertThat(status(two)).isEqualTo("12");
	}

	@Test
	void gzipRequestsAreReadAndResponsesCompressedWhenAccepted() throws IOException {
		byte[] big = "x".repeat(5000).getBytes(StandardCharsets.UTF_8);
		StringValue request = StringValue.newBuilder().setValue(new String(big, StandardCharsets.UTF_8)).build();
		RawHttpCall response = call("Echo", Envelopes.frame(1, gzip(request.toByteArray())), "grpc-encoding", "gzip",
				"grpc-accept-encoding", "gzip");
		assertThat(response.headers().get("grpc-encoding")).isEqualTo("gzip");
		Frame frame = Envelopes.parse(response.body()).get(0);
		assertThat(frame.flags()).isEqualTo(1);
		assertThat(StringValue.parseFrom(gunzip(frame.data()))).isEqualTo(request);
		assertThat(response.trailers().get("grpc-status")).isEqualTo("0");
	}

	@ParameterizedTest
	@ValueSource(strings = { "br", "zstd" })
	void brotliAndZstdRequestsAreReadAndResponsesCompressedAlike(String encoding) throws IOException {
		StringValue request = StringValue.newBuilder().setValue("v".repeat(5000)).build();
		RawHttpCall response = call("Echo",
				Envelopes.frame(1, CompressionSamples.libraryCompress(encoding, request.toByteArray())),
				"grpc-encoding", encoding, "grpc-accept-encoding", "gzip,br,zstd");
		assertThat(response.headers().get("grpc-encoding")).isEqualTo(encoding);
		Frame frame = Envelopes.parse(response.body()).get(0);
		assertThat(frame.flags()).isEqualTo(1);
		assertThat(StringValue.parseFrom(CompressionSamples.libraryDecompress(encoding, frame.data())))
			.isEqualTo(request);
		assertThat(response.trailers().get("grpc-status")).isEqualTo("0");
	}

	@Test
	void unknownEncodingIsUnimplementedListingOurs() {
		RawHttpCall response = call("Echo", proto(EchoService.string("a")), "grpc-encoding", "snappy");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.headers().get("grpc-status")).isEqualTo("12");
		assertThat(response.headers().get("grpc-accept-encoding")).isEqualTo("gzip,br,zstd");
	}

	@Test
	void compressedFlagWithoutEncodingIsInternal() {
		RawHttpCall response = call("Echo", Envelopes.frame(1, EchoService.string("a").toByteArray()));
		assertThat(status(response)).isEqualTo("13");
	}

	@Test
	void malformedTimeoutIsInvalidArgument() {
		RawHttpCall response = call("Echo", proto(EchoService.string("a")), "grpc-timeout", "1000000000S");
		assertThat(response.headers().get("grpc-status")).isEqualTo("3");
	}

	@Test
	void expiredTimeoutIsDeadlineExceeded() {
		RawHttpCall response = call("Count", proto(EchoService.int32(Integer.MAX_VALUE)), "grpc-timeout", "50m");
		assertThat(status(response)).isEqualTo("4");
	}

	@Test
	void oversizedMessageIsResourceExhausted() {
		byte[] prefix = { 0, 0x7F, 0, 0, 0 };
		RawHttpCall response = call("Echo", prefix);
		assertThat(status(response)).isEqualTo("8");
	}

	@Test
	void unknownCodecIsUnsupportedMediaType() {
		RawHttpCall response = call("Echo", proto(EchoService.string("a")), "content-type", "application/grpc+foo");
		assertThat(response.status()).isEqualTo(415);
	}

	@Test
	void http1IsRejectedWithHttpVersionNotSupported() {
		RawHttpCall response = call(false, "Echo", proto(EchoService.string("a")));
		assertThat(response.status()).isEqualTo(505);
		assertThat(response.headers().get("grpc-status")).isEqualTo("12");
		assertThat(GrpcStatus.percentDecode(response.headers().get("grpc-message"))).contains("HTTP/2");
	}

	@Test
	void grpcIsServedOverTlsWithHttp2NegotiatedByAlpn() {
		HttpClient client = HttpClient.create()
			.protocol(HttpProtocol.H2)
			.secure((spec) -> spec.sslContext(Http2SslContextSpec.forClient()
				.configure((builder) -> builder.trustManager(ConnectServerExtension.trustManagerFactory()))));
		RawHttpCall response = RawHttpCall.post(client, tlsServer.baseUrl() + "/test.v1.EchoService/Count",
				proto(EchoService.int32(2)), Map.of("content-type", "application/grpc+proto", "te", "trailers"));
		assertThat(response.headers().get("content-type")).isEqualTo("application/grpc+proto");
		assertThat(Envelopes.parse(response.body())).hasSize(2);
		assertThat(response.trailers().get("grpc-status")).isEqualTo("0");
	}

	/** Returns the status of a response, trailers-only or not. */
	private static String status(RawHttpCall response) {
		String inHeaders = response.headers().get("grpc-status");
		return (inHeaders != null) ? inHeaders : response.trailers().get("grpc-status");
	}

	private static byte[] gzip(byte[] data) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
			gzip.write(data);
		}
		return out.toByteArray();
	}

	private static byte[] gunzip(byte[] data) throws IOException {
		try (GZIPInputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(data))) {
			return in.readAllBytes();
		}
	}

}
