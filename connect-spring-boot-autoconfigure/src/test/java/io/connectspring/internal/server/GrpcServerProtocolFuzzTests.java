package io.connectspring.internal.server;

import io.connectspring.Code;
import io.connectspring.ConnectException;
import io.connectspring.fixtures.EchoService;
import io.connectspring.fixtures.Envelopes;
import io.connectspring.fixtures.FuzzInputs;
import io.connectspring.fixtures.FuzzSeed;
import io.connectspring.fixtures.FuzzServer;
import io.connectspring.internal.wire.BuiltInCompressions;
import io.connectspring.internal.wire.Codec;
import io.connectspring.internal.wire.Codecs;
import io.connectspring.internal.wire.Compressions;
import io.connectspring.internal.wire.GrpcHeaders;
import io.connectspring.internal.wire.GrpcStatus;
import io.connectspring.internal.wire.GrpcTimeout;
import io.connectspring.internal.wire.JsonCodec;
import io.connectspring.internal.wire.ProtoCodec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

/**
 * Fuzzes what the gRPC server protocol reads of a call (the in-memory WebFlux stack sends no HTTP/2 trailers, so gRPC
 * proper is fuzzed below the response): the negotiation of {@code grpc-encoding}, {@code grpc-accept-encoding} and
 * {@code grpc-timeout}, then the request body, split anywhere, through the envelope decoder, decompression and the
 * codec.
 */
class GrpcServerProtocolFuzzTests {

	private static final String[] TIMEOUTS = { null, "10S", "0n", "99999999H" };

	private static final ProcedureSpec SPEC = new ProcedureSpec(EchoService.CHAT,
			new ProcedureSpec.Limits(FuzzInputs.LIMIT, FuzzInputs.LIMIT,
					new Compressions(BuiltInCompressions.onClassPath().available(), 0)),
			new Codecs(List.of(ProtoCodec.INSTANCE, new JsonCodec(JsonFormat.TypeRegistry.getEmptyTypeRegistry()))),
			false);

	/**
	 * Negotiation succeeds or fails with {@code unimplemented} (an unknown encoding) or {@code invalid_argument} (a
	 * malformed timeout); the body then decodes into messages or fails with {@code invalid_argument} (truncated or
	 * not a message), {@code resource_exhausted} (over the limit, before or after decompression) or
	 * {@code internal} (unknown flags, or compressed without an encoding, as gRPC says); every buffer is released.
	 */
	@FuzzTest
	void negotiatesAndDecodesAnyCall(FuzzedDataProvider data) {
		String encoding = FuzzInputs.option(data, FuzzServer.ENCODINGS);
		String accept = FuzzInputs.option(data, FuzzServer.ENCODINGS);
		String timeout = FuzzInputs.option(data, TIMEOUTS);
		Codec codec = data.consumeBoolean() ? ProtoCodec.INSTANCE : SPEC.codecs().get("json");
		int[] cuts = FuzzInputs.cuts(data);
		byte[] body = data.consumeRemainingAsBytes();
		HttpHeaders headers = FuzzServer.headers(GrpcHeaders.ENCODING, encoding, GrpcHeaders.ACCEPT_ENCODING, accept,
				GrpcTimeout.HEADER, timeout);
		headers.set(HttpHeaders.CONTENT_TYPE,
				(codec == ProtoCodec.INSTANCE) ? "application/grpc" : "application/grpc+json");
		RequestHead head = new RequestHead(HttpMethod.POST, headers, RequestHead.NO_QUERY, null, false);
		Negotiation negotiated = GrpcServerProtocol.grpc().negotiate(head, SPEC);
		if (negotiated instanceof Refusal refusal) {
			String status = refusal.headers().getFirst(GrpcStatus.STATUS);
			if (!Integer.toString(Code.UNIMPLEMENTED.number()).equals(status)
					&& !Integer.toString(Code.INVALID_ARGUMENT.number()).equals(status)) {
				throw new AssertionError("refused with grpc-status " + status);
			}
			return;
		}
		ServerCall negotiation = (ServerCall) negotiated;
		if (negotiation.codec() != codec) {
			throw new AssertionError("negotiated " + negotiation.codec().name() + ", sent " + codec.name());
		}
		if (negotiation.timeout() != null && negotiation.timeout().isNegative()) {
			throw new AssertionError("negative timeout " + negotiation.timeout());
		}
		List<DataBuffer> buffers = new ArrayList<>();
		try {
			List<Message> messages = GrpcServerProtocol
				.requests(negotiation, FuzzInputs.body(FuzzInputs.split(body, cuts), buffers))
				.collectList()
				.block();
			for (Message message : messages) {
				FuzzInputs.assertWithinLimit(message.getSerializedSize(), FuzzInputs.LIMIT, "a request message");
			}
		}
		catch (ConnectException ex) {
			FuzzInputs.expectCode(ex, Code.INVALID_ARGUMENT, Code.RESOURCE_EXHAUSTED, Code.INTERNAL);
		}
		FuzzInputs.assertReleased(buffers);
	}

	@Test
	@EnabledIfSystemProperty(named = "fuzz.writeSeeds", matches = "true")
	void writeSeeds() {
		byte[] hi = EchoService.string("hi").toByteArray();
		Map<String, byte[]> seeds = new LinkedHashMap<>();
		seeds.put("proto", seed(null, null, "10S", true, new int[0], Envelopes.frame(0, hi, hi)));
		seeds.put("json-split",
				seed(null, "gzip", null, false, new int[] { 1, 6, 9 }, Envelopes.json("\"a\"", "\"b\"")));
		seeds.put("gzip", seed("gzip", "gzip", null, true, new int[] { 5 },
				Envelopes.frame(1, FuzzInputs.compress("gzip", hi))));
		seeds.put("br", seed("br", null, null, true, new int[0], Envelopes.frame(1, FuzzInputs.compress("br", hi))));
		seeds.put("zstd", seed("zstd", "zstd", "0n", true, new int[0],
				Envelopes.frame(1, FuzzInputs.compress("zstd", hi))));
		seeds.put("gzip-bomb", seed("gzip", null, null, true, new int[0],
				Envelopes.frame(1, FuzzInputs.compress("gzip", new byte[FuzzInputs.LIMIT * 8]))));
		seeds.put("unknown-flags", seed(null, null, null, true, new int[0], Envelopes.frame(2, hi)));
		seeds.put("compressed-without-encoding", seed(null, null, null, true, new int[0], Envelopes.frame(1, hi)));
		seeds.put("unknown-encoding", seed("lz4", null, null, true, new int[0], new byte[0]));
		seeds.put("bad-timeout", seed(null, null, "1x", true, new int[0], new byte[0]));
		seeds.put("bad-json", seed(null, null, null, false, new int[0],
				Envelopes.frame(0, "{".getBytes(StandardCharsets.UTF_8))));
		FuzzSeed.write(getClass(), "negotiatesAndDecodesAnyCall", seeds);
	}

	private static byte[] seed(@Nullable String encoding, @Nullable String accept, @Nullable String timeout,
			boolean proto, int[] cuts, byte[] body) {
		FuzzSeed seed = new FuzzSeed();
		FuzzInputs.option(seed, encoding, FuzzServer.ENCODINGS);
		FuzzInputs.option(seed, accept, FuzzServer.ENCODINGS);
		FuzzInputs.option(seed, timeout, TIMEOUTS);
		seed.bool(proto);
		return FuzzInputs.cuts(seed, cuts).remaining(body).build();
	}

}
