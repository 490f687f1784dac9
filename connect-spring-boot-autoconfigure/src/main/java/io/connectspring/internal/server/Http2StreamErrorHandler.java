package io.connectspring.internal.server;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http2.Http2Exception;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.netty.channel.ChannelOperations;

/**
 * Keeps a client's protocol error on one HTTP/2 stream out of the error log. Netty reports such an error (a client
 * that ends a request short of its declared {@code content-length}, as Go's HTTP/2 client does when the response to
 * an oversized request arrives before it finished sending) to the stream's pipeline after it has already reset the
 * stream. When the call is over by then, Reactor Netty logs it at ERROR with a stack trace, as it would a fault of
 * the server. First in every HTTP/2 stream's pipeline (see {@link Http2ClientErrors}), this handler logs such an
 * error at DEBUG instead; errors of a call still in progress, connection errors and everything else pass on
 * unchanged.
 */
@ChannelHandler.Sharable
final class Http2StreamErrorHandler extends ChannelInboundHandlerAdapter {

	private static final Log logger = LogFactory.getLog(Http2StreamErrorHandler.class);

	static final String NAME = "connect.http2StreamErrors";

	static final Http2StreamErrorHandler INSTANCE = new Http2StreamErrorHandler();

	private Http2StreamErrorHandler() {
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
		if (cause instanceof Http2Exception.StreamException && ChannelOperations.get(context.channel()) == null) {
			if (logger.isDebugEnabled()) {
				logger.debug("HTTP/2 stream error after the call ended, from the client: " + cause.getMessage());
			}
			return;
		}
		context.fireExceptionCaught(cause);
	}

}
