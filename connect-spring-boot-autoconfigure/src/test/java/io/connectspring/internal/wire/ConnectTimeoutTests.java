package io.connectspring.internal.wire;

import io.connectspring.Code;
import io.connectspring.ConnectException;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ConnectTimeoutTests {

	@Test
	void anAbsentHeaderIsNoTimeout() {
		assertThat(ConnectTimeout.parse(null)).isNull();
	}

	@Test
	void aHeaderIsMillisecondsOfUpToTenDigits() {
		assertThat(ConnectTimeout.parse("0")).isEqualTo(Duration.ZERO);
		assertThat(ConnectTimeout.parse("250")).isEqualTo(Duration.ofMillis(250));
		assertThat(ConnectTimeout.parse("9999999999")).isEqualTo(Duration.ofMillis(9_999_999_999L));
	}

	@Test
	void aMalformedHeaderIsAnInvalidArgument() {
		for (String header : new String[] { "", "10000000000", "-1", "+1", "1.5", " 1", "1s" }) {
			assertThatExceptionOfType(ConnectException.class).as(header)
				.isThrownBy(() -> ConnectTimeout.parse(header))
				.satisfies((ex) -> assertThat(ex.code()).isEqualTo(Code.INVALID_ARGUMENT));
		}
	}

	@Test
	void aTimeoutIsRoundedUpSoThatTheServerNeverGivesUpFirst() {
		assertThat(ConnectTimeout.format(Duration.ofMillis(200))).isEqualTo("200");
		assertThat(ConnectTimeout.format(Duration.ofNanos(199_000_001))).isEqualTo("200");
		assertThat(ConnectTimeout.format(Duration.ofNanos(1))).isEqualTo("1");
	}

	@Test
	void aTimeoutStaysWithinTheHeadersTenDigits() {
		assertThat(ConnectTimeout.format(Duration.ofDays(400))).isEqualTo("9999999999");
	}

}
