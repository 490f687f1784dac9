package io.connectspring.internal.client;

import io.connectspring.Compression;
import io.connectspring.internal.wire.Codec;
import io.connectspring.internal.wire.Compressions;

import org.jspecify.annotations.Nullable;

/**
 * What the client protocols need to make calls, fixed when a transport is built.
 *
 * @param http the HTTP client the calls run on
 * @param baseUrl the server's URL without a trailing slash; procedures are appended to it
 * @param codec the codec of requests (responses must use the same)
 * @param compressions the compressions accepted in responses, and their minimum size for sending
 * @param sendCompression the compression of requests, or {@code null} for none
 * @param readMaxBytes the largest response message accepted, before and after decompression
 * @param sendMaxBytes the largest request message sent, before and after compression
 * @param getRequests whether {@code NO_SIDE_EFFECTS} unary calls use HTTP GET
 * @param getUrlMaxBytes the longest GET URL; longer requests are sent with POST
 */
public record ClientConfig(ClientHttp http, String baseUrl, Codec codec, Compressions compressions,
		@Nullable Compression sendCompression, long readMaxBytes, long sendMaxBytes, boolean getRequests,
		int getUrlMaxBytes) {

	/** Returns the URL of a procedure, such as {@code https://host/greet.v1.GreetService/Greet}. */
	public String url(String procedure) {
		return this.baseUrl + procedure;
	}

}
