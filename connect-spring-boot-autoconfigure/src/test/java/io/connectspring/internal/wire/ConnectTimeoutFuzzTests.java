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

/** Fuzzes the parsing of Connect's {@code Connect-Timeout-Ms} header. */
class ConnectTimeoutFuzzTests {

	private static final long MAX_MILLIS = 9_999_999_999L;

	/**
	 * A value is a timeout of 0 to 9,999,999,999 ms that is the header's digits, or fails with
	 * {@code invalid_argument}.
	 */
	@FuzzTest
	void parsesAnyConnectTimeout(byte[] input) {
		String header = new String(input, StandardCharsets.UTF_8);
		Duration timeout;
		try {
			timeout = ConnectTimeout.parse(header);
		}
		catch (ConnectException ex) {
			FuzzInputs.expectCode(ex, Code.INVALID_ARGUMENT);
			if (header.matches("[0-9]{1,10}")) {
				throw new AssertionError("valid timeout \"" + header + "\" refused", ex);
			}
			return;
		}
		if (timeout == null || timeout.isNegative() || timeout.toMillis() > MAX_MILLIS
				|| timeout.toMillis() != Long.parseLong(header)) {
			throw new AssertionError("\"" + header + "\" read as " + timeout);
		}
	}

	@Test
	@EnabledIfSystemProperty(named = "fuzz.writeSeeds", matches = "true")
	void writeSeeds() {
		Map<String, byte[]> seeds = new LinkedHashMap<>();
		for (String value : new String[] { "0", "1000", "9999999999", "10000000000", "-1", "+1", "1.5", " 1", "" }) {
			seeds.put("value-" + seeds.size(), value.getBytes(StandardCharsets.UTF_8));
		}
		FuzzSeed.write(getClass(), "parsesAnyConnectTimeout", seeds);
	}

}
