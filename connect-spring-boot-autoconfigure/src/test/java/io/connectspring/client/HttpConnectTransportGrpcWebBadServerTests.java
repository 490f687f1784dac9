package io.connectspring.client;

import io.connectspring.Code;
import io.connectspring.ConnectException;
import io.connectspring.fixtures.EchoService;
import io.connectspring.fixtures.Envelopes;
import io.connectspring.fixtures.ScriptedHttpServer;

import java.io.IOException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import com.google.protobuf.StringValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import static io.connectspring.client.HttpConnectTransportGrpcBadServerTests.bytes;
import static io.connectspring.client.HttpConnectTransportGrpcBadServerTests.concat;
import static io.connectspring.client.HttpConnectTransportGrpcBadServerTests.gzip;
import static io.connectspring.fixtures.EchoService.string;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a gRPC-Web caller gets from a server that breaks the protocol, over HTTP/1.1: always a ConnectException with
 * the code connect-go gives; and what it reads from a well-behaved one (trailers frame, trailers-only responses).
 */
class HttpConnectTransportGrpcWebBadServerTests {

	private static final String WEB_PROTO = "Content-Type: application/grpc-web+proto";

	private static final byte[] MESSAGE = Envelopes.frame(0, string("ok").toByteArray());

	private static byte[] trailers(String block) {
		return Envelopes.frame(0x80, bytes(block));
	}

	private static final byte[] OK = trailers("grpc-status: 0\r\n");

