package io.connectspring.internal.server;

import io.connectspring.ConnectException;
import io.connectspring.fixtures.EchoService;
import io.connectspring.fixtures.Envelopes;
import io.connectspring.fixtures.FuzzInputs;
import io.connectspring.fixtures.FuzzRequest;
import io.connectspring.fixtures.FuzzSeed;
import io.connectspring.fixtures.FuzzServer;
import io.connectspring.internal.wire.ConnectHeaders;
import io.connectspring.internal.wire.Envelope;
import io.connectspring.internal.wire.ErrorJson;

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
 * Fuzzes Connect streaming requests of the three streaming types end to end through the server's WebFlux stack:
 * the enveloped body, its compression and the headers that negotiate it.
 */
class ConnectStreamingServerProtocolFuzzTests {

	private static final String[] PATHS = { "/test.v1.EchoService/Sum", "/test.v1.EchoService/Count",
			"/test.v1.EchoService/Chat" };

	private static final String[] CONTENT_TYPES = { "application/connect+proto", "application/connect+json" };

	private static final String[] TIMEOUTS = { null, "10000", "0" };

	private static final FuzzRequest.Choices CHOICES = new FuzzRequest.Choices(PATHS, CONTENT_TYPES,
			FuzzServer.ENCODINGS, TIMEOUTS);

	/**
	 * A stream is answered with HTTP 200 and envelopes that end with exactly one end-of-stream message, whose error,
	 * if any, has a code the spec allows for a bad request; each message is within the limit. A content type that is
	 * no Connect streaming one gets HTTP 415.
	 */
	@FuzzTest
	void answersAnyStreamWithEnvelopesAndOneEndOfStream(FuzzedDataProvider data) {
		FuzzRequest request = CHOICES.read(data);
		byte[] body = data.consumeRemainingAsBytes();
		EntityExchangeResult<byte[]> result = FuzzServer.post(request.path(),
				FuzzServer.headers(HttpHeaders.CONTENT_TYPE, request.contentType(),
						ConnectHeaders.STREAM_CONTENT_ENCODING, request.encoding(),
						ConnectHeaders.STREAM_ACCEPT_ENCODING, request.accept(), ConnectHeaders.TIMEOUT,
						request.timeout()),
				body);
		if (!FuzzServer.contentType(result).startsWith("application/connect+")) {
			FuzzServer.checkOtherProtocol(result);
			return;
		}
		FuzzServer.expectOk(result);
		byte[] end = FuzzServer.messagesThenEnd(FuzzServer.body(result), Envelope.FLAG_END_STREAM,
				"an end-of-stream message");
		ConnectException error = ErrorJson.parseEndStream(end).error();
		if (error != null) {
			FuzzInputs.expectCode(error, FuzzServer.STREAM_REQUEST_ERRORS);
		}
	}

	@Test
	@EnabledIfSystemProperty(named = "fuzz.writeSeeds", matches = "true")
	void writeSeeds() {
		byte[] one = FuzzServer.int32(1);
		byte[] three = FuzzServer.int32(3);
		Map<String, byte[]> seeds = new LinkedHashMap<>();
		seeds.put("sum", seed(0, "application/connect+proto", null, "gzip", null, Envelopes.frame(0, one, three)));
		seeds.put("count-json", seed(1, "application/connect+json", null, null, "10000",
				Envelopes.json("3")));
		seeds.put("chat-json", seed(2, "application/connect+json", null, null, null,
				Envelopes.json("\"a\"", "\"b\"")));
		seeds.put("chat-gzip", seed(2, "application/connect+proto", "gzip", "gzip", null,
				Envelopes.frame(1, FuzzInputs.compress("gzip", EchoService.string("hi").toByteArray()))));
		seeds.put("sum-br", seed(0, "application/connect+proto", "br", "br", null,
				Envelopes.frame(1, FuzzInputs.compress("br", one))));
		seeds.put("sum-zstd", seed(0, "application/connect+proto", "zstd", null, null,
				Envelopes.frame(1, FuzzInputs.compress("zstd", three))));
		seeds.put("count-twice", seed(1, "application/connect+proto", null, null, null,
				Envelopes.frame(0, one, one)));
		seeds.put("compressed-without-encoding", seed(2, "application/connect+proto", null, null, null,
				Envelopes.frame(1, one)));
		seeds.put("unknown-flags", seed(2, "application/connect+proto", null, null, null, Envelopes.frame(4, one)));
		seeds.put("truncated", seed(2, "application/connect+proto", null, null, null, new byte[] { 0, 0, 0, 0, 5 }));
		seeds.put("unknown-encoding", seed(0, "application/connect+proto", "lz4", null, null, new byte[0]));
		seeds.put("bad-timeout", seed(0, "application/connect+proto", null, null, "1h", new byte[0]));
		seeds.put("over-the-limit", seed(2, "application/connect+proto", null, null, null,
				new byte[] { 0, 0, 1, 0, 1 }));
		seeds.put("zstd-bomb", seed(2, "application/connect+proto", "zstd", null, null,
				Envelopes.frame(1, FuzzInputs.compress("zstd", new byte[FuzzInputs.LIMIT * 4]))));
		seeds.put("bad-json", seed(2, "application/connect+json", null, null, null,
				Envelopes.json("{\"value\":")));
		seeds.put("other-codec", seed(2, "application/connect+xml", null, null, null, new byte[0]));
		FuzzSeed.write(getClass(), "answersAnyStreamWithEnvelopesAndOneEndOfStream", seeds);
	}

	private static byte[] seed(int path, String contentType, @Nullable String encoding, @Nullable String accept,
			@Nullable String timeout, byte[] body) {
		return CHOICES.seed(path, contentType, encoding, accept, timeout).remaining(body).build();
	}

}
