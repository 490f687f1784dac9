package io.connectspring.internal.wire;

import io.connectspring.Code;
import io.connectspring.ConnectException;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class GrpcTimeoutTests {

	@Test
	void everyUnitIsParsed() {
		assertThat(GrpcTimeout.parse("2H")).isEqualTo(Duration.ofHours(2));
		assertThat(GrpcTimeout.parse("3M")).isEqualTo(Duration.ofMinutes(3));
		assertThat(GrpcTimeout.parse("4S")).isEqualTo(Duration.ofSeconds(4));
		assertThat(GrpcTimeout.parse("5m")).isEqualTo(Duration.ofMillis(5));
		assertThat(GrpcTimeout.parse("6u")).isEqualTo(Duration.ofNanos(6_000));
		assertThat(GrpcTimeout.parse("7n")).isEqualTo(Duration.ofNanos(7));
		assertThat(GrpcTimeout.parse("99999999m")).isEqualTo(Duration.ofMillis(99_999_999));
		assertThat(GrpcTimeout.parse("0n")).isEqualTo(Duration.ZERO);
	}

	@Test
	void absentOrEmptyHeaderIsNoTimeout() {
		assertThat(GrpcTimeout.parse(null)).isNull();
		assertThat(GrpcTimeout.parse("")).isNull();
	}

	@Test
	void hoursBeyondWhatANanosecondDeadlineHoldsAreNoTimeout() {
		assertThat(GrpcTimeout.parse("99999999H")).isNull();
		assertThat(GrpcTimeout.parse("2562047H")).isEqualTo(Duration.ofHours(2_562_047));
	}

	@ParameterizedTest
	@ValueSource(strings = { "S", "1", "123456789S", "1s", "1x", "-1S", "+1S", "1.5S", " 1S", "1 S", "1SS", "١S" })
	void malformedValuesAreInvalidArgument(String header) {
		assertThatExceptionOfType(ConnectException.class).isThrownBy(() -> GrpcTimeout.parse(header))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(Code.INVALID_ARGUMENT))
			.withMessageContaining("grpc-timeout");
	}

	@Test
	void formatPicksTheShortestExactForm() {
		assertThat(GrpcTimeout.format(Duration.ofSeconds(1))).isEqualTo("1S");
		assertThat(GrpcTimeout.format(Duration.ofMillis(1500))).isEqualTo("1500m");
		assertThat(GrpcTimeout.format(Duration.ofMinutes(90))).isEqualTo("90M");
		assertThat(GrpcTimeout.format(Duration.ofHours(48))).isEqualTo("48H");
		assertThat(GrpcTimeout.format(Duration.ofNanos(1_500))).isEqualTo("1500n");
		assertThat(GrpcTimeout.format(Duration.ofNanos(250_000))).isEqualTo("250u");
	}

	@Test
	void formatRoundsDownToTheFinestUnitThatFitsEightDigits() {
		// 1.234567891 s: nanoseconds need 10 digits, microseconds 7 digits.
		assertThat(GrpcTimeout.format(Duration.ofNanos(1_234_567_891))).isEqualTo("1234567u");
		assertThat(GrpcTimeout.format(Duration.ofSeconds(100_000_000).plusMillis(1))).isEqualTo("1666666M");
	}

	@Test
	void formatClampsZeroNegativeAndHugeTimeouts() {
		assertThat(GrpcTimeout.format(Duration.ZERO)).isEqualTo("0n");
		assertThat(GrpcTimeout.format(Duration.ofSeconds(-1))).isEqualTo("0n");
		assertThat(GrpcTimeout.format(Duration.ofHours(100_000_000))).isEqualTo("99999999H");
	}

	@Test
	void formattedTimeoutsParseBackWithinTheirUnit() {
		for (Duration timeout : new Duration[] { Duration.ofMillis(1), Duration.ofMillis(987_654_321),
				Duration.ofNanos(12_345), Duration.ofDays(400) }) {
			String header = GrpcTimeout.format(timeout);
			assertThat(header.length()).isLessThanOrEqualTo(9);
			assertThat(GrpcTimeout.parse(header)).isLessThanOrEqualTo(timeout);
		}
	}

}
