package io.connectspring.client;

/**
 * The HTTP version an {@link HttpConnectTransport} speaks.
 */
public enum HttpVersion {

	/** HTTP/1.1, over TLS when the base URL is {@code https}. Streams are half-duplex unless the server reads and
	 * writes concurrently. */
	HTTP_1_1,

	/** HTTP/2 in cleartext with prior knowledge (no upgrade); the base URL must be {@code http}. */
	H2C,

	/** HTTP/2 over TLS, negotiated with ALPN; the base URL must be {@code https}. */
	H2

}
