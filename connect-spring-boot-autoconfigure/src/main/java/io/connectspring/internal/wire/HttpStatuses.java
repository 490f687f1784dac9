package io.connectspring.internal.wire;

import io.connectspring.Code;

/**
 * The HTTP statuses of errors, both ways: the status a Connect server sends with an error of a given code, and the
 * code a client reports for a non-200 response that carries no error of its protocol. The two tables are not inverses
 * of each other: the first is the Connect protocol's own, the second gRPC's, which Connect clients share.
 *
 * @see <a href="https://connectrpc.com/docs/protocol#error-codes">Connect: error codes</a>
 * @see <a href="https://connectrpc.com/docs/protocol#http-to-error-code">Connect: HTTP to error code</a>
 * @see <a href="https://github.com/grpc/grpc/blob/master/doc/http-grpc-status-mapping.md">HTTP to gRPC status</a>
 */
public final class HttpStatuses {

	private HttpStatuses() {
	}

	/** Returns the HTTP status the Connect protocol sends with an error of the given code. */
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

	/**
	 * Returns the code a client reports for a response whose HTTP status is not 200 and whose body carries no error
	 * of the protocol, per gRPC's mapping, which the Connect protocol shares: 400 internal, 401 unauthenticated, 403
	 * permission_denied, 404 unimplemented, 429/502/503/504 unavailable, anything else unknown.
	 */
	public static Code codeForHttpStatus(int httpStatus) {
		return switch (httpStatus) {
			case 400 -> Code.INTERNAL;
			case 401 -> Code.UNAUTHENTICATED;
			case 403 -> Code.PERMISSION_DENIED;
			case 404 -> Code.UNIMPLEMENTED;
			case 429, 502, 503, 504 -> Code.UNAVAILABLE;
			default -> Code.UNKNOWN;
		};
	}

}
