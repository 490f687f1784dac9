package io.connectspring.internal.server;

import io.netty.channel.Channel;
import io.netty.handler.codec.http2.Http2StreamChannel;
import reactor.netty.http.server.HttpServer;

/**
 * HTTP/2 protocol errors a client causes, which Netty has already answered (with {@code RST_STREAM} or
 * {@code GOAWAY}) and which are therefore logged at DEBUG rather than as a fault of the server: the
 * {@link Http2ConnectionErrorHandler} at the end of every connection's pipeline, the {@link Http2StreamErrorHandler}
 * at the start of every HTTP/2 stream's.
 */
public final class Http2ClientErrors {

	private Http2ClientErrors() {
	}

	/** Returns the server with both handlers added to the pipelines of the connections and streams it opens. */
	public static HttpServer install(HttpServer server) {
		return server
			.doOnChannelInit((observer, channel, remoteAddress) -> channel.pipeline()
				.addLast(Http2ConnectionErrorHandler.NAME, Http2ConnectionErrorHandler.INSTANCE))
			.doOnConnection((connection) -> {
				Channel channel = connection.channel();
				if (channel instanceof Http2StreamChannel
						&& channel.pipeline().get(Http2StreamErrorHandler.NAME) == null) {
					// The pipeline itself, not Connection.addHandlerFirst: Reactor Netty removes those handlers when
					// the call ends, and the error comes after.
					channel.pipeline().addFirst(Http2StreamErrorHandler.NAME, Http2StreamErrorHandler.INSTANCE);
				}
			});
	}

}
