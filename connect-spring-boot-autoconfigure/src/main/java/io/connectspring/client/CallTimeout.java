package io.connectspring.client;

import io.connectspring.Code;
import io.connectspring.ConnectException;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The time one client call may take: its own timeout (the call's, else the transport's), or the time left of the
 * deadline it inherits from the server call it is made in, whichever is shorter.
 *
 * @param duration how long the call may take; zero when the inherited deadline has passed already
 * @param inherited whether the duration is what is left of the inherited deadline
 */
record CallTimeout(Duration duration, boolean inherited) {

	/**
	 * Returns the time a call may take, or {@code null} when it may take any time.
	 * @param own the call's own timeout, or {@code null} for none
	 * @param inherited the deadline the call inherits, or {@code null} when it inherits none (or opted out)
	 * @param now the current time
	 */
	static @Nullable CallTimeout of(@Nullable Duration own, @Nullable Instant inherited, Instant now) {
		if (inherited == null) {
			return (own != null) ? new CallTimeout(own, false) : null;
		}
		Duration left = Duration.between(now, inherited);
		if (left.isNegative()) {
			left = Duration.ZERO;
		}
		return (own != null && own.compareTo(left) <= 0) ? new CallTimeout(own, false) : new CallTimeout(left, true);
	}

	/** Returns whether no time is left: the call must fail without being sent. */
	boolean expired() {
		return this.duration.isZero();
	}

	/** Returns the error of a call that did not complete in time. */
	ConnectException exceeded() {
		if (!this.inherited) {
			return new ConnectException(Code.DEADLINE_EXCEEDED,
					"the call did not complete within its timeout of " + this.duration.toMillis() + " ms");
		}
		if (expired()) {
			return new ConnectException(Code.DEADLINE_EXCEEDED, "the deadline the call inherited from the server call"
					+ " it was made in had passed before it was sent");
		}
		return new ConnectException(Code.DEADLINE_EXCEEDED, "the call did not complete within the "
				+ this.duration.toMillis()
				+ " ms left of the deadline it inherited from the server call it was made in");
	}

}
