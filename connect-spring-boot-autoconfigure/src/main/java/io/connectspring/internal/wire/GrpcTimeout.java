package io.connectspring.internal.wire;

import io.connectspring.Code;
import io.connectspring.ConnectException;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

import org.jspecify.annotations.Nullable;

/**
 * gRPC's {@code grpc-timeout} header: one to eight ASCII digits followed by a unit ({@code H}ours, {@code M}inutes,
 * {@code S}econds, {@code m}illiseconds, {@code u} microseconds, {@code n}anoseconds). Shared by the gRPC and
 * gRPC-Web protocols, on the server (parsing) and the client (formatting).
 *
 * @see <a href="https://github.com/grpc/grpc/blob/master/doc/PROTOCOL-HTTP2.md#requests">gRPC over HTTP/2:
 * Timeout</a>
 */
public final class GrpcTimeout {

	/** The header's name. */
	public static final String HEADER = "grpc-timeout";

	private static final long MAX_VALUE = 99_999_999L;

	/** The units from the finest to the coarsest, with their wire letters at the same index. */
	private static final ChronoUnit[] UNITS = { ChronoUnit.NANOS, ChronoUnit.MICROS, ChronoUnit.MILLIS,
			ChronoUnit.SECONDS, ChronoUnit.MINUTES, ChronoUnit.HOURS };

	private static final char[] LETTERS = { 'n', 'u', 'm', 'S', 'M', 'H' };

	/** The longest timeout that still fits a deadline in nanoseconds; anything longer is no deadline at all. */
	private static final Duration UNBOUNDED = Duration.ofNanos(Long.MAX_VALUE);

	private GrpcTimeout() {
	}

	/**
	 * Parses a {@code grpc-timeout} value.
	 * @param header the header's value, or {@code null} when absent
	 * @return the timeout, or {@code null} when the header is absent or so large (more than about 292 years) that
	 * it is no deadline at all, as grpc-go and connect-go treat it
	 * @throws ConnectException with {@link Code#INVALID_ARGUMENT} for a malformed value, as connect-go answers
	 */
	public static @Nullable Duration parse(@Nullable String header) {
		if (header == null || header.isEmpty()) {
			return null;
		}
		int digits = header.length() - 1;
		if (digits < 1) {
			throw invalid(header, "must be digits followed by a unit");
		}
		if (digits > 8) {
			throw invalid(header, "is too long: at most 8 digits");
		}
		int unit = unitIndex(header.charAt(digits));
		if (unit < 0) {
			throw invalid(header, "has an invalid unit: use one of H, M, S, m, u, n");
		}
		long value = 0;
		for (int i = 0; i < digits; i++) {
			char c = header.charAt(i);
			if (c < '0' || c > '9') {
				throw invalid(header, "must be digits followed by a unit");
			}
			value = value * 10 + (c - '0');
		}
		Duration timeout = UNITS[unit].getDuration().multipliedBy(value);
		return (timeout.compareTo(UNBOUNDED) > 0) ? null : timeout;
	}

	/**
	 * Formats a timeout in the shortest form that keeps it exact, or, when no unit represents it exactly in eight
	 * digits, in the finest unit that fits (rounding down). Zero and negative timeouts are {@code "0n"}; timeouts
	 * past {@code 99999999H} are clamped to it.
	 */
	public static String format(Duration timeout) {
		if (timeout.isNegative() || timeout.isZero()) {
			return "0n";
		}
		int finestFitting = -1;
		for (int i = UNITS.length - 1; i >= 0; i--) {
			Duration unit = UNITS[i].getDuration();
			long value = timeout.dividedBy(unit);
			if (value > MAX_VALUE) {
				break;
			}
			if (unit.multipliedBy(value).equals(timeout)) {
				return value + String.valueOf(LETTERS[i]);
			}
			finestFitting = i;
		}
		if (finestFitting < 0) {
			return MAX_VALUE + "H";
		}
		return timeout.dividedBy(UNITS[finestFitting].getDuration()) + String.valueOf(LETTERS[finestFitting]);
	}

	private static int unitIndex(char letter) {
		for (int i = 0; i < LETTERS.length; i++) {
			if (LETTERS[i] == letter) {
				return i;
			}
		}
		return -1;
	}

	private static ConnectException invalid(String header, String problem) {
		return new ConnectException(Code.INVALID_ARGUMENT,
				"protocol error: grpc-timeout \"" + header + "\" " + problem);
	}

}
