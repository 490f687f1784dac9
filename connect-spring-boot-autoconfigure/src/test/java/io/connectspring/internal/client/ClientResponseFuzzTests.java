package io.connectspring.internal.client;

import io.connectspring.Code;
import io.connectspring.Compression;
import io.connectspring.ConnectException;
import io.connectspring.fixtures.EchoService;
import io.connectspring.fixtures.Envelopes;
import io.connectspring.fixtures.FuzzInputs;
import io.connectspring.fixtures.FuzzSeed;
import io.connectspring.internal.wire.BuiltInCompressions;
import io.connectspring.internal.wire.Compressions;
import io.connectspring.internal.wire.ErrorJson;
import io.connectspring.internal.wire.GrpcStatus;
import io.connectspring.internal.wire.ProtoCodec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.protobuf.Message;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * Fuzzes what the client reads of a response: the error JSON of a unary Connect response, the body of a Connect
 * stream with its end-of-stream message, and the body and trailers (or trailers frame) of a gRPC and gRPC-Web
 * response with {@code grpc-status}, {@code grpc-message} and {@code grpc-status-details-bin}.
 */
class ClientResponseFuzzTests {

	private static final String[] ENCODINGS = { null, "gzip", "br", "zstd" };

	private static final String[] STATUSES = { null, "0", "3", "16", "99", "-1", " 0 " };

	private static final ClientConfig CONFIG = new ClientConfig(new NettyClientHttp(HttpClient.create()),
			"http://localhost", ProtoCodec.INSTANCE,
			new Compressions(BuiltInCompressions.onClassPath().available(), 0), null, FuzzInputs.LIMIT,
			FuzzInputs.LIMIT, false, 8192);

	/** The codes a client reports for a response it cannot read (as opposed to an error the server sent). */
	private static final Code[] BAD_RESPONSE = { Code.INTERNAL, Code.RESOURCE_EXHAUSTED, Code.UNKNOWN };

	/**
	 * A unary Connect error body reads as an error with a code (the HTTP status's when it names none the spec
	 * knows), or fails with {@code IllegalArgumentException}, on which the client reports the HTTP status's code.
	 */
	@FuzzTest
	void readsAnyUnaryErrorBody(byte[] body) {
		try {
			ConnectException error = ErrorJson.parseError(body, Code.UNAVAILABLE);
			if (error.code() == null || error.details().stream().anyMatch((detail) -> detail.value() == null)) {
				throw new AssertionError("incomplete error " + error);
			}
		}
		catch (IllegalArgumentException ex) {
			// The contract: the caller falls back to the HTTP status's code.
		}
	}

	/**
	 * A Connect stream's body reads as messages within the limit and ends as its end-of-stream message says, or
	 * fails with {@code internal}, {@code resource_exhausted} or, when the end-of-stream message carries an error,
	 * that error's code; every buffer is released.
	 */
	@FuzzTest
	void readsAnyConnectStreamBody(FuzzedDataProvider data) {
		String encoding = FuzzInputs.option(data, ENCODINGS);
		int[] cuts = FuzzInputs.cuts(data);
		byte[] body = data.consumeRemainingAsBytes();
		Compression compression = FuzzInputs.compression(encoding);
		ClientCallState call = call();
		List<DataBuffer> buffers = new ArrayList<>();
		try {
			List<Message> messages = new ConnectStreamingClientProtocol(CONFIG)
				.readBody(call, compression, FuzzInputs.body(FuzzInputs.split(body, cuts), buffers))
				.collectList()
				.block();
			checkSizes(messages);
		}
		catch (ConnectException ex) {
			// An error the server sent may have any code; one the client found only these.
			if (compression == null && !new String(body, StandardCharsets.ISO_8859_1).contains("\"error\"")) {
				FuzzInputs.expectCode(ex, Code.INTERNAL, Code.RESOURCE_EXHAUSTED);
			}
		}
		catch (RuntimeException ex) {
			FuzzInputs.expectCode(ex);
		}
		FuzzInputs.assertReleased(buffers);
	}

