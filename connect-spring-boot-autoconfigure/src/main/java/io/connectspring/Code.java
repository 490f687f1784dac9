package io.connectspring;

import org.jspecify.annotations.Nullable;

/**
 * The status codes of the Connect protocol. Each has the number gRPC uses and the {@code snake_case} name that
 * Connect writes in error JSON.
 *
 * @see <a href="https://connectrpc.com/docs/protocol#error-codes">Connect error codes</a>
 */
public enum Code {

	/** The call was canceled, usually by the caller. */
	CANCELED(1, "canceled"),
	/** An error of unclear origin, or one without a more appropriate code. */
	UNKNOWN(2, "unknown"),
	/** The request is invalid, whatever the state of the system. */
	INVALID_ARGUMENT(3, "invalid_argument"),
	/** The deadline expired before the call could complete. */
	DEADLINE_EXCEEDED(4, "deadline_exceeded"),
	/** A requested resource could not be found. */
	NOT_FOUND(5, "not_found"),
	/** The caller tried to create a resource that already exists. */
	ALREADY_EXISTS(6, "already_exists"),
	/** The caller is not authorized to perform the operation. */
	PERMISSION_DENIED(7, "permission_denied"),
	/** Some resource, such as a quota or a message size, is exhausted. */
	RESOURCE_EXHAUSTED(8, "resource_exhausted"),
	/** The system is not in the state the operation requires. */
	FAILED_PRECONDITION(9, "failed_precondition"),
	/** The operation was aborted, often because of a concurrency conflict. */
	ABORTED(10, "aborted"),
	/** The operation was attempted past the valid range. */
	OUT_OF_RANGE(11, "out_of_range"),
	/** The operation is not implemented, supported or enabled. */
	UNIMPLEMENTED(12, "unimplemented"),
	/** An invariant of the underlying system is broken. Reserved for serious errors. */
	INTERNAL(13, "internal"),
	/** The service is unavailable, usually transiently; idempotent calls may be retried with back-off. */
	UNAVAILABLE(14, "unavailable"),
	/** Unrecoverable data loss or corruption. */
	DATA_LOSS(15, "data_loss"),
	/** The caller has no valid authentication credentials. */
	UNAUTHENTICATED(16, "unauthenticated");

	private static final Code[] BY_NUMBER = new Code[17];

	static {
		for (Code code : values()) {
			BY_NUMBER[code.number] = code;
		}
	}

	private final int number;

	private final String protocolName;

	Code(int number, String protocolName) {
		this.number = number;
		this.protocolName = protocolName;
	}

	/**
	 * Returns the code's number, as used by gRPC ({@code 1} for {@link #CANCELED} to {@code 16} for
	 * {@link #UNAUTHENTICATED}).
	 */
	public int number() {
		return this.number;
	}

	/** Returns the name the Connect protocol writes on the wire, such as {@code "invalid_argument"}. */
	public String protocolName() {
		return this.protocolName;
	}

	/** Returns the code with the given gRPC number, or {@code null} when no code has it. */
	public static @Nullable Code forNumber(int number) {
		return (number > 0 && number < BY_NUMBER.length) ? BY_NUMBER[number] : null;
	}

	/** Returns the code with the given wire name, such as {@code "not_found"}, or {@code null} for none. */
	public static @Nullable Code forProtocolName(String name) {
		for (Code code : values()) {
			if (code.protocolName.equals(name)) {
				return code;
			}
		}
		return null;
	}

	@Override
	public String toString() {
		return this.protocolName;
	}

}
