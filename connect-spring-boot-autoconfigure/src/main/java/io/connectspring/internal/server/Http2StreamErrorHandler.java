package io.connectspring.internal.server;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http2.Http2Exception;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Keeps a client's protocol error on one HTTP/2 stream out of the error log. Netty reports such an error (a client
 * that ends a request short of, or past, its declared {@code content-length}, as Go's HTTP/2 client does when the
 * response to an oversized request arrives before it finished sending) to the stream's pipeline, and then resets the
 * stream with {@code RST_STREAM}. Passed on, the error reaches Reactor Netty: during a call it fails the request body,
 * which a service reports as an unexpected exception at ERROR, with a stack trace; after the call Reactor Netty logs it
 * at ERROR itself. First in every HTTP/2 stream's pipeline (see {@link Http2ClientErrors}), this handler logs such an
 * error at DEBUG instead and lets the reset end the stream: a call in progress ends as when the client resets it,
 * canceled. Every other error passes on unchanged.
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
		if (cause instanceof Http2Exception.StreamException error) {
			if (logger.isDebugEnabled()) {
				logger.debug("HTTP/2 " + error.error() + " on stream " + error.streamId()
						+ " from the client, which is reset: " + error.getMessage());
			}
			return;
		}
		context.fireExceptionCaught(cause);
	}

}
