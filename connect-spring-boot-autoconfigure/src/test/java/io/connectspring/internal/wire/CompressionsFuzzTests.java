package io.connectspring.internal.wire;

import io.connectspring.Code;
import io.connectspring.Compression;
import io.connectspring.ConnectException;
import io.connectspring.fixtures.FuzzInputs;
import io.connectspring.fixtures.FuzzSeed;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Fuzzes bounded decompression with every built-in compression, and the negotiation of compressions from the
 * content-encoding and accept-encoding headers of all protocols.
 */
class CompressionsFuzzTests {

	private static final List<Compression> BUILT_IN = BuiltInCompressions.onClassPath().available();

	private static final Compressions COMPRESSIONS = new Compressions(BUILT_IN, 0);

	/**
	 * What decompressing at most {@link FuzzInputs#LIMIT} bytes may allocate on the heap: the growing output buffer
	 * and its copy (a few times the limit), and the libraries' own buffers.
	 */
	private static final long MAX_ALLOCATION = 4L * FuzzInputs.LIMIT + 512 * 1024;

	static {
		// The first calls load and initialize classes, which the allocation count must not see.
		for (Compression compression : BUILT_IN) {
			for (byte[] input : List.of(Compressions.compress(compression, new byte[FuzzInputs.LIMIT + 1]),
					new byte[] { 1, 2, 3 }, new byte[0])) {
				try {
					Compressions.decompress(compression, input, FuzzInputs.LIMIT);
				}
				catch (ConnectException ex) {
					// Expected for the bomb and the corrupt input.
				}
			}
		}
	}

	private static final String[] NAMES = { null, "", "identity", "gzip", "br", "zstd" };

	private static final String[] ACCEPTS = { null, "", "gzip", "br, zstd", "zstd;q=1.0,gzip", " \tdeflate ,br" };

	/**
	 * Any bytes within the message limit decompress to at most the limit, or fail with {@code invalid_argument}
	 * (corrupt) or {@code resource_exhausted} (a bomb), allocating no more than a few times the limit.
	 */
	@FuzzTest
	void decompressesAnyBytesWithinTheLimit(FuzzedDataProvider data) {
		Compression compression = BUILT_IN.get(data.consumeInt(0, BUILT_IN.size() - 1));
		byte[] compressed = data.consumeBytes(FuzzInputs.LIMIT);
		long before = FuzzInputs.allocatedBytes();
		try {
			byte[] plain = Compressions.decompress(compression, compressed, FuzzInputs.LIMIT);
			FuzzInputs.assertWithinLimit(plain.length, FuzzInputs.LIMIT, "a decompressed message");
		}
		catch (ConnectException ex) {
			FuzzInputs.expectCode(ex, Code.INVALID_ARGUMENT, Code.RESOURCE_EXHAUSTED);
		}
		FuzzInputs.assertWithinLimit(FuzzInputs.allocatedBytes() - before, MAX_ALLOCATION,
				"the heap allocated to decompress " + compression.name());
	}

	/**
	 * A request's encoding is a supported one, identity or absent, or negotiation fails with {@code unimplemented};
	 * the response's is the request's, else one the client accepts, else none.
	 */
	@FuzzTest
	void negotiatesAnyEncodingHeaders(FuzzedDataProvider data) {
		String sent = FuzzInputs.option(data, NAMES);
		String accept = FuzzInputs.option(data, ACCEPTS);
		Compressions.Negotiated negotiated;
		try {
			negotiated = COMPRESSIONS.negotiate(sent, accept);
		}
		catch (ConnectException ex) {
			FuzzInputs.expectCode(ex, Code.UNIMPLEMENTED);
			if (COMPRESSIONS.get(sent) != null) {
				throw new AssertionError("supported encoding \"" + sent + "\" refused", ex);
			}
			return;
		}
		Compression request = negotiated.request();
		Compression response = negotiated.response();
		if (request != null && (!request.name().equals(sent) || response != request)) {
			throw new AssertionError("request compression " + request.name() + " for \"" + sent + "\"");
		}
		if (request == null && sent != null && COMPRESSIONS.get(sent) != null) {
			throw new AssertionError("supported encoding \"" + sent + "\" ignored");
		}
		if (request == null && response != null && (accept == null || !accept.contains(response.name()))) {
			throw new AssertionError("response compression " + response.name() + " not in \"" + accept + "\"");
		}
	}

	@Test
	@EnabledIfSystemProperty(named = "fuzz.writeSeeds", matches = "true")
	void writeSeeds() {
		byte[] text = "a message, a message, a message".getBytes(StandardCharsets.UTF_8);
		Map<String, byte[]> decompress = new LinkedHashMap<>();
		for (int i = 0; i < BUILT_IN.size(); i++) {
			String name = BUILT_IN.get(i).name();
			decompress.put(name, seed(i, Compressions.compress(BUILT_IN.get(i), text)));
			decompress.put(name + "-bomb",
					seed(i, Compressions.compress(BUILT_IN.get(i), new byte[FuzzInputs.LIMIT * 16])));
			decompress.put(name + "-at-the-limit",
					seed(i, Compressions.compress(BUILT_IN.get(i), new byte[FuzzInputs.LIMIT])));
			decompress.put(name + "-not-compressed", seed(i, text));
		}
		FuzzSeed.write(getClass(), "decompressesAnyBytesWithinTheLimit", decompress);
		Map<String, byte[]> negotiate = new LinkedHashMap<>();
		for (String name : NAMES) {
			for (String accept : ACCEPTS) {
				FuzzSeed seed = new FuzzSeed();
				FuzzInputs.option(seed, name, NAMES);
				FuzzInputs.option(seed, accept, ACCEPTS);
				negotiate.put(file(name) + "-" + file(accept), seed.build());
			}
		}
		FuzzSeed seed = new FuzzSeed();
		FuzzInputs.option(seed, "lz4", NAMES);
		FuzzInputs.option(seed, "x-unknown;q=0.1,  gzip;q=0", ACCEPTS);
		negotiate.put("unknown", seed.build());
		FuzzSeed.write(getClass(), "negotiatesAnyEncodingHeaders", negotiate);
	}

	private static byte[] seed(int compression, byte[] bytes) {
		return new FuzzSeed().integer(compression, 0, BUILT_IN.size() - 1).bytes(bytes).build();
	}

	private static String file(@Nullable String value) {
		return (value == null) ? "absent" : value.isEmpty() ? "empty" : value.replaceAll("[^a-z0-9]+", "_");
	}

}
