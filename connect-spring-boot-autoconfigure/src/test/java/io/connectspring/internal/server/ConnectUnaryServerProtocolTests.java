package io.connectspring.internal.server;

import io.connectspring.Code;
import io.connectspring.Compression;
import io.connectspring.fixtures.EchoService;
import io.connectspring.internal.wire.BrotliCompression;
import io.connectspring.internal.wire.CompressionSamples;
import io.connectspring.internal.wire.ZstdCompression;
import io.connectspring.server.BindableService;
import io.connectspring.server.ConnectRouterFunctionBuilder;
import io.connectspring.server.ServiceBinding;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectUnaryServerProtocolTests {

	/** The gRPC and gRPC-Web content types every procedure also accepts, as connect-go lists them in Accept-Post. */
	private static final String GRPC_CONTENT_TYPES = "application/grpc, application/grpc+proto, application/grpc+json, "
			+ "application/grpc-web, application/grpc-web+proto, application/grpc-web+json, application/grpc-web-text";

	private final WebTestClient client = client(new ConnectRouterFunctionBuilder());

	private static WebTestClient client(ConnectRouterFunctionBuilder builder) {
		return WebTestClient.bindToRouterFunction(builder.service("echo", new EchoService()).build()).build();
	}

	private WebTestClient.ResponseSpec postJson(String path, String json) {
		return this.client.post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange();
	}

	/** Expects a Connect unary error: the HTTP status and the code in the error JSON. */
	private static void expectError(WebTestClient.ResponseSpec response, int status, String code) {
		response.expectStatus().isEqualTo(status).expectBody().jsonPath("$.code").isEqualTo(code);
	}

	/** Expects a success compressed with {@code encoding} and returns its body decompressed, as text. */
	private static String compressedBody(WebTestClient.ResponseSpec response, String encoding) throws Exception {
		byte[] body = response.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("Content-Encoding", encoding)
			.expectBody(byte[].class)
			.returnResult()
			.getResponseBody();
		return new String(CompressionSamples.libraryDecompress(encoding, body), StandardCharsets.UTF_8);
	}

	@Test
	void jsonRequestGetsJsonResponseWithHeadersAndPrefixedTrailers() {
		postJson("/test.v1.EchoService/Echo", "\"hi\"").expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("Content-Type", "application/json")
			.expectHeader()
			.valueEquals("x-echo", "yes")
			.expectHeader()
			.valueEquals("x-multi", "a", "b")
			.expectHeader()
			.valueEquals("trailer-x-trailer", "t")
			.expectBody(String.class)
			.isEqualTo("\"hi\"");
	}

	@Test
	void protoRequestGetsProtoResponse() {
		byte[] body = this.client.post()
			.uri("/test.v1.EchoService/Echo")
			.header("Content-Type", "application/proto")
			.header("Connect-Protocol-Version", "1")
			.bodyValue(EchoService.string("hi").toByteArray())
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("Content-Type", "application/proto")
			.expectBody(byte[].class)
			.returnResult()
			.getResponseBody();
		assertThat(body).isEqualTo(EchoService.string("hi").toByteArray());
	}

	@Test
	void emptyProtoBodyIsTheDefaultMessage() {
		this.client.post()
			.uri("/test.v1.EchoService/Echo")
			.header("Content-Type", "application/proto")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.isEmpty();
	}

	@Test
	void jsonWithUtf8CharsetIsAccepted() {
		this.client.post()
			.uri("/test.v1.EchoService/Echo")
			.header("Content-Type", "application/json; charset=utf-8")
			.bodyValue("\"é\"".getBytes(StandardCharsets.UTF_8))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.isEqualTo("\"é\"");
	}

	@ParameterizedTest
	@EnumSource(Code.class)
	void errorCodeMapsToTheSpecsHttpStatusWithErrorJson(Code code) {
		int status = switch (code) {
			case CANCELED -> 499;
			case UNKNOWN, INTERNAL, DATA_LOSS -> 500;
			case INVALID_ARGUMENT, FAILED_PRECONDITION, OUT_OF_RANGE -> 400;
			case DEADLINE_EXCEEDED -> 504;
			case NOT_FOUND -> 404;
			case ALREADY_EXISTS, ABORTED -> 409;
			case PERMISSION_DENIED -> 403;
			case RESOURCE_EXHAUSTED -> 429;
			case UNIMPLEMENTED -> 501;
			case UNAVAILABLE -> 503;
			case UNAUTHENTICATED -> 401;
		};
		String detail = Base64.getEncoder().withoutPadding().encodeToString(EchoService.string("detail").toByteArray());
		postJson("/test.v1.EchoService/Echo", "\"fail:" + code.protocolName() + "\"").expectStatus()
			.isEqualTo(status)
			.expectHeader()
			.valueEquals("Content-Type", "application/json")
			.expectHeader()
			.valueEquals("x-error-meta", "m")
			.expectHeader()
			.valueEquals("trailer-x-trailer", "t")
			.expectBody(String.class)
			.isEqualTo("{\"code\":\"" + code.protocolName()
					+ "\",\"message\":\"failed as asked\",\"details\":[{\"type\":"
					+ "\"google.protobuf.StringValue\",\"value\":\"" + detail + "\"}]}");
	}

	@Test
	void unaryImplementationCompletingEmptyIsInternal() {
		BindableService empty = () -> ServiceBinding.builder(EchoService.DESCRIPTOR)
			.unary(EchoService.ECHO, (request, context) -> Mono.empty())
			.unary(EchoService.POST_ONLY, (request, context) -> Mono.just(request))
			.clientStreaming(EchoService.SUM, (requests, context) -> requests.last())
			.serverStreaming(EchoService.COUNT, (request, context) -> Flux.empty())
			.bidiStreaming(EchoService.CHAT, (requests, context) -> requests)
			.build();
		WebTestClient client = WebTestClient.bindToRouterFunction(new ConnectRouterFunctionBuilder()
			.service("empty", empty)
			.build()).build();
		client.post()
			.uri("/test.v1.EchoService/Echo")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("\"hi\"")
			.exchange()
			.expectStatus()
			.isEqualTo(500)
			.expectBody(String.class)
			.isEqualTo("{\"code\":\"internal\",\"message\":\"the implementation of /test.v1.EchoService/Echo"
					+ " completed without a response message\"}");
	}

	@Test
	void exceptionThatIsNotAConnectExceptionIsUnknownAndLeaksNothing() {
		String body = postJson("/test.v1.EchoService/Echo", "\"boom\"").expectStatus()
			.isEqualTo(500)
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(body).startsWith("{\"code\":\"unknown\"")
			.doesNotContain("secret")
			.doesNotContain("IllegalState")
			.doesNotContain("java.");
	}

	@Test
	void malformedJsonIsInvalidArgument() {
		expectError(postJson("/test.v1.EchoService/Echo", "{not json"), 400, "invalid_argument");
	}

	@Test
	void malformedProtoIsInvalidArgument() {
		expectError(this.client.post()
			.uri("/test.v1.EchoService/Echo")
			.header("Content-Type", "application/proto")
			.bodyValue(new byte[] { (byte) 0x0a, (byte) 0xff })
			.exchange(), 400, "invalid_argument");
	}

	@Test
	void wrongProtocolVersionIsInvalidArgument() {
		this.client.post()
			.uri("/test.v1.EchoService/Echo")
			.contentType(MediaType.APPLICATION_JSON)
			.header("Connect-Protocol-Version", "2")
			.bodyValue("\"hi\"")
			.exchange()
			.expectStatus()
			.isEqualTo(400)
			.expectBody()
			.jsonPath("$.message")
			.isEqualTo("Connect-Protocol-Version must be \"1\": got \"2\"");
	}

	@Test
	void missingProtocolVersionIsInvalidArgumentWhenRequired() {
		expectError(client(new ConnectRouterFunctionBuilder().requireProtocolVersion(true)).post()
			.uri("/test.v1.EchoService/Echo")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("\"hi\"")
			.exchange(), 400, "invalid_argument");
	}

	@Test
	void requestOverTheLimitIsResourceExhausted() {
		expectError(client(new ConnectRouterFunctionBuilder().maxRequestMessageSize(10)).post()
			.uri("/test.v1.EchoService/Echo")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("\"" + "x".repeat(100) + "\"")
			.exchange(), 429, "resource_exhausted");
	}

	/** The response takes the request's encoding even where the client lists another first. */
	@ParameterizedTest(name = "{0}, accepting {1}")
	@CsvSource(delimiter = '|', value = { "gzip | br, gzip", "br | gzip, br, zstd", "zstd | gzip, br, zstd" })
	void compressedRequestIsDecompressedAndLargeResponseCompressedAlike(String encoding, String accepted)
			throws Exception {
		String text = "\"" + "y".repeat(5000) + "\"";
		WebTestClient.ResponseSpec response = this.client.post()
			.uri("/test.v1.EchoService/Echo")
			.contentType(MediaType.APPLICATION_JSON)
			.header("Content-Encoding", encoding)
			.header("Accept-Encoding", accepted)
			.bodyValue(CompressionSamples.libraryCompress(encoding, text.getBytes(StandardCharsets.UTF_8)))
			.exchange();
		assertThat(compressedBody(response, encoding)).isEqualTo(text);
	}

	@ParameterizedTest
	@ValueSource(strings = { "br", "zstd" })
	void largeResponseIsCompressedWithTheFirstAcceptedEncodingWeSupport(String encoding) throws Exception {
		String text = "\"" + "w".repeat(5000) + "\"";
		WebTestClient.ResponseSpec response = this.client.post()
			.uri("/test.v1.EchoService/Echo")
			.contentType(MediaType.APPLICATION_JSON)
			.header("Accept-Encoding", "snappy, " + encoding + ", gzip")
			.bodyValue(text)
			.exchange();
		assertThat(compressedBody(response, encoding)).isEqualTo(text);
	}

	@Test
	void smallResponseIsNotCompressed() {
		postJsonWithAcceptGzip().expectHeader()
			.doesNotExist("Content-Encoding")
			.expectBody(String.class)
			.isEqualTo("\"hi\"");
	}

	private WebTestClient.ResponseSpec postJsonWithAcceptGzip() {
		return this.client.post()
			.uri("/test.v1.EchoService/Echo")
			.contentType(MediaType.APPLICATION_JSON)
			.header("Accept-Encoding", "gzip")
			.bodyValue("\"hi\"")
			.exchange();
	}

	@Test
	void unknownCompressionIsUnimplementedListingTheSupportedOnes() {
		this.client.post()
			.uri("/test.v1.EchoService/Echo")
			.contentType(MediaType.APPLICATION_JSON)
			.header("Content-Encoding", "snappy")
			.bodyValue("\"hi\"")
			.exchange()
			.expectStatus()
			.isEqualTo(501)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("unimplemented")
			.jsonPath("$.message")
			.isEqualTo("unknown compression \"snappy\": supported encodings are gzip,br,zstd");
	}

	@Test
	void gzipBombIsResourceExhaustedOncePastTheLimit() throws Exception {
		byte[] bomb = gzip(new byte[50 * 1024 * 1024]);
		assertThat(bomb.length).isLessThan(100 * 1024);
		expectError(postProto("gzip", bomb), 429, "resource_exhausted");
	}

	@ParameterizedTest
	@ValueSource(strings = { "br", "zstd" })
	void brotliAndZstdBombsAreResourceExhaustedOncePastTheLimit(String encoding) throws Exception {
		Compression compression = encoding.equals("br") ? new BrotliCompression() : new ZstdCompression();
		ByteArrayOutputStream bomb = new ByteArrayOutputStream();
		try (OutputStream out = compression.compress(bomb)) {
			CompressionSamples.writeZeros(out, 100 * 1024 * 1024);
		}
		assertThat(bomb.size()).isLessThan(64 * 1024);
		expectError(postProto(encoding, bomb.toByteArray()), 429, "resource_exhausted");
	}

	private WebTestClient.ResponseSpec postProto(String encoding, byte[] compressed) {
		return this.client.post()
			.uri("/test.v1.EchoService/Echo")
			.header("Content-Type", "application/proto")
			.header("Content-Encoding", encoding)
			.bodyValue(compressed)
			.exchange();
	}

	@ParameterizedTest
	@ValueSource(strings = { "br", "zstd" })
	void getWithBrotliOrZstdCompressedMessage(String encoding) throws Exception {
		String encoded = Base64.getUrlEncoder()
			.encodeToString(
					CompressionSamples.libraryCompress(encoding, "\"packed\"".getBytes(StandardCharsets.UTF_8)));
		this.client.get()
			.uri("/test.v1.EchoService/Echo?encoding=json&base64=1&compression=" + encoding + "&message={m}", encoded)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.isEqualTo("\"packed\"");
	}

	@Test
	void expiredDeadlineIsDeadlineExceeded() {
		expectError(postJsonWithTimeout("\"slow\"", "50"), 504, "deadline_exceeded");
	}

	@Test
	void malformedTimeoutIsInvalidArgument() {
		for (String timeout : new String[] { "abc", "-5", "12345678901", "" }) {
			expectError(postJsonWithTimeout("\"hi\"", timeout), 400, "invalid_argument");
		}
	}

	private WebTestClient.ResponseSpec postJsonWithTimeout(String json, String timeout) {
		return this.client.post()
			.uri("/test.v1.EchoService/Echo")
			.contentType(MediaType.APPLICATION_JSON)
			.header("Connect-Timeout-Ms", timeout)
			.bodyValue(json)
			.exchange();
	}

	@Test
	void getAnsweredWithAnEtagIsNotModifiedWhenTheClientHasIt() {
		BindableService tagged = () -> ServiceBinding.builder(EchoService.DESCRIPTOR)
			.unary(EchoService.ECHO, (request, context) -> {
				context.responseHeaders().setETag("\"v1\"");
				return Mono.just(request);
			})
			.unary(EchoService.POST_ONLY, (request, context) -> Mono.just(request))
			.clientStreaming(EchoService.SUM, (requests, context) -> requests.last())
			.serverStreaming(EchoService.COUNT, (request, context) -> Flux.empty())
			.bidiStreaming(EchoService.CHAT, (requests, context) -> requests)
			.build();
		WebTestClient client = WebTestClient
			.bindToRouterFunction(new ConnectRouterFunctionBuilder().service("tagged", tagged).build())
			.build();
		client.get()
			.uri("/test.v1.EchoService/Echo?encoding=json&message={m}", "\"hi\"")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("ETag", "\"v1\"")
			.expectBody(String.class)
			.isEqualTo("\"hi\"");
		client.get()
			.uri("/test.v1.EchoService/Echo?encoding=json&message={m}", "\"hi\"")
			.header("If-None-Match", "\"v1\"")
			.exchange()
			.expectStatus()
			.isNotModified();
	}

	@Test
	void getWithJsonMessageInAnyParameterOrderIsServedAndVariesOnAcceptEncoding() {
		this.client.get()
			.uri("/test.v1.EchoService/Echo?message={m}&other=1&connect=v1&encoding=json", "\"http-method\"")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("Vary", "Accept-Encoding")
			.expectBody(String.class)
			.isEqualTo("\"GET\"");
	}

	@Test
	void getWithBase64ProtoIsAcceptedPaddedAndUnpadded() {
		byte[] message = EchoService.string("hey").toByteArray();
		String padded = Base64.getUrlEncoder().encodeToString(message);
		String unpadded = Base64.getUrlEncoder().withoutPadding().encodeToString(message);
		for (String encoded : new String[] { padded, unpadded }) {
			byte[] body = this.client.get()
				.uri("/test.v1.EchoService/Echo?encoding=proto&base64=1&message={m}", encoded)
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody(byte[].class)
				.returnResult()
				.getResponseBody();
			assertThat(body).isEqualTo(message);
		}
	}

	@Test
	void getWithGzipCompressedMessage() throws Exception {
		String encoded = Base64.getUrlEncoder().withoutPadding()
			.encodeToString(gzip("\"zipped\"".getBytes(StandardCharsets.UTF_8)));
		this.client.get()
			.uri("/test.v1.EchoService/Echo?encoding=json&base64=1&compression=gzip&message={m}", encoded)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.isEqualTo("\"zipped\"");
	}

	@Test
	void getWithoutMessageIsInvalidArgument() {
		this.client.get()
			.uri("/test.v1.EchoService/Echo?encoding=json")
			.exchange()
			.expectStatus()
			.isEqualTo(400)
			.expectBody()
			.jsonPath("$.message")
			.isEqualTo("missing message parameter");
	}

	@Test
	void getOnProcedureWithSideEffectsIsMethodNotAllowed() {
		this.client.get()
			.uri("/test.v1.EchoService/PostOnly?encoding=json&message=%22x%22")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.METHOD_NOT_ALLOWED)
			.expectHeader()
			.valueEquals("Allow", "POST");
	}

	@Test
	void otherMethodIsNotAllowedWithAllowHeader() {
		this.client.put()
			.uri("/test.v1.EchoService/Echo")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.METHOD_NOT_ALLOWED)
			.expectHeader()
			.valueEquals("Allow", "GET, POST");
	}

	@Test
	void unknownContentTypeIsUnsupportedMediaTypeWithAcceptPost() {
		this.client.post()
			.uri("/test.v1.EchoService/Echo")
			.contentType(MediaType.TEXT_PLAIN)
			.bodyValue("hi")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
			.expectHeader()
			.valueEquals("Accept-Post", "application/proto, application/json, " + GRPC_CONTENT_TYPES);
	}

	@Test
	void streamingContentTypeOnUnaryProcedureIsUnsupportedMediaType() {
		this.client.post()
			.uri("/test.v1.EchoService/Echo")
			.header("Content-Type", "application/connect+json")
			.bodyValue(new byte[0])
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
	}

	@Test
	void unknownProcedureOfAServedServiceIsNotFound() {
		postJson("/test.v1.EchoService/Missing", "\"hi\"").expectStatus().isNotFound();
	}

	@Test
	void pathPrefixMovesTheRoutes() {
		WebTestClient prefixed = client(new ConnectRouterFunctionBuilder().pathPrefix("rpc/"));
		prefixed.post()
			.uri("/rpc/test.v1.EchoService/Echo")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("\"hi\"")
			.exchange()
			.expectStatus()
			.isOk();
	}

	static byte[] gzip(byte[] data) throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
			zip.write(data);
		}
		return out.toByteArray();
	}

}
