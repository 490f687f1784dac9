package io.connectspring.internal.server;

import io.connectspring.Code;
import io.connectspring.ConnectException;
import io.connectspring.ConnectInterceptor;
import io.connectspring.fixtures.EchoService;
import io.connectspring.fixtures.Envelopes.Frame;
import io.connectspring.fixtures.Envelopes;
import io.connectspring.internal.wire.GrpcStatus;
import io.connectspring.server.ConnectRouterFunctionBuilder;

import java.io.ByteArrayOutputStream;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link GrpcServerProtocol#grpcWeb() The gRPC-Web protocol}, byte by byte, over {@code WebTestClient} bound to the
 * router (no server).
 */
class GrpcServerProtocolWebTests {

	/** Fails calls that send {@code x-fail: <code>}, before the service runs; reports the protocol in a trailer. */
	private static final ConnectInterceptor FAILING = (call, requests, next) -> {
		call.responseTrailers().add("x-protocol", call.protocol());
		String fail = call.requestHeaders().getFirst("x-fail");
		if (fail != null) {
			return Flux.error(new ConnectException(Code.forProtocolName(fail), "failed: ☺")
				.withDetail(EchoService.string("why")));
		}
		return next.proceed(requests);
	};

	private final WebTestClient client = WebTestClient
		.bindToRouterFunction(new ConnectRouterFunctionBuilder().interceptors(List.of(FAILING))
			.service("echo", new EchoService())
			.build())
		.build();

	private EntityExchangeResult<byte[]> call(String procedure, byte[] body, String... headers) {
		WebTestClient.RequestBodySpec request = this.client.post()
			.uri("/test.v1.EchoService/" + procedure)
			.header("Content-Type", "application/grpc-web+proto");
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return request.bodyValue(body).exchange().expectBody(byte[].class).returnResult();
	}

