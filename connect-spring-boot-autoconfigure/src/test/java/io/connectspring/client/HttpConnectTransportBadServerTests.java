package io.connectspring.client;

import io.connectspring.Code;
import io.connectspring.ConnectException;
import io.connectspring.fixtures.EchoService;
import io.connectspring.fixtures.Envelopes;
import io.connectspring.fixtures.ScriptedHttpServer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import com.google.protobuf.StringValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import static io.connectspring.fixtures.EchoService.string;
import static org.assertj.core.api.Assertions.assertThat;

/** What a caller gets from a server that breaks the protocol: always a ConnectException with the spec's code. */
class HttpConnectTransportBadServerTests {

	private static final String PROTO = "Content-Type: application/proto";

	private static final String STREAM_PROTO = "Content-Type: application/connect+proto";

	private static final String HTML = "Content-Type: text/html";

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] gzip(byte[] data) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
			gzip.write(data);
		}
		return out.toByteArray();
	}

	private static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

	static Stream<Arguments> unaryResponses() throws IOException {
		byte[] bomb = gzip(new byte[8 * 1024 * 1024]);
		return Stream.of(
				Arguments.of("html page with 200", "200 OK", List.of(HTML), bytes("<html>hi</html>"), Code.UNKNOWN),
				Arguments.of("another codec", "200 OK", List.of("Content-Type: application/json"), bytes("\"x\""),
						Code.INTERNAL),
				Arguments.of("invalid binary message", "200 OK", List.of(PROTO), new byte[] { (byte) 0xFF, 1, 2 },
						Code.INTERNAL),
				Arguments.of("unknown content encoding", "200 OK", List.of(PROTO, "Content-Encoding: snappy"),
						new byte[0], Code.INTERNAL),
				Arguments.of("corrupt gzip", "200 OK", List.of(PROTO, "Content-Encoding: gzip"), bytes("not gzip"),
						Code.INTERNAL),
				Arguments.of("compression bomb", "200 OK", List.of(PROTO, "Content-Encoding: gzip"), bomb,
						Code.RESOURCE_EXHAUSTED),
				Arguments.of("oversized message", "200 OK", List.of(PROTO), new byte[5 * 1024 * 1024],
						Code.RESOURCE_EXHAUSTED),
				Arguments.of("502 html page", "502 Bad Gateway", List.of(HTML), bytes("<html>proxy</html>"),
						Code.UNAVAILABLE),
				Arguments.of("404 html page", "404 Not Found", List.of(HTML), bytes("<html>nope</html>"),
						Code.UNIMPLEMENTED),
				Arguments.of("400 plain text", "400 Bad Request", List.of("Content-Type: text/plain"), bytes("bad"),
						Code.INTERNAL),
				Arguments.of("401 without body", "401 Unauthorized", List.of(), new byte[0], Code.UNAUTHENTICATED),
				Arguments.of("403 without body", "403 Forbidden", List.of(), new byte[0], Code.PERMISSION_DENIED),
				Arguments.of("429 without body", "429 Too Many Requests", List.of(), new byte[0], Code.UNAVAILABLE),
				Arguments.of("500 html page", "500 Internal Server Error", List.of(HTML), bytes("<html/>"),
						Code.UNKNOWN),
				Arguments.of("503 with broken error JSON", "503 Service Unavailable",
						List.of("Content-Type: application/json"), bytes("{\"code\":"), Code.UNAVAILABLE),
				Arguments.of("error JSON without code", "429 Too Many Requests",
						List.of("Content-Type: application/json"), bytes("{\"message\":\"slow down\"}"),
						Code.UNAVAILABLE),
				Arguments.of("error JSON with unknown code", "500 Internal Server Error",
						List.of("Content-Type: application/json"), bytes("{\"code\":\"weird\"}"), Code.UNKNOWN),
				Arguments.of("error JSON with unknown code takes the HTTP status's", "429 Too Many Requests",
						List.of("Content-Type: application/json"), bytes("{\"code\":\"weird\"}"), Code.UNAVAILABLE));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("unaryResponses")
	void unaryCallGetsTheCodeTheSpecNames(String name, String status, List<String> headers, byte[] body, Code code)
			throws IOException {
		try (ScriptedHttpServer server = ScriptedHttpServer.answering(status, headers.toArray(String[]::new), body);
				HttpConnectTransport transport = HttpConnectTransport.builder(server.baseUrl()).build()) {
			StepVerifier.create(transport.unary(EchoService.POST_ONLY, string("x"), CallOptions.defaults()))
				.expectErrorSatisfies((error) -> {
					assertThat(error).isInstanceOf(ConnectException.class);
					assertThat(((ConnectException) error).code()).as(error.toString()).isEqualTo(code);
				})
				.verify(Duration.ofSeconds(10));
		}
	}

	@Test
	void timeoutClosesTheConnectionOfAServerThatNeverAnswers() throws Exception {
		try (ScriptedHttpServer server = ScriptedHttpServer.silent();
				HttpConnectTransport transport = HttpConnectTransport.builder(server.baseUrl())
					.timeout(Duration.ofMillis(200))
					.build()) {
			StepVerifier.create(transport.unary(EchoService.POST_ONLY, string("x"), CallOptions.defaults()))
				.expectErrorSatisfies(
						(error) -> assertThat(((ConnectException) error).code()).isEqualTo(Code.DEADLINE_EXCEEDED))
				.verify(Duration.ofSeconds(10));
			assertThat(server.awaitClientClose(Duration.ofSeconds(5))).isTrue();
		}
	}

	@Test
	void invalidJsonMessageIsInternal() throws IOException {
		try (ScriptedHttpServer server = ScriptedHttpServer.answering("200 OK",
				new String[] { "Content-Type: application/json" }, bytes("{not json"));
				HttpConnectTransport transport = HttpConnectTransport.builder(server.baseUrl()).codec("json").build()) {
			StepVerifier.create(transport.unary(EchoService.POST_ONLY, string("x"), CallOptions.defaults()))
				.expectErrorSatisfies((error) -> assertThat(((ConnectException) error).code()).isEqualTo(Code.INTERNAL))
				.verify(Duration.ofSeconds(10));
		}
	}

	@Test
	void errorJsonDetailsAreDecodedWithOrWithoutPadding() throws IOException {
		String value = Base64.getEncoder().encodeToString(string("d").toByteArray());
		String unpadded = Base64.getEncoder().withoutPadding().encodeToString(string("dd").toByteArray());
		String json = "{\"code\":\"aborted\",\"message\":\"m\",\"details\":[{\"type\":\"google.protobuf.StringValue\","
				+ "\"value\":\"" + value + "\"},{\"type\":\"google.protobuf.StringValue\",\"value\":\"" + unpadded
				+ "\",\"debug\":{\"value\":\"dd\"}}]}";
		try (ScriptedHttpServer server = ScriptedHttpServer.answering("409 Conflict",
				new String[] { "Content-Type: application/json", "x-meta: 1" }, bytes(json));
				HttpConnectTransport transport = HttpConnectTransport.builder(server.baseUrl()).build()) {
			StepVerifier.create(transport.unary(EchoService.POST_ONLY, string("x"), CallOptions.defaults()))
				.expectErrorSatisfies((error) -> {
					ConnectException connect = (ConnectException) error;
					assertThat(connect.code()).isEqualTo(Code.ABORTED);
					assertThat(connect.rawMessage()).isEqualTo("m");
					assertThat(connect.details()).extracting((detail) -> detail.unpack(StringValue.class).orElseThrow())
						.containsExactly(string("d"), string("dd"));
					assertThat(connect.metadata().getFirst("x-meta")).isEqualTo("1");
				})
				.verify(Duration.ofSeconds(10));
		}
	}

	static Stream<Arguments> streamResponses() throws IOException {
		byte[] message = Envelopes.frame(0, string("ok").toByteArray());
		byte[] end = Envelopes.frame(Envelope.END, bytes("{}"));
		byte[] bomb = Envelopes.frame(1, gzip(new byte[8 * 1024 * 1024]));
		return Stream.of(
				Arguments.of("wrong content type", "200 OK", List.of(HTML), concat(message, end), Code.UNKNOWN),
				Arguments.of("unary content type", "200 OK", List.of(PROTO), concat(message, end), Code.UNKNOWN),
				Arguments.of("another codec", "200 OK", List.of("Content-Type: application/connect+json"),
						concat(message, end), Code.INTERNAL),
				Arguments.of("truncated envelope", "200 OK", List.of(STREAM_PROTO),
						concat(message, new byte[] { 0, 0, 0, 0, 10, 1, 2 }), Code.INTERNAL),
				Arguments.of("truncated prefix", "200 OK", List.of(STREAM_PROTO), concat(message, new byte[] { 0, 0 }),
						Code.INTERNAL),
				Arguments.of("missing end of stream", "200 OK", List.of(STREAM_PROTO), message, Code.INTERNAL),
				Arguments.of("message after end of stream", "200 OK", List.of(STREAM_PROTO),
						concat(message, end, message), Code.INTERNAL),
				Arguments.of("partial bytes after end of stream", "200 OK", List.of(STREAM_PROTO),
						concat(message, end, new byte[] { 0, 0 }), Code.INTERNAL),
				Arguments.of("invalid end of stream JSON", "200 OK", List.of(STREAM_PROTO),
						concat(message, Envelopes.frame(Envelope.END, bytes("{oops"))), Code.INTERNAL),
				Arguments.of("unknown flags", "200 OK", List.of(STREAM_PROTO),
						concat(message, Envelopes.frame(0x80, new byte[0]), end), Code.INTERNAL),
				Arguments.of("invalid message", "200 OK", List.of(STREAM_PROTO),
						concat(message, Envelopes.frame(0, new byte[] { (byte) 0xFF }), end), Code.INTERNAL),
				Arguments.of("compressed message without compression", "200 OK", List.of(STREAM_PROTO),
						concat(message, Envelopes.frame(1, new byte[] { 1 }), end), Code.INTERNAL),
				Arguments.of("compression bomb", "200 OK", List.of(STREAM_PROTO, "Connect-Content-Encoding: gzip"),
						concat(message, bomb, end), Code.RESOURCE_EXHAUSTED),
				Arguments.of("oversized message", "200 OK", List.of(STREAM_PROTO),
						concat(message, new byte[] { 0, 0x7F, 0, 0, 0 }), Code.RESOURCE_EXHAUSTED),
				Arguments.of("error in end of stream", "200 OK", List.of(STREAM_PROTO),
						concat(message,
								Envelopes.frame(Envelope.END, bytes("{\"error\":{\"code\":\"data_loss\"}}"))),
						Code.DATA_LOSS),
				Arguments.of("503 html page", "503 Service Unavailable", List.of(HTML), bytes("<html/>"),
						Code.UNAVAILABLE),
				Arguments.of("404 with Connect error JSON", "404 Not Found",
						List.of("Content-Type: application/json"), bytes("{\"code\":\"not_found\"}"),
						Code.UNIMPLEMENTED));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("streamResponses")
	void streamCallGetsTheCodeTheSpecNames(String name, String status, List<String> headers, byte[] body, Code code)
			throws IOException {
		try (ScriptedHttpServer server = ScriptedHttpServer.answering(status, headers.toArray(String[]::new), body);
				HttpConnectTransport transport = HttpConnectTransport.builder(server.baseUrl()).build()) {
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

	/** Envelope flags as the spec names them. */
	private static final class Envelope {

		static final int END = 0x02;

	}

}
