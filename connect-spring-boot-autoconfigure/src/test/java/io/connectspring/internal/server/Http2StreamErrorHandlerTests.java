package io.connectspring.internal.server;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Exception;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class Http2StreamErrorHandlerTests {

	private static EmbeddedChannel stream() {
		EmbeddedChannel channel = new EmbeddedChannel();
		channel.pipeline().addFirst(Http2StreamErrorHandler.NAME, Http2StreamErrorHandler.INSTANCE);
		return channel;
	}

	@Test
	void streamErrorOfTheClientGoesNoFurther() {
		EmbeddedChannel channel = stream();
		channel.pipeline()
			.fireExceptionCaught(Http2Exception.streamError(41, Http2Error.PROTOCOL_ERROR,
					"Received amount of data %d does not match content-length header %d", 32768, 204815));
		assertThatCode(channel::checkException).doesNotThrowAnyException();
	}

	@Test
	void connectionErrorsPassOn() {
		EmbeddedChannel channel = stream();
		channel.pipeline().fireExceptionCaught(Http2Exception.connectionError(Http2Error.PROTOCOL_ERROR, "bad"));
		assertThatExceptionOfType(Http2Exception.class).isThrownBy(channel::checkException);
	}

	@Test
	void otherErrorsPassOn() {
		EmbeddedChannel channel = stream();
		channel.pipeline().fireExceptionCaught(new IllegalStateException("a server fault"));
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(channel::checkException);
	}

}