	private static byte[] proto(com.google.protobuf.Message... messages) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (com.google.protobuf.Message message : messages) {
			out.writeBytes(Envelopes.frame(0, message.toByteArray()));
		}
		return out.toByteArray();
	}

	private static List<Frame> frames(EntityExchangeResult<byte[]> result) {
		byte[] body = result.getResponseBody();
		return Envelopes.parse((body != null) ? body : new byte[0]);
	}

	@Test
	void unaryEndsWithTheTrailersFrame() {
		EntityExchangeResult<byte[]> result = call("Echo", proto(EchoService.string("hi")));
		assertThat(result.getStatus().value()).isEqualTo(200);
		assertThat(result.getResponseHeaders().getFirst("Content-Type")).isEqualTo("application/grpc-web+proto");
		assertThat(result.getResponseHeaders().getFirst("x-echo")).isEqualTo("yes");
		List<Frame> frames = frames(result);
		assertThat(frames).extracting(Frame::flags).containsExactly(0, 0x80);
		assertThat(frames.get(0).data()).isEqualTo(EchoService.string("hi").toByteArray());
		assertThat(frames.get(1).text()).isEqualTo("x-protocol: grpcweb\r\nx-trailer: t\r\ngrpc-status: 0\r\n");
	}

	@Test
	void streamsOfEveryTypeEndWithTheTrailersFrame() {
		assertThat(frames(call("Count", proto(EchoService.int32(2))))).extracting(Frame::flags)
			.containsExactly(0, 0, 0x80);
		assertThat(frames(call("Sum", proto(EchoService.int32(2), EchoService.int32(40))))).extracting(Frame::flags)
			.containsExactly(0, 0x80);
		assertThat(frames(call("Chat", proto(EchoService.string("a"), EchoService.string("b")))))
			.extracting(Frame::flags)
			.containsExactly(0, 0, 0x80);
	}

	@Test
	void errorMidStreamIsInTheTrailersFrame() {
		List<Frame> frames = frames(call("Count", proto(EchoService.int32(-1))));
		assertThat(frames).extracting(Frame::flags).containsExactly(0, 0x80);
		assertThat(frames.get(1).text()).contains("grpc-status: 11\r\n", "grpc-message: negative\r\n",
				"x-error-meta: m\r\n");
	}

	@Test
	void errorBeforeAnyMessageIsTrailersOnly() {
		EntityExchangeResult<byte[]> result = call("Sum", proto(EchoService.int32(1)), "x-fail", "aborted");
		assertThat(result.getStatus().value()).isEqualTo(200);
		assertThat(result.getResponseBody()).isNullOrEmpty();
		assertThat(result.getResponseHeaders().getFirst("grpc-status")).isEqualTo("10");
		assertThat(result.getResponseHeaders().getFirst("grpc-message")).isEqualTo("failed: %E2%98%BA");
		assertThat(result.getResponseHeaders().getFirst("grpc-status-details-bin")).isNotEmpty();
		assertThat(result.getResponseHeaders().getFirst("x-protocol")).isEqualTo("grpcweb");
	}

	@Test
	void errorAfterResponseHeadersWereSetUsesTheTrailersFrame() {
		EntityExchangeResult<byte[]> result = call("Echo", proto(EchoService.string("fail:not_found")));
		assertThat(result.getResponseHeaders().getFirst("x-echo")).isEqualTo("yes");
		assertThat(result.getResponseHeaders().containsHeader("grpc-status")).isFalse();
		assertThat(frames(result)).singleElement().satisfies((frame) -> {
			assertThat(frame.flags()).isEqualTo(0x80);
			assertThat(frame.text()).contains("grpc-status: 5\r\n", "grpc-status-details-bin: ");
		});
	}

	@Test
	void jsonCodecIsServed() {
		EntityExchangeResult<byte[]> result = this.client.post()
			.uri("/test.v1.EchoService/Echo")
			.header("Content-Type", "application/grpc-web+json")
			.bodyValue(Envelopes.json("\"hi\""))
			.exchange()
			.expectBody(byte[].class)
			.returnResult();
		assertThat(frames(result)).extracting(Frame::text).first().isEqualTo("\"hi\"");
	}

	@Test
	void textModeReadsAndWritesBase64() {
		String request = java.util.Base64.getEncoder().encodeToString(proto(EchoService.int32(2)));
		EntityExchangeResult<byte[]> result = this.client.post()
			.uri("/test.v1.EchoService/Count")
			.header("Content-Type", "application/grpc-web-text")
			.bodyValue(request.getBytes(java.nio.charset.StandardCharsets.US_ASCII))
			.exchange()
			.expectBody(byte[].class)
			.returnResult();
		assertThat(result.getResponseHeaders().getFirst("Content-Type")).isEqualTo("application/grpc-web-text");
		// Each frame is its own padded base64 chunk.
		String text = new String(result.getResponseBody(), java.nio.charset.StandardCharsets.US_ASCII);
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		for (int i = 0; i < text.length(); i += 4) {
			body.writeBytes(java.util.Base64.getDecoder().decode(text.substring(i, i + 4)));
		}
		List<Frame> frames = Envelopes.parse(body.toByteArray());
		assertThat(frames).extracting(Frame::flags).containsExactly(0, 0, 0x80);
		assertThat(frames.get(0).data()).isEqualTo(EchoService.string("1").toByteArray());
		assertThat(frames.get(2).text()).contains("grpc-status: 0\r\n");
	}

	@Test
	void unaryWithTwoRequestsIsUnimplemented() {
		EntityExchangeResult<byte[]> result = call("Echo", proto(EchoService.string("a"), EchoService.string("b")));
		assertThat(status(result)).isEqualTo("12");
	}

	@Test
	void badHeadersGetTrailersOnlyErrors() {
		assertThat(call("Echo", proto(EchoService.string("a")), "grpc-encoding", "snappy").getResponseHeaders())
			.satisfies((headers) -> {
				assertThat(headers.getFirst("grpc-status")).isEqualTo("12");
				assertThat(headers.getFirst("grpc-accept-encoding")).isEqualTo("gzip,br,zstd");
			});
		assertThat(call("Echo", proto(EchoService.string("a")), "grpc-timeout", "1x").getResponseHeaders()
			.getFirst("grpc-status")).isEqualTo("3");
	}

	@Test
	void compressedFlagWithoutEncodingIsInternal() {
		assertThat(status(call("Echo", Envelopes.frame(1, EchoService.string("a").toByteArray())))).isEqualTo("13");
	}

	@Test
	void oversizedMessageIsResourceExhausted() {
		WebTestClient small = WebTestClient
			.bindToRouterFunction(new ConnectRouterFunctionBuilder().maxRequestMessageSize(10)
				.service("echo", new EchoService())
				.build())
			.build();
		EntityExchangeResult<byte[]> result = small.post()
			.uri("/test.v1.EchoService/Echo")
			.header("Content-Type", "application/grpc-web")
			.bodyValue(proto(EchoService.string("more than ten bytes")))
			.exchange()
			.expectBody(byte[].class)
			.returnResult();
		assertThat(status(result)).isEqualTo("8");
	}

	@Test
	void unknownCodecAndWrongVerbAreRejectedByHttpStatus() {
		this.client.post()
			.uri("/test.v1.EchoService/Echo")
			.header("Content-Type", "application/grpc-web+foo")
			.bodyValue(new byte[0])
			.exchange()
			.expectStatus()
			.isEqualTo(415);
		this.client.put()
			.uri("/test.v1.EchoService/Count")
			.header("Content-Type", "application/grpc-web")
			.bodyValue(new byte[0])
			.exchange()
			.expectStatus()
			.isEqualTo(405);
	}

	@Test
	void grpcWithoutReactorNettyFailsClearly() {
		EntityExchangeResult<byte[]> result = this.client.post()
			.uri("/test.v1.EchoService/Echo")
			.header("Content-Type", "application/grpc")
			.bodyValue(proto(EchoService.string("a")))
			.exchange()
			.expectBody(byte[].class)
			.returnResult();
		assertThat(result.getResponseHeaders().getFirst("grpc-status")).isEqualTo("13");
		assertThat(GrpcStatus.percentDecode(result.getResponseHeaders().getFirst("grpc-message")))
			.contains("Reactor Netty");
	}

	@Test
	void disabledProtocolsAreUnsupportedMediaTypes() {
		WebTestClient connectOnly = WebTestClient
			.bindToRouterFunction(new ConnectRouterFunctionBuilder().grpc(false)
				.grpcWeb(false)
				.service("echo", new EchoService())
				.build())
			.build();
		for (String contentType : new String[] { "application/grpc", "application/grpc-web" }) {
			connectOnly.post()
				.uri("/test.v1.EchoService/Echo")
				.header("Content-Type", contentType)
				.bodyValue(proto(EchoService.string("a")))
				.exchange()
				.expectStatus()
				.isEqualTo(415);
		}
	}

	/** Returns the status of a trailers-only response, or else of its trailers frame. */
	private static String status(EntityExchangeResult<byte[]> result) {
		String inHeaders = result.getResponseHeaders().getFirst("grpc-status");
		if (inHeaders != null) {
			return inHeaders;
		}
		Frame last = frames(result).get(frames(result).size() - 1);
		assertThat(last.flags()).isEqualTo(0x80);
		for (String line : last.text().split("\r\n")) {
			if (line.startsWith("grpc-status: ")) {
				return line.substring("grpc-status: ".length());
			}
		}
		throw new AssertionError("no grpc-status in " + last.text());
	}

}
