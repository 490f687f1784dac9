package io.connectspring.internal.server;

/**
 * What negotiating a request for a procedure decided: a {@link ServerCall} for its protocol to serve, or a
 * {@link Refusal}, the complete answer the spec gives such a request. Decided once per call, from the
 * {@link RequestHead}; nothing after it reads the request's headers again to decide.
 *
 * @see ServerNegotiation
 */
public sealed interface Negotiation permits ServerCall, Refusal {

}
