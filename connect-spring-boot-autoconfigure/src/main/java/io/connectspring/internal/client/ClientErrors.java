package io.connectspring.internal.client;

import io.connectspring.Code;
import io.connectspring.ConnectException;

import java.io.IOException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLException;

import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Exception;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.DataBufferLimitException;
import reactor.core.Exceptions;
import reactor.netty.http.client.PrematureCloseException;

/**
 * Turns whatever ends a client call into the {@link ConnectException} its caller gets, so that no Netty, I/O or
 * parsing exception leaks: network failures are {@link Code#UNAVAILABLE} (as connect-go reports them), a reset
 * HTTP/2 stream gets the code its error implies, anything unexpected is {@link Code#UNKNOWN}. The original exception
 * is kept as the cause.
 */
public final class ClientErrors {

	private ClientErrors() {
	}

	/** Returns the error a caller gets for a failure. */
	public static ConnectException toConnectException(Throwable failure) {
		Throwable cause = Exceptions.unwrap(failure);
		ConnectException connect = ConnectException.from(cause);
		if (connect != null) {
			return connect;
		}
		if (cause instanceof java.net.ConnectException || cause instanceof UnknownHostException) {
			return new ConnectException(Code.UNAVAILABLE, "connect: " + cause.getMessage(), cause);
		}
		if (cause instanceof PrematureCloseException || cause instanceof ClosedChannelException) {
			return new ConnectException(Code.UNAVAILABLE, "connection closed before the call ended", cause);
		}
		if (inChain(cause, SSLException.class)) {
			// A failed TLS handshake (a certificate the peer refused) comes wrapped in Netty's DecoderException.
			return new ConnectException(Code.UNAVAILABLE, "TLS: " + cause.getMessage(), cause);
		}
		Http2Exception http2 = http2(cause);
		if (http2 != null) {
			return new ConnectException(http2Code(http2.error()), "HTTP/2 stream reset: " + http2.error(), cause);
		}
		if (cause instanceof IOException) {
			return new ConnectException(Code.UNAVAILABLE, "I/O error: " + cause.getMessage(), cause);
		}
		if (cause instanceof TimeoutException) {
			return new ConnectException(Code.DEADLINE_EXCEEDED, "timed out: " + cause.getMessage(), cause);
		}
		if (cause instanceof CancellationException) {
			return new ConnectException(Code.CANCELED, "call canceled", cause);
		}
		if (cause instanceof DataBufferLimitException) {
			return new ConnectException(Code.RESOURCE_EXHAUSTED, "message is larger than configured max", cause);
		}
		return new ConnectException(Code.UNKNOWN, String.valueOf(cause), cause);
	}

	/**
	 * Returns the error for a response the client cannot read. The shared decoders report bad input as
	 * {@link Code#INVALID_ARGUMENT}, which is the server's verdict on a request; a bad response is the server's
	 * fault, so the client reports it as {@link Code#INTERNAL}.
	 */
	static ConnectException badResponse(Throwable failure) {
		ConnectException error = toConnectException(failure);
		if (error.code() == Code.INVALID_ARGUMENT) {
			return new ConnectException(Code.INTERNAL, error.rawMessage(), error.getCause());
		}
		return error;
	}

	private static boolean inChain(Throwable failure, Class<? extends Throwable> type) {
		Throwable current = failure;
		while (current != null) {
			if (type.isInstance(current)) {
				return true;
			}
			current = (current.getCause() != current) ? current.getCause() : null;
		}
		return false;
	}

	private static @Nullable Http2Exception http2(Throwable failure) {
		Throwable current = failure;
		while (current != null) {
			if (current instanceof Http2Exception http2) {
				return http2;
			}
			current = (current.getCause() != current) ? current.getCause() : null;
		}
		return null;
	}

	private static Code http2Code(Http2Error error) {
		return switch (error) {
			case CANCEL -> Code.CANCELED;
			case REFUSED_STREAM -> Code.UNAVAILABLE;
			case ENHANCE_YOUR_CALM -> Code.RESOURCE_EXHAUSTED;
			case INADEQUATE_SECURITY -> Code.PERMISSION_DENIED;
			default -> Code.INTERNAL;
		};
	}

}
