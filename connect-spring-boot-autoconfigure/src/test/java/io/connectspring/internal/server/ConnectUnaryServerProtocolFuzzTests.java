package io.connectspring.internal.server;

import io.connectspring.fixtures.EchoService;
import io.connectspring.fixtures.FuzzInputs;
import io.connectspring.fixtures.FuzzSeed;
import io.connectspring.fixtures.FuzzServer;
import io.connectspring.internal.wire.Codec;
import io.connectspring.internal.wire.Compressions;
import io.connectspring.internal.wire.ConnectHeaders;
import io.connectspring.internal.wire.JsonCodec;
import io.connectspring.internal.wire.ProtoCodec;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.protobuf.StringValue;
import com.google.protobuf.util.JsonFormat;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Fuzzes Connect unary requests end to end through the server's WebFlux stack: POST bodies with their content type,
 * content encoding, accept encoding, timeout and protocol version, and GET query strings ({@code message},
 * {@code encoding}, {@code base64}, {@code compression}, {@code connect}).
 */
class ConnectUnaryServerProtocolFuzzTests {

	private static final String[] PATHS = { "/test.v1.EchoService/Echo", "/test.v1.EchoService/PostOnly" };

	private static final String[] CONTENT_TYPES = { "application/proto", "application/json",
			"application/json; charset=utf-8" };

	private static final String[] ACCEPT_ENCODINGS = { null, "gzip", "zstd, br;q=0.5" };

	private static final String[] TIMEOUTS = { null, "10000", "0" };

	private static final String[] POST_VERSIONS = { null, "1" };

	private static final JsonCodec JSON = new JsonCodec(JsonFormat.TypeRegistry.getEmptyTypeRegistry());

	private static final String[] GET_CODECS = { "proto", "json" };

	private static final String[] BASE64 = { null, "1" };

	private static final String[] GET_VERSIONS = { null, "v1" };

	/**
	 * A POST gets the echoed message with HTTP 200, or error JSON whose code the spec allows for a bad request and
	 * whose HTTP status is that code's; a content type that is no Connect unary one gets HTTP 415.
	 */
	@FuzzTest
	void answersAnyPostWithTheMessageOrAConnectError(FuzzedDataProvider data) {
		String path = PATHS[data.consumeInt(0, PATHS.length - 1)];
		String contentType = FuzzInputs.option(data, CONTENT_TYPES);
		String encoding = FuzzInputs.option(data, FuzzServer.ENCODINGS);
		boolean compress = data.consumeBoolean();
		String accept = FuzzInputs.option(data, ACCEPT_ENCODINGS);
		String timeout = FuzzInputs.option(data, TIMEOUTS);
		String version = FuzzInputs.option(data, POST_VERSIONS);
		byte[] message = data.consumeRemainingAsBytes();
		byte[] body = compress ? FuzzInputs.compress(encoding, message) : message;
		HttpHeaders headers = FuzzServer.headers(HttpHeaders.CONTENT_TYPE, contentType, HttpHeaders.CONTENT_ENCODING,
				encoding, HttpHeaders.ACCEPT_ENCODING, accept, ConnectHeaders.TIMEOUT, timeout,
				ConnectHeaders.PROTOCOL_VERSION, version);
		check(FuzzServer.post(path, headers, body), false);
	}

	/**
	 * A GET gets the echoed message with HTTP 200, or error JSON as for a POST; an unknown codec gets HTTP 415 and a
	 * procedure with side effects HTTP 405.
	 */
	@FuzzTest
	void answersAnyGetWithTheMessageOrAConnectError(FuzzedDataProvider data) {
		String path = PATHS[data.consumeInt(0, PATHS.length - 1)];
		String codec = FuzzInputs.option(data, GET_CODECS);
		String base64 = FuzzInputs.option(data, BASE64);
		String compression = FuzzInputs.option(data, FuzzServer.ENCODINGS);
		boolean compress = data.consumeBoolean();
		String version = FuzzInputs.option(data, GET_VERSIONS);
		String accept = FuzzInputs.option(data, ACCEPT_ENCODINGS);
		byte[] message = data.consumeRemainingAsBytes();
		byte[] bytes = compress ? FuzzInputs.compress(compression, message) : message;
		// The message as clients write it: URL-safe base64 when base64=1, else the bytes as UTF-8 text.
		String value = "1".equals(base64) ? Base64.getUrlEncoder().withoutPadding().encodeToString(bytes)
				: new String(bytes, StandardCharsets.UTF_8);
		StringBuilder query = new StringBuilder();
		parameter(query, "message", value);
		parameter(query, "encoding", codec);
		parameter(query, "base64", base64);
		parameter(query, "compression", compression);
		parameter(query, "connect", version);
		WebTestClient.RequestHeadersSpec<?> request = FuzzServer.client().get().uri(URI.create(path + "?" + query));
		if (accept != null) {
			request.header(HttpHeaders.ACCEPT_ENCODING, accept);
		}
		check(request.exchange().expectBody(byte[].class).returnResult(), true);
	}

