package io.connectspring.internal.server;

import io.connectspring.ConnectException;
import io.connectspring.internal.wire.ConnectHeaders;

import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.util.MultiValueMap;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The body of one gRPC or gRPC-Web response and how it ends: the encoded messages, then whatever the protocol ends
 * with, or nothing at all for a trailers-only response. WebFlux commits a response (sends its headers) at the body's
 * first signal, so when the first signal is the end of a call that sent no message and set no response headers, the
 * status still fits in the headers: a trailers-only response. (With response headers, the client could not tell
 * them from the trailers, so such a call ends as usual.) One instance per call; its fields are written on the
 * response's thread and read by the commit action and the trailers callback that follow.
 */
public final class GrpcResponseBody {

	private final CallState state;

	private volatile boolean trailersOnly;

	private volatile @Nullable ConnectException error;

	GrpcResponseBody(CallState state) {
		this.state = state;
	}

	/**
	 * Writes the response: the messages that {@code body} encodes with the given ending, then {@code last} applied
	 * to the call's error (or {@code null}) as the last buffer (if any), or a trailers-only response. The result never
	 * fails with the call's error.
	 * <p>
	 * A trailers-only response must be one header block that ends the stream (grpc-java rejects headers followed by
	 * an empty last data frame). {@link StreamingBodyWriter}, like WebFlux's {@code writeWith}, skips the write when
	 * the body's first signal is an error, and an uncommitted response that is then completed is sent by Reactor
	 * Netty as a bodiless message, a single HTTP/2 HEADERS frame with END_STREAM; so the ending signals
	 * {@link TrailersOnly} for that case.
	 */
	Mono<Void> write(ServerHttpResponse message, String contentType,
			Function<EnvelopeBatcher.Ending, Flux<DataBuffer>> body,
			Function<@Nullable ConnectException, @Nullable DataBuffer> last) {
		message.beforeCommit(() -> {
			if (this.trailersOnly) {
				// A body that fails before its first element clears the content headers; restore the protocol's.
				message.getHeaders().set(HttpHeaders.CONTENT_TYPE, contentType);
				GrpcServerProtocol.writeTrailersOnly(message.getHeaders(), this.error, this.state);
			}
			else {
				ConnectHeaders.copyMetadata(this.state.responseHeadersIfUsed(), message.getHeaders(), "");
			}
			return Mono.empty();
		});
		EnvelopeBatcher.Ending ending = (failure, messagesSent) -> {
			if (failure != null) {
				this.error = ConnectErrors.toConnectException(failure, this.state);
			}
			if (!messagesSent && isEmpty(this.state.responseHeadersIfUsed())) {
				this.trailersOnly = true;
				throw TrailersOnly.INSTANCE;
			}
			return last.apply(this.error);
		};
		return StreamingBodyWriter.write(message, body.apply(ending))
			.onErrorResume(TrailersOnly.class::isInstance, (signal) -> message.setComplete());
	}

	private static boolean isEmpty(@Nullable MultiValueMap<String, String> headers) {
		return headers == null || headers.isEmpty();
	}

	/** Returns whether the response is trailers-only; known once the body has ended. */
	boolean trailersOnly() {
		return this.trailersOnly;
	}

	/** Returns the error that ended the call, or {@code null}; known once the body has ended. */
	@Nullable ConnectException error() {
		return this.error;
	}

	/** Signals, as the body's first and only signal, that the response is trailers-only. Carries no stack trace. */
	private static final class TrailersOnly extends RuntimeException {

		static final TrailersOnly INSTANCE = new TrailersOnly();

		private TrailersOnly() {
			super("trailers-only response", null, false, false);
		}

	}

}