	/**
	 * A gRPC or gRPC-Web response reads as messages within the limit and ends as its status says, or fails with a
	 * {@code ConnectException}: {@code internal}, {@code resource_exhausted} or {@code unknown} when the response
	 * carries no status of its own; every buffer is released. Reading {@code grpc-status-details-bin} and
	 * {@code grpc-message} never fails otherwise.
	 */
	@FuzzTest
	void readsAnyGrpcResponse(FuzzedDataProvider data) {
		boolean web = data.consumeBoolean();
		boolean statusInHeaders = data.consumeBoolean();
		String encoding = FuzzInputs.option(data, ENCODINGS);
		String status = FuzzInputs.option(data, STATUSES);
		String message = FuzzInputs.string(data, 64);
		byte[] details = FuzzInputs.bytes(data, 256);
		int[] cuts = FuzzInputs.cuts(data);
		byte[] body = data.consumeRemainingAsBytes();
		ClientCallState call = call();
		if (statusInHeaders) {
			call.mutableResponseHeaders().set(GrpcStatus.STATUS, (status != null) ? status : "0");
		}
		HttpHeaders trailers = new HttpHeaders();
		if (status != null) {
			trailers.set(GrpcStatus.STATUS, status);
			trailers.set(GrpcStatus.MESSAGE, message);
			if (details.length > 0) {
				trailers.set(GrpcStatus.DETAILS, Base64.getEncoder().withoutPadding().encodeToString(details));
			}
		}
		List<DataBuffer> buffers = new ArrayList<>();
		try {
			List<Message> messages = new GrpcClientProtocol(CONFIG, web)
				.readBody(call, FuzzInputs.compression(encoding), statusInHeaders,
						FuzzInputs.body(FuzzInputs.split(body, cuts), buffers), Mono.just(trailers))
				.collectList()
				.block();
			checkSizes(messages);
		}
		catch (RuntimeException ex) {
			boolean ownStatus = (!web && status != null && !status.trim().equals("0"))
					|| (web && new String(body, StandardCharsets.ISO_8859_1).contains("grpc-status"))
					|| (web && encoding != null) || statusInHeaders;
			if (ownStatus) {
				FuzzInputs.expectCode(ex, Code.values());
			}
			else {
				FuzzInputs.expectCode(ex, BAD_RESPONSE);
			}
		}
		FuzzInputs.assertReleased(buffers);
	}

	private static void checkSizes(List<Message> messages) {
		for (Message message : messages) {
			FuzzInputs.assertWithinLimit(message.getSerializedSize(), FuzzInputs.LIMIT, "a response message");
		}
	}

	private static ClientCallState call() {
		return new ClientCallState(EchoService.CHAT, new HttpHeaders(), null, "connect");
	}

