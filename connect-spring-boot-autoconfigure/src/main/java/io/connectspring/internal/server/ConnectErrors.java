package io.connectspring.internal.server;

import io.connectspring.Code;
import io.connectspring.ConnectException;
import io.connectspring.MethodDescriptor;
import io.connectspring.internal.protocol.FailureCode;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Turns whatever ended a call into the {@link ConnectException} sent to the client, with the code
 * {@link FailureCode} gives it, and logs it once: a {@code ConnectException} as is (at debug level), an overflowing
 * buffer as {@link Code#RESOURCE_EXHAUSTED}, anything else as {@link Code#UNKNOWN} with a generic message (logged as
 * an error with its stack trace, which never leaves the server).
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
		return switch (FailureCode.of(failure)) {
			case RESOURCE_EXHAUSTED -> {
				logger.debug(method.procedure() + ": request over the size limit");
				yield new ConnectException(Code.RESOURCE_EXHAUSTED, "message is larger than configured max");
			}
			case CANCELED -> new ConnectException(Code.CANCELED, "call canceled");
			default -> {
				logger.error(method.procedure() + " failed with an exception that is not a ConnectException;"
						+ " the client gets code unknown", failure);
				yield new ConnectException(Code.UNKNOWN, "internal server error");
			}
		};
	}

}
