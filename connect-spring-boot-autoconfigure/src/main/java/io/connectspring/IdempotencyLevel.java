package io.connectspring;

/**
 * A procedure's idempotency, from the {@code idempotency_level} method option in its {@code .proto} file. Connect
 * lets clients call {@link #NO_SIDE_EFFECTS} procedures with HTTP GET.
 *
 * @see <a href="https://connectrpc.com/docs/protocol#unary-get-request">Connect unary GET</a>
 */
public enum IdempotencyLevel {

	/** Nothing is known: the procedure may have side effects and must not be retried blindly. */
	IDEMPOTENCY_UNKNOWN,
	/** The procedure has no side effects; it may be called with GET and cached. */
	NO_SIDE_EFFECTS,
	/** The procedure may have side effects, but repeating a call has the effect of one. */
	IDEMPOTENT

}
