package io.connectspring.internal.wire;

import io.connectspring.fixtures.Envelopes;
import io.connectspring.fixtures.FuzzInputs;
import io.connectspring.fixtures.FuzzSeed;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Fuzzes the envelope decoder that every streaming protocol (Connect, gRPC, gRPC-Web) reads request and response
 * bodies with, on bodies split anywhere.
 */
class EnvelopeDecoderFuzzTests {

	/**
	 * A body decodes into envelopes that are the body again, each within the limit, or fails with
	 * {@code invalid_argument} (it ends inside an envelope) or {@code resource_exhausted} (a length prefix over the
	 * limit); every buffer is released either way.
	 */
	@FuzzTest
	void decodesAnyBodyIntoEnvelopesWithinTheLimit(FuzzedDataProvider data) {
		int[] cuts = FuzzInputs.cuts(data);
		byte[] body = data.consumeRemainingAsBytes();
		List<Envelope> envelopes = FuzzInputs.decodeEnvelopes(body, cuts, UnaryOperator.identity(), (refusal) -> {
		});
		if (envelopes == null) {
			return;
		}
		ByteArrayOutputStream again = new ByteArrayOutputStream();
		for (Envelope envelope : envelopes) {
			again.writeBytes(Envelope.toBytes(envelope.flags(), envelope.data()));
		}
		if (!Arrays.equals(again.toByteArray(), body)) {
			throw new AssertionError("the envelopes are not the body they came from");
		}
	}

	@Test
	@EnabledIfSystemProperty(named = "fuzz.writeSeeds", matches = "true")
	void writeSeeds() {
		byte[] two = Envelopes.frame(0, "hello".getBytes(StandardCharsets.UTF_8), new byte[0]);
		Map<String, byte[]> seeds = new LinkedHashMap<>();
		seeds.put("empty", FuzzInputs.cuts(new FuzzSeed()).build());
		seeds.put("two-envelopes", FuzzInputs.cuts(new FuzzSeed()).remaining(two).build());
		seeds.put("split-in-prefix-and-data", FuzzInputs.cuts(new FuzzSeed(), 2, 7, 8).remaining(two).build());
		seeds.put("end-stream", FuzzInputs.cuts(new FuzzSeed(), 5)
			.remaining(Envelopes.frame(2, "{}".getBytes(StandardCharsets.UTF_8)))
			.build());
		seeds.put("truncated", FuzzInputs.cuts(new FuzzSeed()).remaining(new byte[] { 0, 0, 0, 0, 9, 1, 2 }).build());
		seeds.put("at-the-limit", FuzzInputs.cuts(new FuzzSeed(), 3)
			.remaining(Envelopes.frame(1, new byte[FuzzInputs.LIMIT]))
			.build());
		seeds.put("over-the-limit", FuzzInputs.cuts(new FuzzSeed())
			.remaining(new byte[] { 0, 0, 1, 0, 1 })
			.build());
		seeds.put("largest-length", FuzzInputs.cuts(new FuzzSeed())
			.remaining(new byte[] { 0, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF })
			.build());
		FuzzSeed.write(getClass(), "decodesAnyBodyIntoEnvelopesWithinTheLimit", seeds);
	}

}
