package io.connectspring;

/**
 * How many messages each side of a procedure sends: one, or a stream.
 */
public enum StreamType {

	/** One request, one response. */
	UNARY(false, false),
	/** A stream of requests, one response. */
	CLIENT(true, false),
	/** One request, a stream of responses. */
	SERVER(false, true),
	/** A stream each way; full-duplex over HTTP/2. */
	BIDI(true, true);

	private final boolean clientStreams;

	private final boolean serverStreams;

	StreamType(boolean clientStreams, boolean serverStreams) {
		this.clientStreams = clientStreams;
		this.serverStreams = serverStreams;
	}

	/** Returns whether the client sends a stream of messages rather than exactly one. */
	public boolean isClientStreaming() {
		return this.clientStreams;
	}

	/** Returns whether the server sends a stream of messages rather than exactly one. */
	public boolean isServerStreaming() {
		return this.serverStreams;
	}

}
