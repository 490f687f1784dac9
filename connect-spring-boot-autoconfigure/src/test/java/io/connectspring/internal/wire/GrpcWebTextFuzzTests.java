package io.connectspring.internal.wire;

import io.connectspring.fixtures.Envelopes;
import io.connectspring.fixtures.FuzzInputs;
import io.connectspring.fixtures.FuzzSeed;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;

/**
 * Fuzzes the base64 body of {@code application/grpc-web-text}, split anywhere, through the envelope decoder that
 * reads it next, as the server reads it.
 */
class GrpcWebTextFuzzTests {

	/**
	 * A body decodes into envelopes within the limit or fails with {@code invalid_argument} (not base64, not whole,
	 * or ending inside an envelope) or {@code resource_exhausted}; base64 of any bytes, in padded chunks, decodes to
	 * those bytes; every buffer is released.
	 */
	@FuzzTest
	void decodesAnyTextBodyOrRejectsIt(FuzzedDataProvider data) {
		boolean encode = data.consumeBoolean();
		int[] cuts = FuzzInputs.cuts(data);
		byte[] input = data.consumeRemainingAsBytes();
		byte[] body = encode ? Base64.getMimeEncoder().encode(input) : input;
		FuzzInputs.decodeEnvelopes(body, cuts,
				(buffers) -> GrpcWebText.decode(buffers, DefaultDataBufferFactory.sharedInstance), (refusal) -> {
					if (encode && refusal.getMessage().contains("base64")) {
						throw new AssertionError("base64 written by the JDK refused", refusal);
					}
				});
	}

	@Test
	@EnabledIfSystemProperty(named = "fuzz.writeSeeds", matches = "true")
	void writeSeeds() {
		byte[] two = Envelopes.frame(0, "hello".getBytes(StandardCharsets.UTF_8), new byte[0]);
		Map<String, byte[]> seeds = new LinkedHashMap<>();
		seeds.put("encoded", seed(true, new int[] { 3, 9 }, two));
		String paddedChunks = Base64.getEncoder().encodeToString(Envelopes.frame(0, new byte[1]))
				+ Base64.getEncoder().encodeToString(two);
		seeds.put("padded-chunks", seed(false, new int[] { 2 }, paddedChunks.getBytes(StandardCharsets.US_ASCII)));
		seeds.put("line-breaks", seed(false, new int[0], "AAAA\r\nAAAB\n".getBytes(StandardCharsets.US_ASCII)));
		seeds.put("not-base64", seed(false, new int[0], "AA*A".getBytes(StandardCharsets.US_ASCII)));
		seeds.put("not-whole", seed(false, new int[] { 1 }, "AAAAA".getBytes(StandardCharsets.US_ASCII)));
		seeds.put("url-alphabet", seed(false, new int[0], "AA-_".getBytes(StandardCharsets.US_ASCII)));
		seeds.put("over-the-limit", seed(true, new int[0], new byte[] { 0, 0, 1, 0, 1 }));
		FuzzSeed.write(getClass(), "decodesAnyTextBodyOrRejectsIt", seeds);
	}

	private static byte[] seed(boolean encode, int[] cuts, byte[] body) {
		return FuzzInputs.cuts(new FuzzSeed().bool(encode), cuts).remaining(body).build();
	}

}
