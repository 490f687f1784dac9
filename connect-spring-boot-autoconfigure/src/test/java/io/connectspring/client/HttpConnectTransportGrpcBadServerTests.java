package io.connectspring.client;

import io.connectspring.Code;
import io.connectspring.ConnectException;
import io.connectspring.fixtures.EchoService;
import io.connectspring.fixtures.Envelopes;
import io.connectspring.fixtures.ScriptedH2cServer;
import io.connectspring.internal.wire.GrpcTimeout;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import com.google.protobuf.Any;
import com.google.protobuf.StringValue;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import static io.connectspring.fixtures.EchoService.string;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a gRPC caller gets from a server that breaks the protocol, over h2c: always a ConnectException with the code
 * connect-go gives, never a Netty exception; and what it gets from a well-behaved one in the corner cases
 * (trailers-only responses, status details, percent-encoded messages).
 */
class HttpConnectTransportGrpcBadServerTests {

	private static final Map<String, String> GRPC = Map.of("content-type", "application/grpc");

	private static final Map<String, String> OK = Map.of("grpc-status", "0");

	private static final byte[] MESSAGE = Envelopes.frame(0, string("ok").toByteArray());

	static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	static byte[] gzip(byte[] data) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
			gzip.write(data);
		}
		return out.toByteArray();
	}

	static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

	private static Map<String, String> with(Map<String, String> base, String name, String value) {
		Map<String, String> result = new LinkedHashMap<>(base);
		result.put(name, value);
		return result;
	}

	static Stream<Arguments> responses() throws IOException {
		byte[] bomb = Envelopes.frame(1, gzip(new byte[8 * 1024 * 1024]));
		return Stream.of(
				Arguments.of("no trailers at all", 200, GRPC, MESSAGE, null, Code.INTERNAL),
				Arguments.of("trailers without grpc-status", 200, GRPC, MESSAGE, Map.of("x-other", "1"),
						Code.UNKNOWN),
				Arguments.of("malformed grpc-status", 200, GRPC, MESSAGE, Map.of("grpc-status", "seven"),
						Code.UNKNOWN),
				Arguments.of("grpc-status-details-bin not base64", 200, GRPC, MESSAGE,
						Map.of("grpc-status", "3", "grpc-status-details-bin", "!!not base64!!"), Code.INTERNAL),
				Arguments.of("grpc-status-details-bin not a google.rpc.Status", 200, GRPC, MESSAGE,
						Map.of("grpc-status", "3", "grpc-status-details-bin",
								Base64.getEncoder().encodeToString(new byte[] { (byte) 0xFF, (byte) 0xFF })),
						Code.INTERNAL),
				Arguments.of("html page with 200", 200, Map.of("content-type", "text/html"), bytes("<html/>"), OK,
						Code.UNKNOWN),
				Arguments.of("another codec", 200, Map.of("content-type", "application/grpc+json"), MESSAGE, OK,
						Code.INTERNAL),
				Arguments.of("unknown grpc-encoding", 200, with(GRPC, "grpc-encoding", "snappy"), MESSAGE, OK,
						Code.INTERNAL),
				Arguments.of("compressed flag without grpc-encoding", 200, GRPC,
						concat(MESSAGE, Envelopes.frame(1, new byte[] { 1 })), OK, Code.INTERNAL),
				Arguments.of("corrupt gzip", 200, with(GRPC, "grpc-encoding", "gzip"),
						Envelopes.frame(1, bytes("not gzip")), OK, Code.INTERNAL),
				Arguments.of("compression bomb", 200, with(GRPC, "grpc-encoding", "gzip"), concat(MESSAGE, bomb), OK,
						Code.RESOURCE_EXHAUSTED),
				Arguments.of("oversized message", 200, GRPC, concat(MESSAGE, new byte[] { 0, 0x7F, 0, 0, 0 }), OK,
						Code.RESOURCE_EXHAUSTED),
				Arguments.of("truncated envelope", 200, GRPC, concat(MESSAGE, new byte[] { 0, 0, 0, 0, 10, 1, 2 }),
						OK, Code.INTERNAL),
				Arguments.of("gRPC-Web trailers frame in gRPC", 200, GRPC,
						concat(MESSAGE, Envelopes.frame(0x80, bytes("grpc-status: 0"))), OK, Code.INTERNAL),
				Arguments.of("invalid message", 200, GRPC, Envelopes.frame(0, new byte[] { (byte) 0xFF }), OK,
						Code.INTERNAL),
				Arguments.of("grpc-status header beside a body and no trailers", 200, with(GRPC, "grpc-status", "9"),
						MESSAGE, null, Code.INTERNAL),
				Arguments.of("grpc-status header beside trailers", 200, with(GRPC, "grpc-status", "8"), new byte[0],
						Map.of("grpc-status", "9"), Code.FAILED_PRECONDITION),
				Arguments.of("503 from a proxy", 503, Map.of("content-type", "text/html"), bytes("<html/>"), null,
						Code.UNAVAILABLE),
				Arguments.of("404 from a proxy", 404, Map.of(), new byte[0], null, Code.UNIMPLEMENTED),
				Arguments.of("401 from a proxy", 401, Map.of(), new byte[0], null, Code.UNAUTHENTICATED));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("responses")
	void streamCallGetsTheCodeConnectGoGives(String name, int status, Map<String, String> headers, byte[] body,
			@Nullable Map<String, String> trailers, Code code) {
		try (ScriptedH2cServer server = ScriptedH2cServer.answering(status, headers, body, trailers);
				HttpConnectTransport transport = grpc(server)) {
			StepVerifier
				.create(transport.bidiStream(EchoService.CHAT, Flux.just(string("x")), CallOptions.defaults())
					.filter((response) -> false))
				.expectErrorSatisfies((error) -> {
					assertThat(error).isInstanceOf(ConnectException.class);
					assertThat(((ConnectException) error).code()).as(error.toString()).isEqualTo(code);
				})
				.verify(Duration.ofSeconds(10));
		}
	}

	@Test
	void unaryWithoutAResponseMessageIsUnimplemented() {
		assertUnaryFails(ScriptedH2cServer.answering(200, with(GRPC, "grpc-status", "0"), new byte[0], null),
				Code.UNIMPLEMENTED);
		assertUnaryFails(ScriptedH2cServer.answering(200, GRPC, new byte[0], OK), Code.UNIMPLEMENTED);
	}

	@Test
	void unaryWithTwoResponseMessagesIsUnimplemented() {
		assertUnaryFails(ScriptedH2cServer.answering(200, GRPC, concat(MESSAGE, MESSAGE), OK), Code.UNIMPLEMENTED);
	}

	@Test
	void unaryReadsTheMessageAndTheTrailers() {
		try (ScriptedH2cServer server = ScriptedH2cServer.answering(200, with(GRPC, "x-header", "h"), MESSAGE,
				Map.of("grpc-status", "0", "x-trailer", "t"));
				HttpConnectTransport transport = grpc(server)) {
			ResponseMetadata metadata = new ResponseMetadata();
			StepVerifier
				.create(transport.unary(EchoService.ECHO, string("x"),
						CallOptions.defaults().withResponseMetadata(metadata)))
				.expectNext(string("ok"))
				.verifyComplete();
			assertThat(metadata.headers().getFirst("x-header")).isEqualTo("h");
			assertThat(metadata.trailers().getFirst("x-trailer")).isEqualTo("t");
		}
	}

	@Test
	void requestCarriesTheGrpcHeadersAndTheApplicationsOwn() {
		try (ScriptedH2cServer server = ScriptedH2cServer.answering(200, GRPC, MESSAGE, OK);
				HttpConnectTransport transport = HttpConnectTransport.builder(server.baseUrl())
					.protocol(WireProtocol.GRPC)
					.codec("json")
					.sendCompression("gzip")
					.header("x-app", "a")
					.header("grpc-status", "not yours")
					.build()) {
			StepVerifier
				.create(transport.unary(EchoService.ECHO, string("x"),
						CallOptions.defaults().withTimeout(Duration.ofSeconds(20))))
				.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(ConnectException.class))
				.verify(Duration.ofSeconds(10));
			io.netty.handler.codec.http.HttpHeaders headers = server.requestHeaders().get(0);
			assertThat(headers.get("content-type")).isEqualTo("application/grpc+json");
			assertThat(headers.get("te")).isEqualTo("trailers");
			assertThat(headers.get("grpc-encoding")).isEqualTo("gzip");
			assertThat(headers.get("grpc-accept-encoding")).isEqualTo("gzip,br,zstd");
			assertThat(headers.get("user-agent")).startsWith("connect-spring");
			assertThat(headers.get("x-app")).isEqualTo("a");
			assertThat(headers.contains("grpc-status")).isFalse();
			// 20 seconds less the time to send, in the shortest exact unit.
			assertThat(headers.get("grpc-timeout")).matches("\\d{1,8}[num]");
			assertThat(GrpcTimeout.parse(headers.get("grpc-timeout")).toMillis()).isBetween(15_000L, 20_000L);
		}
	}

	@Test
	void trailersOnlyErrorCarriesCodeDecodedMessageDetailsAndMetadata() {
		String details = Base64.getEncoder().withoutPadding().encodeToString(status(9, "from details", "d"));
		Map<String, String> headers = Map.of("content-type", "application/grpc", "grpc-status", "9",
				"grpc-message", "100%25 sure %E2%9C%93", "grpc-status-details-bin", details, "x-meta", "m");
		try (ScriptedH2cServer server = ScriptedH2cServer.answering(200, headers, new byte[0], null);
				HttpConnectTransport transport = grpc(server)) {
			ResponseMetadata metadata = new ResponseMetadata();
			StepVerifier
				.create(transport.serverStream(EchoService.CHAT, string("x"),
						CallOptions.defaults().withResponseMetadata(metadata)))
				.expectErrorSatisfies((error) -> {
					ConnectException connect = (ConnectException) error;
					assertThat(connect.code()).isEqualTo(Code.FAILED_PRECONDITION);
					// The details' google.rpc.Status wins over grpc-message, as in connect-go and grpc-go.
					assertThat(connect.rawMessage()).isEqualTo("from details");
					assertThat(connect.details()).extracting((detail) -> detail.unpack(StringValue.class).orElseThrow())
						.containsExactly(string("d"));
					assertThat(connect.metadata().getFirst("x-meta")).isEqualTo("m");
				})
				.verify(Duration.ofSeconds(10));
			assertThat(metadata.trailers().getFirst("x-meta")).isEqualTo("m");
		}
	}

	@Test
	void percentEncodedMessageIsDecoded() {
		try (ScriptedH2cServer server = ScriptedH2cServer.answering(200, GRPC, MESSAGE,
				Map.of("grpc-status", "5", "grpc-message", "caf%C3%A9 %25 not found"));
				HttpConnectTransport transport = grpc(server)) {
			StepVerifier.create(transport.serverStream(EchoService.CHAT, string("x"), CallOptions.defaults()))
				.expectNext(string("ok"))
				.expectErrorSatisfies((error) -> {
					assertThat(((ConnectException) error).code()).isEqualTo(Code.NOT_FOUND);
					assertThat(((ConnectException) error).rawMessage()).isEqualTo("café % not found");
				})
				.verify(Duration.ofSeconds(10));
		}
	}

	private static void assertUnaryFails(ScriptedH2cServer scripted, Code code) {
		try (ScriptedH2cServer server = scripted; HttpConnectTransport transport = grpc(server)) {
			StepVerifier.create(transport.unary(EchoService.ECHO, string("x"), CallOptions.defaults()))
				.expectErrorSatisfies((error) -> assertThat(((ConnectException) error).code()).as(error.toString())
					.isEqualTo(code))
				.verify(Duration.ofSeconds(10));
		}
	}

	/** A gRPC transport with the default HTTP version, which for gRPC and an http URL is h2c. */
	private static HttpConnectTransport grpc(ScriptedH2cServer server) {
		return HttpConnectTransport.builder(server.baseUrl()).protocol(WireProtocol.GRPC).build();
	}

	/** A google.rpc.Status with one StringValue detail, in the Protobuf wire format. */
	static byte[] status(int code, String message, String detail) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(0x08);
		out.write(code);
		byte[] text = bytes(message);
		out.write(0x12);
		out.write(text.length);
		out.writeBytes(text);
		byte[] any = Any.pack(string(detail)).toByteArray();
		out.write(0x1A);
		out.write(any.length);
		out.writeBytes(any);
		return out.toByteArray();
	}

}
