package io.connectspring.internal.server;

import io.connectspring.fixtures.EchoService;
import io.connectspring.fixtures.Envelopes.Frame;
import io.connectspring.fixtures.Envelopes;
import io.connectspring.internal.wire.CompressionSamples;
import io.connectspring.server.ConnectRouterFunctionBuilder;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPInputStream;

import org.assertj.core.api.AbstractStringAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectStreamingServerProtocolTests {

	/** The gRPC and gRPC-Web content types every procedure also accepts, as connect-go lists them in Accept-Post. */
	private static final String GRPC_CONTENT_TYPES = "application/grpc, application/grpc+proto, application/grpc+json, "
			+ "application/grpc-web, application/grpc-web+proto, application/grpc-web+json, application/grpc-web-text";

	private final WebTestClient client = client(new ConnectRouterFunctionBuilder());

	private static WebTestClient client(ConnectRouterFunctionBuilder builder) {
		return WebTestClient.bindToRouterFunction(builder.service("echo", new EchoService()).build()).build();
	}

	private List<Frame> call(WebTestClient client, String procedure, String contentType, byte[] body,
			String... headers) {
		WebTestClient.RequestBodySpec request = client.post()
			.uri("/test.v1.EchoService/" + procedure)
			.header("Content-Type", contentType);
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		byte[] response = request.bodyValue(body)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("Content-Type", contentType)
			.expectBody(byte[].class)
			.returnResult()
			.getResponseBody();
		return Envelopes.parse((response != null) ? response : new byte[0]);
	}

	private List<Frame> callJson(String procedure, String... messages) {
		return call(this.client, procedure, "application/connect+json", Envelopes.json(messages));
	}

	@Test
	void serverStreamSendsEachMessageThenEndStreamWithTrailers() {
		List<Frame> frames = callJson("Count", "3");
		assertThat(frames).extracting(Frame::flags).containsExactly(0, 0, 0, 2);
		assertThat(frames).extracting(Frame::text)
			.containsExactly("\"1\"", "\"2\"", "\"3\"", "{\"metadata\":{\"x-trailer\":[\"t\"]}}");
	}

	@Test
	void clientStreamReadsAllRequests() {
		List<Frame> frames = callJson("Sum", "1", "2", "39");
		assertThat(frames).extracting(Frame::text).containsExactly("42", "{}");
	}

	@Test
	void clientStreamWithNoRequestsStillAnswers() {
		List<Frame> frames = callJson("Sum");
		assertThat(frames).extracting(Frame::text).containsExactly("0", "{}");
	}

	@Test
	void bidiStreamAnswersEachRequest() {
		List<Frame> frames = callJson("Chat", "\"a\"", "\"b\"");
		assertThat(frames).extracting(Frame::text).containsExactly("\"you said a\"", "\"you said b\"", "{}");
	}

	@Test
	void protoCodecFramesBinaryMessages() {
		List<Frame> frames = call(this.client, "Count", "application/connect+proto",
				Envelopes.frame(0, EchoService.int32(1).toByteArray()));
		assertThat(frames).hasSize(2);
		assertThat(frames.get(0).data()).isEqualTo(EchoService.string("1").toByteArray());
		assertThat(frames.get(1).flags()).isEqualTo(2);
	}

	@Test
	void errorMidStreamEndsTheStreamWithErrorAndMetadata() {
		List<Frame> frames = callJson("Count", "-1");
		assertThat(frames).extracting(Frame::text)
			.containsExactly("\"1\"", "{\"error\":{\"code\":\"out_of_range\",\"message\":\"negative\"},"
					+ "\"metadata\":{\"x-trailer\":[\"t\"],\"x-error-meta\":[\"m\"]}}");
	}

	@Test
	void serverStreamWithoutRequestIsUnimplemented() {
		assertThatTheOnlyFrameText(callJson("Count"))
			.contains("\"code\":\"unimplemented\"")
			.contains("no messages");
	}

	@Test
	void serverStreamWithTwoRequestsIsUnimplemented() {
		assertThatTheOnlyFrameText(callJson("Count", "1", "2"))
			.contains("\"code\":\"unimplemented\"")
			.contains("multiple messages");
	}

	@Test
	void lengthPrefixClaimingFourGigabytesIsResourceExhaustedWithoutAllocating() {
		byte[] lying = { 0, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 1, 2, 3 };
		assertThatTheOnlyFrameText(call(this.client, "Sum", "application/connect+json", lying))
			.contains("\"code\":\"resource_exhausted\"")
			.contains("4294967295");
	}

	@Test
	void truncatedEnvelopeIsInvalidArgument() {
		byte[] truncated = { 0, 0, 0, 0, 10, '1' };
		assertThatTheOnlyFrameText(call(this.client, "Sum", "application/connect+json", truncated))
			.contains("\"code\":\"invalid_argument\"")
			.contains("promised 10 bytes");
	}

	@Test
	void truncatedPrefixIsInvalidArgument() {
		byte[] truncated = { 0, 0 };
		assertThatTheOnlyFrameText(call(this.client, "Sum", "application/connect+json", truncated))
			.contains("\"code\":\"invalid_argument\"")
			.contains("incomplete envelope");
	}

	@Test
	void endStreamFlagInARequestIsInvalidArgument() {
		byte[] body = Envelopes.frame(2, "1".getBytes(StandardCharsets.UTF_8));
		assertThatTheOnlyFrameText(call(this.client, "Sum", "application/connect+json", body))
			.contains("\"code\":\"invalid_argument\"");
	}

	@Test
	void compressedFlagWithoutCompressionIsInternal() {
		byte[] body = Envelopes.frame(1, "1".getBytes(StandardCharsets.UTF_8));
		assertThatTheOnlyFrameText(call(this.client, "Sum", "application/connect+json", body))
			.contains("\"code\":\"internal\"");
	}

	@Test
	void malformedMessageIsInvalidArgument() {
		assertThatTheOnlyFrameText(callJson("Sum", "{oops"))
			.contains("\"code\":\"invalid_argument\"");
	}

	@Test
	void perMessageGzipBothWays() throws Exception {
		String big = "\"" + "z".repeat(4000) + "\"";
		byte[] body = Envelopes.frame(1, ConnectUnaryServerProtocolTests.gzip(big.getBytes(StandardCharsets.UTF_8)));
		byte[] response = this.client.post()
			.uri("/test.v1.EchoService/Chat")
			.header("Content-Type", "application/connect+json")
			.header("Connect-Content-Encoding", "gzip")
			.header("Connect-Accept-Encoding", "gzip")
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("Connect-Content-Encoding", "gzip")
			.expectBody(byte[].class)
			.returnResult()
			.getResponseBody();
		List<Frame> frames = Envelopes.parse(response);
		assertThat(frames.get(0).flags()).isEqualTo(1);
		String answer = new String(new GZIPInputStream(new java.io.ByteArrayInputStream(frames.get(0).data()))
			.readAllBytes(), StandardCharsets.UTF_8);
		assertThat(answer).isEqualTo("\"you said " + "z".repeat(4000) + "\"");
		assertThat(frames.get(1).flags()).isEqualTo(2);
	}

	@ParameterizedTest
	@ValueSource(strings = { "br", "zstd" })
	void perMessageBrotliAndZstdBothWays(String encoding) throws Exception {
		String big = "\"" + "z".repeat(4000) + "\"";
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		body.writeBytes(
				Envelopes.frame(1, CompressionSamples.libraryCompress(encoding, big.getBytes(StandardCharsets.UTF_8))));
		body.writeBytes(Envelopes.json("\"small\""));
		byte[] response = this.client.post()
			.uri("/test.v1.EchoService/Chat")
			.header("Content-Type", "application/connect+json")
			.header("Connect-Content-Encoding", encoding)
			.header("Connect-Accept-Encoding", "gzip, br, zstd")
			.bodyValue(body.toByteArray())
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("Connect-Content-Encoding", encoding)
			.expectBody(byte[].class)
			.returnResult()
			.getResponseBody();
		List<Frame> frames = Envelopes.parse(response);
		assertThat(frames).extracting(Frame::flags).containsExactly(1, 0, 2);
		assertThat(new String(CompressionSamples.libraryDecompress(encoding, frames.get(0).data()),
				StandardCharsets.UTF_8))
			.isEqualTo("\"you said " + "z".repeat(4000) + "\"");
		assertThat(frames.get(1).text()).isEqualTo("\"you said small\"");
	}

	@Test
	void unknownStreamCompressionIsUnimplementedInTheEndStream() {
		assertThatTheOnlyFrameText(call(this.client, "Sum", "application/connect+json", Envelopes.json("1"),
				"Connect-Content-Encoding", "lz4"))
			.contains("\"code\":\"unimplemented\"")
			.contains("supported encodings are gzip,br,zstd\"");
	}

	@Test
	void expiredDeadlineEndsTheStreamWithDeadlineExceeded() {
		assertThatTheLastFrameText(call(this.client, "Count", "application/connect+json",
				Envelopes.json(String.valueOf(Integer.MAX_VALUE)), "Connect-Timeout-Ms", "50"))
			.contains("\"code\":\"deadline_exceeded\"");
	}

	@Test
	void messageOverTheLimitIsResourceExhausted() {
		assertThatTheOnlyFrameText(call(client(new ConnectRouterFunctionBuilder().maxRequestMessageSize(4)), "Sum",
				"application/connect+json", Envelopes.json("123456789")))
			.contains("\"code\":\"resource_exhausted\"");
	}

	@Test
	void responseOverTheLimitIsResourceExhausted() {
		assertThatTheOnlyFrameText(call(client(new ConnectRouterFunctionBuilder().maxResponseMessageSize(3)), "Chat",
				"application/connect+json", Envelopes.json("\"long message\"")))
			.contains("\"code\":\"resource_exhausted\"");
	}

	@Test
	void unaryContentTypeOnStreamingProcedureIsUnsupportedMediaTypeWithAcceptPost() {
		this.client.post()
			.uri("/test.v1.EchoService/Sum")
			.header("Content-Type", "application/json")
			.bodyValue("1")
			.exchange()
			.expectStatus()
			.isEqualTo(415)
			.expectHeader()
			.valueEquals("Accept-Post", "application/connect+proto, application/connect+json, " + GRPC_CONTENT_TYPES);
	}

	/** Asserts that the response is one frame (an end of stream with an error, here) and returns its text to check. */
	private static AbstractStringAssert<?> assertThatTheOnlyFrameText(List<Frame> frames) {
		return assertThat(frames).singleElement().extracting(Frame::text).asString();
	}

	/** Returns the text of the response's last frame, its end of stream, to check. */
	private static AbstractStringAssert<?> assertThatTheLastFrameText(List<Frame> frames) {
		return assertThat(frames).last().extracting(Frame::text).asString();
	}

}
