package io.connectspring.internal.wire;

import io.connectspring.Code;
import io.connectspring.ConnectException;
import io.connectspring.fixtures.FuzzInputs;
import io.connectspring.fixtures.FuzzSeed;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** Fuzzes the parsing of gRPC's {@code grpc-timeout} header, and its formatting back. */
class GrpcTimeoutFuzzTests {

	/**
	 * A value is no timeout (absent, or too long to be a deadline), a timeout that formats back to a value of the
	 * same duration, or fails with {@code invalid_argument}; a well-formed value is never refused.
	 */
	@FuzzTest
	void parsesAnyGrpcTimeout(byte[] input) {
		String header = new String(input, StandardCharsets.UTF_8);
		Duration timeout;
		try {
			timeout = GrpcTimeout.parse(header);
		}
		catch (ConnectException ex) {
			FuzzInputs.expectCode(ex, Code.INVALID_ARGUMENT);
			if (header.matches("[0-9]{1,8}[HMSmun]")) {
				throw new AssertionError("valid timeout \"" + header + "\" refused", ex);
			}
			return;
		}
		if (timeout == null) {
			return;
		}
		if (timeout.isNegative()) {
			throw new AssertionError("\"" + header + "\" read as " + timeout);
		}
		String formatted = GrpcTimeout.format(timeout);
		if (!timeout.equals(GrpcTimeout.parse(formatted)) && !timeout.isZero()) {
			throw new AssertionError("\"" + header + "\" read as " + timeout + ", written as \"" + formatted + "\"");
		}
	}

	@Test
	@EnabledIfSystemProperty(named = "fuzz.writeSeeds", matches = "true")
	void writeSeeds() {
		Map<String, byte[]> seeds = new LinkedHashMap<>();
		for (String value : new String[] { "1H", "99999999H", "30M", "10S", "250m", "1u", "0n", "123456789S", "1",
				"S", "1x", "-1S", "" }) {
			seeds.put("value-" + seeds.size(), value.getBytes(StandardCharsets.UTF_8));
		}
		FuzzSeed.write(getClass(), "parsesAnyGrpcTimeout", seeds);
	}

}
