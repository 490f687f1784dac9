package io.connectspring.demo.e2e;

import io.connectspring.client.HttpVersion;

/** A greet.v1.GreetService server the client tests call. */
interface GreetPeer {

	/** Returns the peer's name, as test names show it. */
	String name();

	/** Returns the base URL that serves the given HTTP version. */
	String baseUrl(HttpVersion version);

	/**
	 * Whether the peer understands the test-only triggers of {@code greet-server.mjs}: names {@code fail:<code>} and
	 * {@code slow:<ms>}, and the {@code x-echo} header.
	 */
	boolean hasTestTriggers();

	/** Whether the peer serves bidirectional streams over HTTP/1.1 (half-duplex) as well as over HTTP/2. */
	boolean servesBidiOverHttp1();

}
