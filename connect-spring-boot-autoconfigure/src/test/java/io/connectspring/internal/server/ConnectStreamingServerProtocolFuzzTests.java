package io.connectspring.internal.server;

import io.connectspring.Code;
import io.connectspring.ConnectException;
import io.connectspring.fixtures.EchoService;
import io.connectspring.fixtures.Envelopes;
import io.connectspring.fixtures.FuzzInputs;
import io.connectspring.fixtures.FuzzSeed;
import io.connectspring.fixtures.FuzzServer;
import io.connectspring.internal.wire.ConnectHeaders;
import io.connectspring.internal.wire.Envelope;
import io.connectspring.internal.wire.ErrorJson;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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

	private static final String[] ENCODINGS = { null, "gzip", "br", "zstd", "identity" };

	private static final String[] TIMEOUTS = { null, "10000", "0" };

	/** What a stream may end with for a bad request: the request codes, and internal for envelope flags. */
	private static final Code[] ALLOWED = { Code.INVALID_ARGUMENT, Code.RESOURCE_EXHAUSTED, Code.UNIMPLEMENTED,
			Code.DEADLINE_EXCEEDED, Code.INTERNAL };

	/**
	 * A stream is answered with HTTP 200 and envelopes that end with exactly one end-of-stream message, whose error,
	 * if any, has a code the spec allows for a bad request; each message is within the limit. A content type that is
	 * no Connect streaming one gets HTTP 415.
	 */
	@FuzzTest
	void answersAnyStreamWithEnvelopesAndOneEndOfStream(FuzzedDataProvider data) {
		String path = PATHS[data.consumeInt(0, PATHS.length - 1)];
		String contentType = FuzzInputs.option(data, CONTENT_TYPES);
		String encoding = FuzzInputs.option(data, ENCODINGS);
		String accept = FuzzInputs.option(data, ENCODINGS);
		String timeout = FuzzInputs.option(data, TIMEOUTS);
		byte[] body = data.consumeRemainingAsBytes();
		HttpHeaders requestHeaders = new HttpHeaders();
		FuzzServer.header(requestHeaders, HttpHeaders.CONTENT_TYPE, contentType);
		FuzzServer.header(requestHeaders, ConnectHeaders.STREAM_CONTENT_ENCODING, encoding);
		FuzzServer.header(requestHeaders, ConnectHeaders.STREAM_ACCEPT_ENCODING, accept);
		FuzzServer.header(requestHeaders, ConnectHeaders.TIMEOUT, timeout);
		EntityExchangeResult<byte[]> result = FuzzServer.post(path, requestHeaders, body);
		int status = result.getStatus().value();
		String responseType = String.valueOf(result.getResponseHeaders().getFirst(HttpHeaders.CONTENT_TYPE))
			.toLowerCase(Locale.ROOT);
		if (!responseType.startsWith("application/connect+")) {
			FuzzServer.checkOtherProtocol(result);
			return;
		}
		if (status != 200) {
			throw new AssertionError("HTTP status " + status + " (" + result.getResponseHeaders() + "): "
					+ new String((result.getResponseBody() != null) ? result.getResponseBody() : new byte[0],
							StandardCharsets.UTF_8));
		}
		byte[] response = (result.getResponseBody() != null) ? result.getResponseBody() : new byte[0];
		List<Envelopes.Frame> frames = Envelopes.parse(response);
		if (frames.isEmpty() || frames.get(frames.size() - 1).flags() != Envelope.FLAG_END_STREAM) {
			throw new AssertionError("the stream does not end with an end-of-stream message");
		}
		for (Envelopes.Frame frame : frames.subList(0, frames.size() - 1)) {
			if ((frame.flags() & ~Envelope.FLAG_COMPRESSED) != 0) {
				throw new AssertionError("a message before the end has flags " + frame.flags());
			}
			FuzzInputs.assertWithinLimit(frame.data().length, FuzzInputs.LIMIT, "a response message");
		}
		ConnectException error = ErrorJson.parseEndStream(frames.get(frames.size() - 1).data()).error();
		if (error != null) {
			FuzzInputs.expectCode(error, ALLOWED);
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
		FuzzSeed seed = new FuzzSeed().integer(path, 0, PATHS.length - 1);
		FuzzInputs.option(seed, contentType, CONTENT_TYPES);
		FuzzInputs.option(seed, encoding, ENCODINGS);
		FuzzInputs.option(seed, accept, ENCODINGS);
		FuzzInputs.option(seed, timeout, TIMEOUTS);
		return seed.remaining(body).build();
	}

}
