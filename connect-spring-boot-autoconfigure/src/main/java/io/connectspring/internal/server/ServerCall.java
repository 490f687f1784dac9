package io.connectspring.internal.server;

import io.connectspring.Compression;
import io.connectspring.internal.wire.Codec;
import io.connectspring.internal.wire.Compressions;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * A request that negotiation admitted: its protocol and everything the protocol decided from the request's head, and
 * the call's {@link CallState}, made here and nowhere else. The protocol then only decodes, invokes, encodes and ends
 * the call. Confined to its call.
 */
public final class ServerCall implements Negotiation {

	private final ServerProtocol protocol;

	private final ProcedureSpec spec;

	private final RequestHead head;

	private final Codec codec;

	private final String contentType;

	private final Compressions.Negotiated compression;

	private final @Nullable Duration timeout;

	private final Form form;

	private final CallState state;

	/**
	 * Creates a call.
	 * @param protocol serves the call
	 * @param spec the procedure and the server's settings
	 * @param head the request's head
	 * @param codec the codec of the messages
	 * @param contentType the response's content type
	 * @param compression the compression of request and of response messages
	 * @param timeout the timeout the client asked for, or {@code null} for none
	 * @param form the protocol's variant the request uses
	 */
	ServerCall(ServerProtocol protocol, ProcedureSpec spec, RequestHead head, Codec codec, String contentType,
			Compressions.Negotiated compression, @Nullable Duration timeout, Form form) {
		this.protocol = protocol;
		this.spec = spec;
		this.head = head;
		this.codec = codec;
		this.contentType = contentType;
		this.compression = compression;
		this.timeout = timeout;
		this.form = form;
		this.state = new CallState(spec.method(), head.headers(), head.remoteAddress(), protocol.name(),
				head.method().name(), head.query());
	}

	/** Returns the protocol that serves the call. */
	public ServerProtocol protocol() {
		return this.protocol;
	}

	/** Returns the procedure and the server's settings. */
	public ProcedureSpec spec() {
		return this.spec;
	}

	/** Returns the request's head. */
	public RequestHead head() {
		return this.head;
	}

	/** Returns the codec of request and response messages. */
	public Codec codec() {
		return this.codec;
	}

	/** Returns the response's content type. */
	public String contentType() {
		return this.contentType;
	}

	/** Returns the compression of request messages, or {@code null} for none. */
	public @Nullable Compression requestCompression() {
		return this.compression.request();
	}

	/** Returns the compression of response messages, or {@code null} for none. */
	public @Nullable Compression responseCompression() {
		return this.compression.response();
	}

	/** Returns the timeout the client asked for, or {@code null} for none. */
	public @Nullable Duration timeout() {
		return this.timeout;
	}

	/** Returns the protocol's variant the request uses. */
	public Form form() {
		return this.form;
	}

	/** Returns the call's state, which the service's context and the protocol share. */
	public CallState state() {
		return this.state;
	}

	/** The variants of a protocol that differ in how a message travels, not in what the call means. */
	public enum Form {

		/** The protocol's usual form: messages in the body, as its content type says. */
		BODY,

		/** Connect GET: the one request message in the query, for side-effect-free unary procedures. */
		GET,

		/** gRPC-Web's text form: the body base64-encoded, both ways. */
		TEXT

	}

}
