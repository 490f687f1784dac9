package io.connectspring.internal.protocol;

import io.connectspring.ConnectException;

import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.ReactiveHttpOutputMessage;
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
final class GrpcResponseBody {

	private final CallState state;

	private volatile boolean messageSent;

	private volatile boolean trailersOnly;

	private volatile @Nullable ConnectException error;

	GrpcResponseBody(CallState state) {
		this.state = state;
	}

	/**
	 * Returns the body to write: the messages, then {@code end} applied to the call's error (or {@code null}) unless
	 * the response is trailers-only. Registers the commit action that writes the service's headers, or the whole
	 * status for a trailers-only response.
	 */
	Flux<DataBuffer> write(ReactiveHttpOutputMessage message, Flux<DataBuffer> messages,
			Function<@Nullable ConnectException, Flux<DataBuffer>> end) {
		message.beforeCommit(() -> {
			if (this.trailersOnly) {
				GrpcServerCalls.writeTrailersOnly(message.getHeaders(), this.error, this.state);
			}
			else {
				ConnectHeaders.copyMetadata(this.state.responseHeaders(), message.getHeaders(), "");
			}
			return Mono.empty();
		});
		return messages.doOnNext((buffer) -> this.messageSent = true).onErrorResume((failure) -> {
			this.error = ConnectErrors.toConnectException(failure, this.state);
			return Mono.empty();
		}).concatWith(Flux.defer(() -> {
			if (!this.messageSent && this.state.responseHeaders().isEmpty()) {
				this.trailersOnly = true;
				return Flux.empty();
			}
			return end.apply(this.error);
		}));
	}

	/** Returns whether the response is trailers-only; known once the body has ended. */
	boolean trailersOnly() {
		return this.trailersOnly;
	}

	/** Returns the error that ended the call, or {@code null}; known once the body has ended. */
	@Nullable ConnectException error() {
		return this.error;
	}

}