	static Stream<Arguments> responses() throws IOException {
		return Stream.of(
				Arguments.of("no trailers frame", List.of(WEB_PROTO), MESSAGE, Code.INTERNAL),
				Arguments.of("trailers frame without grpc-status", List.of(WEB_PROTO),
						concat(MESSAGE, trailers("x-other: 1\r\n")), Code.UNKNOWN),
				Arguments.of("empty trailers frame", List.of(WEB_PROTO), concat(MESSAGE, trailers("")),
						Code.INTERNAL),
				Arguments.of("trailers line without colon", List.of(WEB_PROTO),
						concat(MESSAGE, trailers("grpc-status 0\r\n")), Code.INTERNAL),
				Arguments.of("trailers name with a space", List.of(WEB_PROTO),
						concat(MESSAGE, trailers("grpc status: 0\r\n")), Code.INTERNAL),
				Arguments.of("control character in a trailer value", List.of(WEB_PROTO),
						concat(MESSAGE, trailers("grpc-status: 0\r\nx: a\u0001b\r\n")), Code.INTERNAL),
				Arguments.of("message after the trailers frame", List.of(WEB_PROTO), concat(MESSAGE, OK, MESSAGE),
						Code.INTERNAL),
				Arguments.of("truncated trailers frame", List.of(WEB_PROTO),
						concat(MESSAGE, new byte[] { (byte) 0x80, 0, 0, 0, 20, 'g' }), Code.INTERNAL),
				Arguments.of("oversized trailers frame", List.of(WEB_PROTO),
						concat(MESSAGE, new byte[] { (byte) 0x80, 0x7F, 0, 0, 0 }), Code.RESOURCE_EXHAUSTED),
				Arguments.of("compressed flag without grpc-encoding", List.of(WEB_PROTO),
						concat(Envelopes.frame(1, new byte[] { 1 }), OK), Code.INTERNAL),
				Arguments.of("compressed trailers frame without grpc-encoding", List.of(WEB_PROTO),
						concat(MESSAGE, Envelopes.frame(0x81, gzip(bytes("grpc-status: 0")))), Code.INTERNAL),
				Arguments.of("unknown flags", List.of(WEB_PROTO),
						concat(MESSAGE, Envelopes.frame(0x40, new byte[0]), OK), Code.INTERNAL),
				Arguments.of("gRPC content type", List.of("Content-Type: application/grpc"), concat(MESSAGE, OK),
						Code.UNKNOWN),
				Arguments.of("another codec", List.of("Content-Type: application/grpc-web+json"),
						concat(MESSAGE, OK), Code.INTERNAL),
				Arguments.of("bad grpc-status-details-bin", List.of(WEB_PROTO),
						concat(MESSAGE, trailers("grpc-status: 3\r\ngrpc-status-details-bin: %%%\r\n")),
						Code.INTERNAL));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("responses")
	void streamCallGetsTheCodeConnectGoGives(String name, List<String> headers, byte[] body, Code code)
			throws IOException {
		try (ScriptedHttpServer server = ScriptedHttpServer.answering("200 OK", headers.toArray(String[]::new), body);
				HttpConnectTransport transport = web(server)) {
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
	void unaryReadsTheMessageAndTheTrailersFrame() throws IOException {
		byte[] gzipped = Envelopes.frame(1, gzip(string("ok").toByteArray()));
		try (ScriptedHttpServer server = ScriptedHttpServer.answering("200 OK",
				new String[] { WEB_PROTO, "grpc-encoding: gzip", "x-header: h" },
				concat(gzipped, trailers("grpc-status: 0\r\nX-Trailer: t1\nx-trailer:t2\r\n")));
				HttpConnectTransport transport = web(server)) {
			ResponseMetadata metadata = new ResponseMetadata();
			StepVerifier
				.create(transport.unary(EchoService.ECHO, string("x"),
						CallOptions.defaults().withResponseMetadata(metadata)))
				.expectNext(string("ok"))
				.verifyComplete();
			assertThat(metadata.headers().getFirst("x-header")).isEqualTo("h");
			assertThat(metadata.trailers().get("x-trailer")).containsExactly("t1", "t2");
		}
	}

	@Test
	void errorInTheTrailersFrameCarriesDetails() throws IOException {
		String details = Base64.getEncoder()
			.encodeToString(HttpConnectTransportGrpcBadServerTests.status(8, "slow down", "d"));
		try (ScriptedHttpServer server = ScriptedHttpServer.answering("200 OK", new String[] { WEB_PROTO },
				concat(MESSAGE, trailers("grpc-status: 8\r\ngrpc-message: slow%20down\r\ngrpc-status-details-bin: "
						+ details + "\r\n")));
				HttpConnectTransport transport = web(server)) {
			StepVerifier.create(transport.serverStream(EchoService.CHAT, string("x"), CallOptions.defaults()))
				.expectNext(string("ok"))
				.expectErrorSatisfies((error) -> {
					ConnectException connect = (ConnectException) error;
					assertThat(connect.code()).isEqualTo(Code.RESOURCE_EXHAUSTED);
					assertThat(connect.rawMessage()).isEqualTo("slow down");
					assertThat(connect.details()).extracting((detail) -> detail.unpack(StringValue.class).orElseThrow())
						.containsExactly(string("d"));
				})
				.verify(Duration.ofSeconds(10));
		}
	}

	@Test
	void trailersOnlyResponseCarriesTheStatusInItsHeaders() throws IOException {
		try (ScriptedHttpServer server = ScriptedHttpServer.answering("200 OK",
				new String[] { WEB_PROTO, "grpc-status: 16", "grpc-message: who%20are%20you" }, new byte[0]);
				HttpConnectTransport transport = web(server)) {
			StepVerifier.create(transport.unary(EchoService.ECHO, string("x"), CallOptions.defaults()))
				.expectErrorSatisfies((error) -> {
					assertThat(((ConnectException) error).code()).isEqualTo(Code.UNAUTHENTICATED);
					assertThat(((ConnectException) error).rawMessage()).isEqualTo("who are you");
				})
				.verify(Duration.ofSeconds(10));
		}
	}

	@Test
	void non200StatusIsMappedLikeGrpc() throws IOException {
		try (ScriptedHttpServer server = ScriptedHttpServer.answering("429 Too Many Requests",
				new String[] { "Content-Type: text/plain" }, bytes("slow down"));
				HttpConnectTransport transport = web(server)) {
			StepVerifier.create(transport.unary(EchoService.ECHO, string("x"), CallOptions.defaults()))
				.expectErrorSatisfies(
						(error) -> assertThat(((ConnectException) error).code()).isEqualTo(Code.UNAVAILABLE))
				.verify(Duration.ofSeconds(10));
		}
	}

	private static HttpConnectTransport web(ScriptedHttpServer server) {
		return HttpConnectTransport.builder(server.baseUrl()).protocol(WireProtocol.GRPC_WEB).build();
	}

}
