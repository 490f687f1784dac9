package io.connectspring.server.grpcjava;

import io.connectspring.Code;
import io.connectspring.ConnectException;
import io.connectspring.internal.wire.GrpcStatus;

import java.util.Set;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import org.jspecify.annotations.Nullable;

/**
 * Turns the {@link Status} a grpc-java service ends a call with into the error the runtime sends, in whichever
 * protocol the client speaks: the code of the same number, the description as the message, and the details that
 * grpc-java's {@code StatusProto} puts in the {@code grpc-status-details-bin} trailer.
 */
final class GrpcJavaStatus {

	/** The trailers that carry the status itself; the runtime writes them from the error, never from the service. */
	static final Set<String> STATUS_TRAILERS = Set.of(GrpcStatus.STATUS, GrpcStatus.MESSAGE, GrpcStatus.DETAILS);

	private static final Metadata.Key<byte[]> DETAILS = Metadata.Key.of(GrpcStatus.DETAILS,
			Metadata.BINARY_BYTE_MARSHALLER);

	private GrpcJavaStatus() {
	}

	/**
	 * Returns the error a status stands for, or {@code null} for {@link Status#isOk() OK}. The status's cause stays
	 * on the server, as grpc-java keeps it; details in the trailers that are not a {@code google.rpc.Status} are
	 * left out.
	 */
	static @Nullable ConnectException toError(Status status, Metadata trailers) {
		if (status.isOk()) {
			return null;
		}
		Code code = GrpcStatus.code(status.getCode().value());
		String description = status.getDescription();
		ConnectException error = new ConnectException(code, (description != null) ? description : "",
				status.getCause());
		byte[] details = trailers.get(DETAILS);
		if (details != null) {
			try {
				ConnectException described = GrpcStatus.fromStatusBytes(details);
				if (described != null) {
					error.details().addAll(described.details());
				}
			}
			catch (ConnectException ex) {
				// Not a google.rpc.Status: the client gets the code and message without details.
			}
		}
		return error;
	}

	/** Returns whether an exception, or one in its cause chain, is grpc-java's status exception. */
	static boolean hasStatus(Throwable error) {
		for (Throwable current = error; current != null; current = current.getCause()) {
			if (current instanceof StatusException || current instanceof StatusRuntimeException) {
				return true;
			}
			if (current.getCause() == current) {
				break;
			}
		}
		return false;
	}

	/** Returns the status grpc-java's context is cancelled with when the call ends early for the given reason. */
	static Status cancelled(boolean deadlineExpired) {
		return deadlineExpired ? Status.DEADLINE_EXCEEDED.withDescription("the call's deadline expired")
				: Status.CANCELLED.withDescription("the call was cancelled");
	}

}
