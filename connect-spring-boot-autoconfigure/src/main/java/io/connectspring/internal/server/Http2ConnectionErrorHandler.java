package io.connectspring.internal.server;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.http2.Http2Exception;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.netty.channel.AbortedException;

/**
 * Keeps a client's HTTP/2 protocol error on a connection, and a connection reset by the client, out of the warning
 * log. When a client breaks the protocol on a connection (a header block past the size limit, a flood of
 * {@code RST_STREAM}s, a malformed frame), Netty answers it as RFC 9113 asks, with {@code GOAWAY} and the connection
 * closed, and then passes the error down the connection's pipeline, where nothing handles it: Netty's pipeline tail
 * logs it at WARN with a stack trace, as it would a fault of the server. A client that resets the TCP connection (a
 * crashed process, a killed peer) ends the same way on an HTTP/2 connection, where no Reactor Netty handler takes the
 * read error as it does on HTTP/1.1. In every connection's pipeline, this handler logs such errors at DEBUG instead;
 * every other error passes on unchanged. Stream errors pass on too, wherever the handler sits: Netty's
 * {@code Http2MultiplexHandler}, which Reactor Netty adds behind it once a connection turns out to speak HTTP/2, hands
 * them to the stream's own pipeline and resets the stream.
 */
@ChannelHandler.Sharable
final class Http2ConnectionErrorHandler extends ChannelInboundHandlerAdapter {

	private static final Log logger = LogFactory.getLog(Http2ConnectionErrorHandler.class);

	static final String NAME = "connect.http2ConnectionErrors";

	static final Http2ConnectionErrorHandler INSTANCE = new Http2ConnectionErrorHandler();

	private Http2ConnectionErrorHandler() {
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
		Http2Exception error = connectionError(cause);
		if (error != null) {
			if (logger.isDebugEnabled()) {
				logger.debug("HTTP/2 " + error.error() + " from the client " + context.channel().remoteAddress()
						+ ", answered by the protocol: " + error.getMessage());
			}
			return;
		}
		if (AbortedException.isConnectionReset(cause)) {
			if (logger.isDebugEnabled()) {
				logger.debug("Connection reset by the client " + context.channel().remoteAddress() + ": "
						+ cause.getMessage());
			}
			return;
		}
		context.fireExceptionCaught(cause);
	}

	/** Returns the connection error the cause is, or carries as a decoder's failure; {@code null} for all else. */
	private static @Nullable Http2Exception connectionError(Throwable cause) {
		Throwable candidate = (cause instanceof DecoderException) ? cause.getCause() : cause;
		if (candidate instanceof Http2Exception error && !(error instanceof Http2Exception.StreamException)
				&& !(error instanceof Http2Exception.CompositeStreamException)) {
			return error;
		}
		return null;
	}

}
