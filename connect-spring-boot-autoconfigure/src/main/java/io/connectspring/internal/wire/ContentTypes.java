package io.connectspring.internal.wire;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The content types that tell the protocols and their codecs apart, written and read by the server and the client
 * alike. A codec's name completes a prefix: {@code application/proto}, {@code application/connect+json},
 * {@code application/grpc+json}. Wire format: depends on nothing but JSpecify.
 *
 * @see <a href="https://connectrpc.com/docs/protocol">The Connect protocol</a>
 * @see <a href="https://github.com/grpc/grpc/blob/master/doc/PROTOCOL-HTTP2.md">gRPC over HTTP/2</a>
 * @see <a href="https://github.com/grpc/grpc/blob/master/doc/PROTOCOL-WEB.md">gRPC-Web</a>
 */
public final class ContentTypes {

	/** The prefix of a Connect unary message's content type, before the codec's name. */
	public static final String CONNECT_UNARY_PREFIX = "application/";

	/** The prefix of a Connect stream's content type, before the codec's name. */
	public static final String CONNECT_STREAMING_PREFIX = "application/connect+";

	/** The content type of a Connect unary error body. */
	public static final String JSON = "application/json";

	/** gRPC's content type: alone it means the proto codec; {@code +<codec>} names one. */
	public static final String GRPC = "application/grpc";

	/** gRPC-Web's content type: alone it means the proto codec; {@code +<codec>} names one. */
	public static final String GRPC_WEB = "application/grpc-web";

	/** gRPC-Web's base64 form, which browsers may send: alone it means the proto codec. */
	public static final String GRPC_WEB_TEXT = "application/grpc-web-text";

	private ContentTypes() {
	}

	/** Returns the media type of a content type, without parameters and in lower case; empty for none. */
	public static String mediaType(@Nullable String contentType) {
		if (contentType == null) {
			return "";
		}
		int semicolon = contentType.indexOf(';');
		return ((semicolon >= 0) ? contentType.substring(0, semicolon) : contentType).trim()
			.toLowerCase(Locale.ROOT);
	}

}
