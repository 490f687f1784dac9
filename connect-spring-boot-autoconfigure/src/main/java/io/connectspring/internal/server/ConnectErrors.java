package io.connectspring.internal.server;

import io.connectspring.Code;
import io.connectspring.ConnectException;
import io.connectspring.MethodDescriptor;

import java.util.concurrent.CancellationException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.core.io.buffer.DataBufferLimitException;
import reactor.netty.channel.AbortedException;

/**
 * Turns whatever ended a call into the {@link ConnectException} sent to the client, and logs it once: a
 * {@code ConnectException} as is (at debug level), an overflowing buffer as {@link Code#RESOURCE_EXHAUSTED}, anything
 * else as {@link Code#UNKNOWN} with a generic message (logged as an error with its stack trace, which never leaves
 * the server).
 */
public final class ConnectErrors {

	private static final Log logger = LogFactory.getLog(ConnectErrors.class);

	private ConnectErrors() {
	}

	/** Returns the error to send for a failure of the given call. */
	public static ConnectException toConnectException(Throwable failure, CallState state) {
		return toConnectException(failure, state.method());
	}

	/** Returns the error to send for a failure of a call to the given procedure. */
	public static ConnectException toConnectException(Throwable failure, MethodDescriptor<?, ?> method) {
		ConnectException connect = ConnectException.from(failure);
		if (connect != null) {
			if (logger.isDebugEnabled()) {
				logger.debug(method.procedure() + " ended with " + connect.getMessage());
			}
			return connect;
		}
		if (failure instanceof DataBufferLimitException) {
			logger.debug(method.procedure() + ": request over the size limit");
			return new ConnectException(Code.RESOURCE_EXHAUSTED, "message is larger than configured max");
		}
		if (failure instanceof CancellationException || failure instanceof AbortedException) {
			return new ConnectException(Code.CANCELED, "call canceled");
		}
		logger.error(method.procedure() + " failed with an exception that is not a ConnectException;"
				+ " the client gets code unknown", failure);
		return new ConnectException(Code.UNKNOWN, "internal server error");
	}

	/** Returns the code a client gets for a failure, as {@link #toConnectException} decides it, without logging. */
	public static Code codeOf(Throwable failure) {
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

	/** Returns the HTTP status the Connect protocol uses for a code. */
	public static int httpStatus(Code code) {
		return switch (code) {
			case CANCELED -> 499;
			case UNKNOWN, INTERNAL, DATA_LOSS -> 500;
			case INVALID_ARGUMENT, FAILED_PRECONDITION, OUT_OF_RANGE -> 400;
			case DEADLINE_EXCEEDED -> 504;
			case NOT_FOUND -> 404;
			case ALREADY_EXISTS, ABORTED -> 409;
			case PERMISSION_DENIED -> 403;
			case RESOURCE_EXHAUSTED -> 429;
			case UNIMPLEMENTED -> 501;
			case UNAVAILABLE -> 503;
			case UNAUTHENTICATED -> 401;
		};
	}

}
