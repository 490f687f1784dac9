package io.connectspring.internal.protocol;

import io.connectspring.Code;
import io.connectspring.ConnectException;

import java.util.concurrent.CancellationException;

import org.springframework.core.io.buffer.DataBufferLimitException;
import reactor.netty.channel.AbortedException;

/**
 * The code a failure ends a call with: a {@link ConnectException}'s own, {@link Code#RESOURCE_EXHAUSTED} for an
 * overflowing buffer, {@link Code#CANCELED} for a cancellation or an aborted connection, else {@link Code#UNKNOWN}.
 * The server answers with this code (its {@code ConnectErrors}), and the observations of both sides record it.
 */
public final class FailureCode {

	private FailureCode() {
	}

	/** Returns the code the given failure ends a call with. */
	public static Code of(Throwable failure) {
		ConnectException connect = ConnectException.from(failure);
		if (connect != null) {
			return connect.code();
		}
		if (failure instanceof DataBufferLimitException) {
			return Code.RESOURCE_EXHAUSTED;
		}
		return (failure instanceof CancellationException || failure instanceof AbortedException) ? Code.CANCELED
				: Code.UNKNOWN;
	}

}
