package io.connectspring.internal.server;

import io.connectspring.ConnectException;
import io.connectspring.fixtures.EchoService;
import io.connectspring.fixtures.Envelopes;
import io.connectspring.fixtures.FuzzInputs;
import io.connectspring.fixtures.FuzzRequest;
import io.connectspring.fixtures.FuzzSeed;
import io.connectspring.fixtures.FuzzServer;
import io.connectspring.internal.wire.Envelope;
import io.connectspring.internal.wire.GrpcHeaders;
import io.connectspring.internal.wire.GrpcStatus;
import io.connectspring.internal.wire.GrpcTimeout;
import io.connectspring.internal.wire.GrpcWebTrailers;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

/**
 * Fuzzes gRPC-Web requests, binary and base64 text, of all four stream types end to end through the server's
 * WebFlux stack: the (decoded) enveloped body, its compression, and {@code grpc-encoding},
 * {@code grpc-accept-encoding} and {@code grpc-timeout}.
 */
class GrpcServerProtocolWebFuzzTests {

	private static final String[] PATHS = { "/test.v1.EchoService/Echo", "/test.v1.EchoService/Sum",
			"/test.v1.EchoService/Count", "/test.v1.EchoService/Chat" };

	private static final String[] CONTENT_TYPES = { "application/grpc-web", "application/grpc-web+proto",
			"application/grpc-web+json", "application/grpc-web-text", "application/grpc-web-text+json" };

	private static final String[] TIMEOUTS = { null, "10S", "0n" };

	private static final FuzzRequest.Choices CHOICES = new FuzzRequest.Choices(PATHS, CONTENT_TYPES,
			FuzzServer.ENCODINGS, TIMEOUTS);

	/**
	 * A call is answered with HTTP 200, as a trailers-only response or as messages within the limit followed by one
	 * trailers frame; its status is OK or a code the spec allows for a bad request. A content type that is no
	 * gRPC-Web one gets HTTP 415.
	 */
	@FuzzTest
	void answersAnyCallWithMessagesAndOneStatus(FuzzedDataProvider data) {
		FuzzRequest request = CHOICES.read(data);
		boolean encodeAsText = data.consumeBoolean();
		byte[] raw = data.consumeRemainingAsBytes();
		boolean textRequest = request.contentType() != null
				&& request.contentType().startsWith("application/grpc-web-text");
		byte[] body = (textRequest && encodeAsText) ? Base64.getEncoder().encode(raw) : raw;
		EntityExchangeResult<byte[]> result = FuzzServer.post(request.path(),
				FuzzServer.headers(HttpHeaders.CONTENT_TYPE, request.contentType(), GrpcHeaders.ENCODING,
						request.encoding(), GrpcHeaders.ACCEPT_ENCODING, request.accept(), GrpcTimeout.HEADER,
						request.timeout()),
				body);
		String responseType = FuzzServer.contentType(result);
		if (!responseType.startsWith("application/grpc-web")) {
			FuzzServer.checkOtherProtocol(result);
			return;
		}
		FuzzServer.expectOk(result);
		boolean text = responseType.startsWith("application/grpc-web-text");
		HttpHeaders headers = result.getResponseHeaders();
		byte[] response = FuzzServer.body(result);
		if (response.length == 0 && headers.getFirst(GrpcStatus.STATUS) != null) {
			check(GrpcStatus.read(headers));
			return;
		}
		byte[] trailers = FuzzServer.messagesThenEnd(text ? decodeText(response) : response, Envelope.FLAG_WEB_TRAILERS,
				"a trailers frame");
		check(GrpcStatus.read(GrpcWebTrailers.parse(trailers)));
	}

	private static void check(@Nullable ConnectException error) {
		if (error != null) {
			FuzzInputs.expectCode(error, FuzzServer.STREAM_REQUEST_ERRORS);
		}
	}

	/** Decodes a text response: padded base64 chunks one after the other, read four characters at a time. */
	private static byte[] decodeText(byte[] text) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (int i = 0; i + 4 <= text.length; i += 4) {
			out.writeBytes(Base64.getDecoder().decode(new String(text, i, 4, StandardCharsets.US_ASCII)));
		}
		if (text.length % 4 != 0) {
			throw new AssertionError("the text response is not whole base64");
		}
		return out.toByteArray();
	}

	@Test
	@EnabledIfSystemProperty(named = "fuzz.writeSeeds", matches = "true")
	void writeSeeds() {
		byte[] hi = EchoService.string("hi").toByteArray();
		byte[] two = FuzzServer.int32(2);
		Map<String, byte[]> seeds = new LinkedHashMap<>();
		seeds.put("unary", seed(0, "application/grpc-web", null, null, "10S", false, Envelopes.frame(0, hi)));
		seeds.put("unary-text", seed(0, "application/grpc-web-text", null, "gzip", null, true,
				Envelopes.frame(0, hi)));
		seeds.put("text-in-padded-chunks", seed(0, "application/grpc-web-text", null, null, null, false,
				(Base64.getEncoder().encodeToString(Envelopes.frame(0, new byte[0]))
						+ Base64.getEncoder().encodeToString(Envelopes.frame(0, hi)))
					.getBytes(StandardCharsets.US_ASCII)));
		seeds.put("sum-gzip", seed(1, "application/grpc-web+proto", "gzip", "gzip", null, false,
				Envelopes.frame(1, FuzzInputs.compress("gzip", two))));
		seeds.put("count-br", seed(2, "application/grpc-web", "br", "br", null, false,
				Envelopes.frame(1, FuzzInputs.compress("br", two))));
		seeds.put("chat-json", seed(3, "application/grpc-web+json", null, null, null, false,
				Envelopes.json("\"a\"", "\"b\"")));
		seeds.put("chat-json-text-zstd", seed(3, "application/grpc-web-text+json", "zstd", "zstd", null, true,
				Envelopes.frame(1, FuzzInputs.compress("zstd", "\"a\"".getBytes(StandardCharsets.UTF_8)))));
		seeds.put("unary-without-message", seed(0, "application/grpc-web", null, null, null, false, new byte[0]));
		seeds.put("unary-twice", seed(0, "application/grpc-web", null, null, null, false, Envelopes.frame(0, hi, hi)));
		seeds.put("unknown-flags", seed(3, "application/grpc-web", null, null, null, false, Envelopes.frame(8, hi)));
		seeds.put("text-not-base64", seed(3, "application/grpc-web-text", null, null, null, false,
				"AAAA*AAA".getBytes(StandardCharsets.US_ASCII)));
		seeds.put("text-not-whole", seed(3, "application/grpc-web-text", null, null, null, false,
				"AAAAAAA".getBytes(StandardCharsets.US_ASCII)));
		seeds.put("bad-timeout", seed(0, "application/grpc-web", null, null, "123456789S", false, new byte[0]));
		seeds.put("unknown-encoding", seed(0, "application/grpc-web", "snappy", null, null, false, new byte[0]));
		seeds.put("gzip-bomb", seed(3, "application/grpc-web", "gzip", null, null, false,
				Envelopes.frame(1, FuzzInputs.compress("gzip", new byte[FuzzInputs.LIMIT * 4]))));
		FuzzSeed.write(getClass(), "answersAnyCallWithMessagesAndOneStatus", seeds);
	}

	private static byte[] seed(int path, String contentType, @Nullable String encoding, @Nullable String accept,
			@Nullable String timeout, boolean encodeAsText, byte[] body) {
		return CHOICES.seed(path, contentType, encoding, accept, timeout).bool(encodeAsText).remaining(body).build();
	}

}