	@Test
	@EnabledIfSystemProperty(named = "fuzz.writeSeeds", matches = "true")
	void writeSeeds() {
		Map<String, byte[]> unary = new LinkedHashMap<>();
		for (String json : new String[] { "{\"code\":\"not_found\",\"message\":\"no\"}",
				"{\"code\":\"invalid_argument\",\"details\":[{\"type\":\"google.protobuf.StringValue\","
						+ "\"value\":\"CgJoaQ\"}]}",
				"{\"code\":\"nope\"}", "{\"code\":1}", "[]", "{\"details\":[{\"type\":\"x\",\"value\":\"*\"}]}", "" }) {
			unary.put("body-" + unary.size(), json.getBytes(StandardCharsets.UTF_8));
		}
		FuzzSeed.write(getClass(), "readsAnyUnaryErrorBody", unary);
		byte[] hi = EchoService.string("hi").toByteArray();
		byte[] ok = "{\"metadata\":{\"x-trailer\":[\"t\"]}}".getBytes(StandardCharsets.UTF_8);
		byte[] failed = "{\"error\":{\"code\":\"out_of_range\",\"message\":\"m\"}}".getBytes(StandardCharsets.UTF_8);
		Map<String, byte[]> connect = new LinkedHashMap<>();
		connect.put("ok", connectSeed(null, new int[] { 3 }, concat(Envelopes.frame(0, hi), Envelopes.frame(2, ok))));
		connect.put("error", connectSeed(null, new int[0], Envelopes.frame(2, failed)));
		connect.put("gzip", connectSeed("gzip", new int[0], concat(Envelopes.frame(1, FuzzInputs.compress("gzip", hi)),
				Envelopes.frame(3, FuzzInputs.compress("gzip", ok)))));
		connect.put("missing-end", connectSeed(null, new int[0], Envelopes.frame(0, hi)));
		connect.put("after-end", connectSeed(null, new int[0], concat(Envelopes.frame(2, ok), Envelopes.frame(0, hi))));
		connect.put("bad-end",
				connectSeed(null, new int[0], Envelopes.frame(2, "{\"error\":1}".getBytes(StandardCharsets.UTF_8))));
		connect.put("zstd-bomb", connectSeed("zstd", new int[0],
				Envelopes.frame(1, FuzzInputs.compress("zstd", new byte[FuzzInputs.LIMIT * 4]))));
		FuzzSeed.write(getClass(), "readsAnyConnectStreamBody", connect);
		byte[] trailersFrame = "grpc-status: 0\r\ngrpc-message: fine\r\n".getBytes(StandardCharsets.UTF_8);
		byte[] statusBytes = GrpcStatus
			.statusBytes(new ConnectException(Code.NOT_FOUND, "gone").withDetail(EchoService.string("d")));
		Map<String, byte[]> grpc = new LinkedHashMap<>();
		grpc.put("ok", grpcSeed(false, false, null, "0", "", new byte[0], Envelopes.frame(0, hi)));
		grpc.put("error-with-details", grpcSeed(false, false, "gzip", "5", "gone%20away", statusBytes,
				Envelopes.frame(1, FuzzInputs.compress("gzip", hi))));
		grpc.put("trailers-only", grpcSeed(false, true, null, "7", "denied", new byte[0], new byte[0]));
		grpc.put("no-trailers", grpcSeed(false, false, null, null, "", new byte[0], Envelopes.frame(0, hi)));
		grpc.put("bad-status", grpcSeed(false, false, null, "-1", "%zz", new byte[] { 8 }, new byte[0]));
		grpc.put("web-ok", grpcSeed(true, false, null, null, "", new byte[0],
				concat(Envelopes.frame(0, hi), Envelopes.frame(0x80, trailersFrame))));
		grpc.put("web-bad-trailers", grpcSeed(true, false, null, null, "", new byte[0],
				Envelopes.frame(0x80, "grpc status 0\r\n\u0001: x".getBytes(StandardCharsets.UTF_8))));
		grpc.put("web-data-after-trailers", grpcSeed(true, false, null, null, "", new byte[0],
				concat(Envelopes.frame(0x80, trailersFrame), Envelopes.frame(0, hi))));
		grpc.put("web-br", grpcSeed(true, false, "br", null, "", new byte[0],
				concat(Envelopes.frame(1, FuzzInputs.compress("br", hi)),
						Envelopes.frame(0x81, FuzzInputs.compress("br", trailersFrame)))));
		FuzzSeed.write(getClass(), "readsAnyGrpcResponse", grpc);
	}

	private static byte[] connectSeed(@Nullable String encoding, int[] cuts, byte[] body) {
		FuzzSeed seed = new FuzzSeed();
		FuzzInputs.option(seed, encoding, ENCODINGS);
		return FuzzInputs.cuts(seed, cuts).remaining(body).build();
	}

	private static byte[] grpcSeed(boolean web, boolean statusInHeaders, @Nullable String encoding,
			@Nullable String status, String message, byte[] details, byte[] body) {
		FuzzSeed seed = new FuzzSeed().bool(web).bool(statusInHeaders);
		FuzzInputs.option(seed, encoding, ENCODINGS);
		FuzzInputs.option(seed, status, STATUSES);
		seed.sized(message, 64).sized(details, 256);
		return FuzzInputs.cuts(seed, new int[0]).remaining(body).build();
	}

	private static byte[] concat(byte[] first, byte[] second) {
		byte[] both = new byte[first.length + second.length];
		System.arraycopy(first, 0, both, 0, first.length);
		System.arraycopy(second, 0, both, first.length, second.length);
		return both;
	}

}
