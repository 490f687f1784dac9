package io.connectspring.internal.protocol;

import io.connectspring.Code;
import io.connectspring.Compression;
import io.connectspring.ConnectException;

import com.google.protobuf.Message;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reads the body of one gRPC or gRPC-Web response: its enveloped messages (decompressed within the size limit), then
 * its status from the trailers, which fill the call's trailers first. The status is read as connect-go reads it:
 * {@code grpc-status} {@code 0} ends the call, any other fails it with that code, {@code grpc-message} and the
 * details of {@code grpc-status-details-bin}; missing trailers are {@link Code#INTERNAL}, trailers without a status
 * {@link Code#UNKNOWN}. A trailers-only response carries its status in its headers: a response is one when its
 * headers hold {@code grpc-status} and it has neither body nor trailers; a {@code grpc-status} header beside a body
 * or trailers is ignored, as connect-go ignores it. Confined to its call's pipeline.
 */
final class GrpcResponseReader {

	private final ClientCallState call;

	private final @Nullable ClientConfig config;

	private final @Nullable Compression compression;

	private final boolean web;

	private final @Nullable ConnectException failure;

	private final boolean statusInHeaders;

	private boolean sawBody;

	private @Nullable HttpHeaders webTrailers;

	private GrpcResponseReader(ClientCallState call, @Nullable ClientConfig config, @Nullable Compression compression,
			boolean web, @Nullable ConnectException failure, boolean statusInHeaders) {
		this.call = call;
		this.config = config;
		this.compression = compression;
		this.web = web;
		this.failure = failure;
		this.statusInHeaders = statusInHeaders;
	}

	/** A reader of a response whose head already failed the call. */
	static GrpcResponseReader failed(ClientCallState call, ConnectException failure) {
		return new GrpcResponseReader(call, null, null, false, failure, false);
	}

	/**
	 * A reader of messages.
	 * @param compression the response's compression, or null for none
	 * @param web whether the body ends with a gRPC-Web trailers frame
	 * @param statusInHeaders whether the headers, already read into the call, hold {@code grpc-status}: the
	 * response is trailers-only if it turns out to have neither body nor trailers
	 */
	static GrpcResponseReader messages(ClientConfig config, ClientCallState call, @Nullable Compression compression,
			boolean web, boolean statusInHeaders) {
		return new GrpcResponseReader(call, config, compression, web, null, statusInHeaders);
	}

	/**
	 * Returns the call's responses and end.
	 * @param body the response body; not subscribed for a failed or trailers-only response
	 * @param trailers the trailers, subscribed once the body has ended; empty when there were none
	 */
	Flux<Message> read(Flux<DataBuffer> body, Mono<HttpHeaders> trailers) {
		if (this.failure != null) {
			return Flux.error(this.failure);
		}
		ClientConfig config = this.config;
		return EnvelopeDecoder.decode(body, config.readMaxBytes())
			.<Message>handle((envelope, sink) -> {
				Message message = read(config, envelope);
				if (message != null) {
					sink.next(message);
				}
			})
			.onErrorMap(ClientErrors::badResponse)
			.concatWith(trailers.defaultIfEmpty(HttpHeaders.EMPTY).flatMap(this::end));
	}

	private Mono<Message> end(HttpHeaders trailers) {
		if (this.statusInHeaders && !this.sawBody && trailers.isEmpty()) {
			// Per the gRPC spec the headers of a trailers-only response are its trailers; connect-go keeps them as
			// headers too, and so do we, so that code reading either finds them.
			HttpHeaders asTrailers = new HttpHeaders();
			asTrailers.addAll(this.call.mutableResponseHeaders());
			asTrailers.remove(HttpHeaders.CONTENT_TYPE);
			return finish(asTrailers, true);
		}
		return finish(trailers, false);
	}

	/** Returns the trailers of a gRPC-Web body once its trailers frame was read; empty before or without one. */
	Mono<HttpHeaders> webTrailers() {
		return Mono.fromSupplier(() -> this.webTrailers);
	}

	private @Nullable Message read(ClientConfig config, Envelope envelope) {
		if (this.webTrailers != null) {
			throw new ConnectException(Code.INTERNAL, "protocol error: data after the gRPC-Web trailers frame");
		}
		this.sawBody = true;
		byte[] data = envelope.data();
		if (envelope.has(Envelope.FLAG_COMPRESSED)) {
			if (this.compression == null) {
				throw new ConnectException(Code.INTERNAL,
						"protocol error: received compressed message without " + GrpcHeaders.ENCODING);
			}
			if (data.length > 0) {
				data = Compressions.decompress(this.compression, data, config.readMaxBytes());
			}
		}
		int flags = envelope.flags() & ~Envelope.FLAG_COMPRESSED;
		if (this.web && flags == Envelope.FLAG_WEB_TRAILERS) {
			this.webTrailers = GrpcWebTrailers.parse(data);
			return null;
		}
		if (flags != 0) {
			throw new ConnectException(Code.INTERNAL, "protocol error: invalid envelope flags " + envelope.flags());
		}
		return config.codec().deserialize(data, this.call.method().responsePrototype());
	}

	private Mono<Message> finish(HttpHeaders trailers, boolean trailersOnly) {
		HttpHeaders callTrailers = this.call.mutableResponseTrailers();
		trailers.forEach((name, values) -> values.forEach((value) -> callTrailers.add(name, value)));
		ConnectException error = GrpcStatus.read(trailers);
		if (error == null) {
			return Mono.empty();
		}
		// GrpcStatus put the trailers into the error's metadata; add the headers, as connect-go does.
		if (!trailersOnly) {
			HttpHeaders metadata = error.metadata();
			this.call.mutableResponseHeaders()
				.forEach((name, values) -> values.forEach((value) -> metadata.add(name, value)));
		}
		return Mono.error(error);
	}

}