	private static void check(EntityExchangeResult<byte[]> result, boolean get) {
		int status = result.getStatus().value();
		byte[] body = FuzzServer.body(result);
		HttpHeaders headers = result.getResponseHeaders();
		String contentType = headers.getFirst(HttpHeaders.CONTENT_TYPE);
		String codecName = ConnectUnaryServerProtocol.codecName(contentType);
		if (status == 200 && codecName == null) {
			// A content type of another protocol (gRPC-Web, gRPC): fuzzed by that protocol's tests.
			return;
		}
		if (status == 200) {
			Codec codec = "json".equals(codecName) ? JSON : ProtoCodec.INSTANCE;
			String encoding = headers.getFirst(HttpHeaders.CONTENT_ENCODING);
			byte[] plain = (encoding != null) ? Compressions.decompress(FuzzInputs.compression(encoding), body,
					FuzzInputs.LIMIT) : body;
			FuzzInputs.assertWithinLimit(plain.length, FuzzInputs.LIMIT, "the response message");
			codec.deserialize(plain, StringValue.getDefaultInstance());
			return;
		}
		if ("application/json".equals(contentType)) {
			FuzzServer.checkErrorJson(status, body);
			return;
		}
		// As connect-go: a codec no protocol serves is 415, GET on a procedure with side effects 405.
		if (status != 415 && !(get && status == 405)) {
			throw new AssertionError("HTTP status " + status + " without Connect error JSON: "
					+ new String(body, StandardCharsets.UTF_8));
		}
	}

	private static void parameter(StringBuilder query, String name, @Nullable String value) {
		if (value != null) {
			query.append(query.isEmpty() ? "" : "&").append(name).append('=')
				.append(URLEncoder.encode(value, StandardCharsets.UTF_8));
		}
	}

	@Test
	@EnabledIfSystemProperty(named = "fuzz.writeSeeds", matches = "true")
	void writeSeeds() {
		byte[] hi = EchoService.string("hi").toByteArray();
		Map<String, byte[]> post = new LinkedHashMap<>();
		post.put("proto", post(0, "application/proto", null, false, null, null, "1", hi));
		post.put("json", post(0, "application/json", null, false, "gzip", "10000", "1",
				"\"hi\"".getBytes(StandardCharsets.UTF_8)));
		post.put("gzip", post(0, "application/proto", "gzip", true, "gzip", null, "1", hi));
		post.put("br", post(0, "application/proto", "br", true, null, null, null, hi));
		post.put("zstd", post(1, "application/json; charset=utf-8", "zstd", true, null, null, null,
				"\"hi\"".getBytes(StandardCharsets.UTF_8)));
		post.put("bad-proto", post(0, "application/proto", null, false, null, null, null, new byte[] { 10, 9, 1 }));
		post.put("bad-json", post(0, "application/json", null, false, null, null, null,
				"{\"a\":".getBytes(StandardCharsets.UTF_8)));
		post.put("unknown-encoding", post(0, "application/proto", "lz4", false, null, null, null, hi));
		post.put("bad-timeout", post(0, "application/proto", null, false, null, "-1", null, hi));
		post.put("zero-timeout", post(0, "application/proto", null, false, null, "0", null, hi));
		post.put("bad-version", post(0, "application/proto", null, false, null, null, "2", hi));
		post.put("text-plain", post(0, "text/plain", null, false, null, null, null, hi));
		post.put("over-the-limit", post(0, "application/proto", null, false, null, null, null,
				new byte[FuzzInputs.LIMIT + 1]));
		post.put("gzip-bomb", post(0, "application/proto", "gzip", true, null, null, null,
				new byte[FuzzInputs.LIMIT * 4]));
		FuzzSeed.write(getClass(), "answersAnyPostWithTheMessageOrAConnectError", post);
		Map<String, byte[]> get = new LinkedHashMap<>();
		get.put("proto-base64", get(0, "proto", "1", null, false, "v1", hi));
		get.put("json", get(0, "json", null, null, false, "v1", "\"hi\"".getBytes(StandardCharsets.UTF_8)));
		get.put("gzip", get(0, "proto", "1", "gzip", true, "v1", hi));
		get.put("zstd-json", get(0, "json", "1", "zstd", true, null, "\"hi\"".getBytes(StandardCharsets.UTF_8)));
		get.put("br", get(0, "proto", "1", "br", true, null, hi));
		get.put("compressed-without-base64", get(0, "json", null, "gzip", true, null,
				"\"hi\"".getBytes(StandardCharsets.UTF_8)));
		get.put("unknown-codec", get(0, "xml", null, null, false, null, hi));
		get.put("side-effects", get(1, "proto", "1", null, false, null, hi));
		get.put("bad-connect", get(0, "proto", "1", null, false, "v2", hi));
		get.put("bad-base64", get(0, "proto", "2", null, false, null, hi));
		get.put("gzip-bomb", get(0, "proto", "1", "gzip", true, null, new byte[FuzzInputs.LIMIT * 4]));
		FuzzSeed.write(getClass(), "answersAnyGetWithTheMessageOrAConnectError", get);
	}

	private static byte[] post(int path, String contentType, @Nullable String encoding, boolean compress,
			@Nullable String accept, @Nullable String timeout, @Nullable String version, byte[] message) {
		FuzzSeed seed = new FuzzSeed().integer(path, 0, PATHS.length - 1);
		FuzzInputs.option(seed, contentType, CONTENT_TYPES);
		FuzzInputs.option(seed, encoding, FuzzServer.ENCODINGS);
		seed.bool(compress);
		FuzzInputs.option(seed, accept, ACCEPT_ENCODINGS);
		FuzzInputs.option(seed, timeout, TIMEOUTS);
		FuzzInputs.option(seed, version, POST_VERSIONS);
		return seed.remaining(message).build();
	}

	private static byte[] get(int path, String codec, @Nullable String base64, @Nullable String compression,
			boolean compress, @Nullable String version, byte[] message) {
		FuzzSeed seed = new FuzzSeed().integer(path, 0, PATHS.length - 1);
		FuzzInputs.option(seed, codec, GET_CODECS);
		FuzzInputs.option(seed, base64, BASE64);
		FuzzInputs.option(seed, compression, FuzzServer.ENCODINGS);
		seed.bool(compress);
		FuzzInputs.option(seed, version, GET_VERSIONS);
		FuzzInputs.option(seed, null, ACCEPT_ENCODINGS);
		return seed.remaining(message).build();
	}

}
