package io.connectspring;

import io.connectspring.fixtures.FuzzSeed;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.http.HttpHeaders;

/** Fuzzes the decoding of binary ({@code -bin}) metadata values, as peers send them in headers and trailers. */
class MetadataFuzzTests {

	/**
	 * Any value decodes or fails with {@code IllegalArgumentException} (the documented contract); the four spellings
	 * of the same bytes (standard or URL-safe alphabet, padded or not) decode to those bytes.
	 */
	@FuzzTest
	void decodesAnyBinaryValueOrRejectsIt(FuzzedDataProvider data) {
		boolean asText = data.consumeBoolean();
		byte[] input = data.consumeRemainingAsBytes();
		if (asText) {
			HttpHeaders headers = new HttpHeaders();
			headers.add("x-value-bin", new String(input, StandardCharsets.ISO_8859_1));
			try {
				Metadata.getBinary(headers, "x-value-bin");
			}
			catch (IllegalArgumentException ex) {
				// The contract.
			}
			return;
		}
		for (Base64.Encoder encoder : List.of(Base64.getEncoder(), Base64.getEncoder().withoutPadding(),
				Base64.getUrlEncoder(), Base64.getUrlEncoder().withoutPadding())) {
			byte[] decoded = Metadata.decodeBase64(encoder.encodeToString(input));
			if (!Arrays.equals(decoded, input)) {
				throw new AssertionError("base64 did not decode to the bytes it encodes");
			}
		}
	}

	@Test
	@EnabledIfSystemProperty(named = "fuzz.writeSeeds", matches = "true")
	void writeSeeds() {
		Map<String, byte[]> seeds = new LinkedHashMap<>();
		for (String value : new String[] { "aGk", "aGk=", "-_-_", "+/+/", "+_", " aGk ", "a", "aGk==", "=", "" }) {
			seeds.put("text-" + seeds.size(),
					new FuzzSeed().bool(true).remaining(value.getBytes(StandardCharsets.ISO_8859_1)).build());
		}
		seeds.put("bytes", new FuzzSeed().bool(false).remaining(new byte[] { -1, -2, 0, 62, 63 }).build());
		FuzzSeed.write(getClass(), "decodesAnyBinaryValueOrRejectsIt", seeds);
	}

}
