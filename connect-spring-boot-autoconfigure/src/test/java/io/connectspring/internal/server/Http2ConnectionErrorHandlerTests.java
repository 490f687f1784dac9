package io.connectspring.internal.server;

import java.io.IOException;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2FrameStream;
import io.netty.handler.codec.http2.Http2FrameStreamException;
import io.netty.handler.codec.http2.Http2Stream;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class Http2ConnectionErrorHandlerTests {

	private static EmbeddedChannel connection() {
		EmbeddedChannel channel = new EmbeddedChannel();
		channel.pipeline().addLast(Http2ConnectionErrorHandler.NAME, Http2ConnectionErrorHandler.INSTANCE);
		return channel;
	}

	@Test
	void connectionErrorOfTheClientGoesNoFurther() {
		EmbeddedChannel channel = connection();
		channel.pipeline()
			.fireExceptionCaught(Http2Exception.connectionError(Http2Error.ENHANCE_YOUR_CALM,
					"Maximum number of RST frames reached"));
		assertThatCode(channel::checkException).doesNotThrowAnyException();
	}

	@Test
	void http2ErrorWrappedByADecoderGoesNoFurther() {
		EmbeddedChannel channel = connection();
		channel.pipeline()
			.fireExceptionCaught(new DecoderException(Http2Exception.connectionError(Http2Error.PROTOCOL_ERROR,
					"Header size exceeded max allowed size (%d)", 10240)));
		assertThatCode(channel::checkException).doesNotThrowAnyException();
	}

	@Test
	void streamErrorsPassOnToBeRoutedToTheirStream() {
		EmbeddedChannel channel = connection();
		channel.pipeline()
			.fireExceptionCaught(new Http2FrameStreamException(new Stream(3), Http2Error.PROTOCOL_ERROR,
					Http2Exception.streamError(3, Http2Error.PROTOCOL_ERROR, "content-length mismatch")));
		assertThatExceptionOfType(Http2FrameStreamException.class).isThrownBy(channel::checkException);
	}

	@Test
	void connectionResetByTheClientGoesNoFurther() {
		EmbeddedChannel channel = connection();
		channel.pipeline()
			.fireExceptionCaught(new IOException("recvAddress(..) failed with error(-104): Connection reset by peer"));
		assertThatCode(channel::checkException).doesNotThrowAnyException();
	}

	@Test
	void otherErrorsPassOn() {
		EmbeddedChannel channel = connection();
		channel.pipeline().fireExceptionCaught(new IOException("a server fault"));
		assertThatExceptionOfType(IOException.class).isThrownBy(channel::checkException);
	}

	private record Stream(int id) implements Http2FrameStream {

		@Override
		public Http2Stream.State state() {
			return Http2Stream.State.OPEN;
		}

	}

}
