package io.connectspring.internal.client;

import io.connectspring.Code;
import io.connectspring.Compression;
import io.connectspring.ConnectException;
import io.connectspring.internal.wire.Compressions;
import io.connectspring.internal.wire.ContentTypes;
import io.connectspring.internal.wire.Envelope;
import io.connectspring.internal.wire.EnvelopeDecoder;
import io.connectspring.internal.wire.GrpcHeaders;
import io.connectspring.internal.wire.GrpcStatus;
import io.connectspring.internal.wire.GrpcTimeout;
import io.connectspring.internal.wire.GrpcWebTrailers;
import io.connectspring.internal.wire.HttpStatuses;
import io.connectspring.internal.wire.ProtoCodec;
import io.connectspring.internal.wire.ProtocolNames;

import java.time.Duration;

import com.google.protobuf.Message;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The client side of gRPC and gRPC-Web, for calls of every stream type alike (every gRPC call is a stream):
 * enveloped requests POSTed and flushed as they are published, responses read as they arrive, then the status from
 * the trailers, or from the headers of a trailers-only response. The two differ only in how the trailers travel, so
 * one class serves both, as connect-go's one gRPC protocol does:
 * <ul>
 * <li>gRPC ({@code web} off), over HTTP/2 only (h2c with prior knowledge, or h2 over TLS): {@code application/grpc}
 * (proto) or {@code application/grpc+json} with {@code te: trailers}; the trailers are HTTP trailers, which Reactor
 * Netty hands over once the body has ended.</li>
 * <li>gRPC-Web ({@code web} on), over HTTP/1.1 or HTTP/2: {@code application/grpc-web+proto} or {@code +json} with
 * {@code x-grpc-web: 1}; the trailers are the last frame of the body (flag {@code 0x80}). Over HTTP/1.1, streams are
 * full-duplex only as far as the server reads and writes concurrently. The client sends binary gRPC-Web, never the
 * base64 {@code grpc-web-text} of browsers, as connect-go's does.</li>
 * </ul>
 * The response is checked as connect-go checks it: an HTTP status other than 200 fails the call with the code mapped
 * from it, a content type of another protocol with {@link Code#UNKNOWN}, of another codec or an encoding the client
 * does not accept with {@link Code#INTERNAL}; the content type and encoding checks are left out when the headers hold
 * {@code grpc-status}, as a trailers-only response's do. The status is read as connect-go reads it:
 * {@code grpc-status} {@code 0} ends the call, any other fails it with that code, {@code grpc-message} and the details
 * of {@code grpc-status-details-bin}; missing trailers are {@link Code#INTERNAL}, trailers without a status
 * {@link Code#UNKNOWN}. A response is trailers-only when its headers hold {@code grpc-status} and it has neither body
 * nor trailers; a {@code grpc-status} header beside a body or trailers is ignored, as connect-go ignores it.
 *
 * @see <a href="https://github.com/grpc/grpc/blob/master/doc/PROTOCOL-HTTP2.md">gRPC over HTTP/2</a>
 * @see <a href="https://github.com/grpc/grpc/blob/master/doc/PROTOCOL-WEB.md">gRPC-Web</a>
 */
public final class GrpcClientProtocol implements ClientProtocol {

	private final ClientConfig config;

	private final boolean web;

	/** The content type that implies the proto codec: {@code application/grpc} or {@code application/grpc-web}. */
	private final String bare;

	/**
	 * Creates the protocol.
	 * @param config the transport's settings
	 * @param web whether to speak gRPC-Web (trailers in the body) rather than gRPC (HTTP trailers)
	 */
	public GrpcClientProtocol(ClientConfig config, boolean web) {
		this.config = config;
		this.web = web;
		this.bare = web ? ContentTypes.GRPC_WEB : ContentTypes.GRPC;
	}

	@Override
	public String name() {
		return this.web ? ProtocolNames.GRPC_WEB : ProtocolNames.GRPC;
	}

	@Override
	public Flux<Message> call(ClientCallState call, Flux<Message> requests) {
		return Flux.defer(() -> {
			HttpHeaders protocol = requestHeaders(call);
			Compression compression = this.config.sendCompression();
			Flux<byte[]> body = requests.map((request) -> ClientExchange.envelope(this.config, request, compression));
			return this.config.http()
				.exchange(HttpMethod.POST, this.config.url(call.method().procedure()), call.sendHeaders(), protocol,
						body, (response) -> receive(call, response));
		});
	}

	/**
	 * Returns the headers the protocol owns: content type, {@code grpc-timeout} for the time left,
	 * {@code grpc-encoding}, {@code grpc-accept-encoding}, and those that say which of the two protocols this is.
	 * @throws ConnectException with {@link Code#DEADLINE_EXCEEDED} when the deadline has passed already
	 */
	private HttpHeaders requestHeaders(ClientCallState call) {
		HttpHeaders protocol = new HttpHeaders();
		protocol.set(HttpHeaders.CONTENT_TYPE, contentType());
		Duration remaining = call.remaining();
		if (remaining != null) {
			if (remaining.isZero()) {
				throw new ConnectException(Code.DEADLINE_EXCEEDED, "the call's deadline expired before it was sent");
			}
			protocol.set(GrpcTimeout.HEADER, GrpcTimeout.format(remaining));
		}
		Compression compression = this.config.sendCompression();
		if (compression != null) {
			protocol.set(GrpcHeaders.ENCODING, compression.name());
		}
		if (!this.config.compressions().acceptHeader().isEmpty()) {
			protocol.set(GrpcHeaders.ACCEPT_ENCODING, this.config.compressions().acceptHeader());
		}
		if (this.web) {
			protocol.set("x-grpc-web", "1");
			// The gRPC-Web spec asks for X-User-Agent, as browsers own User-Agent; connect-go sends both, so do we.
			protocol.set("x-user-agent", ClientExchange.USER_AGENT);
		}
		else {
			// Required by the spec: it tells proxies on the way that the client reads trailers.
			protocol.set("te", "trailers");
		}
		return protocol;
	}

	/**
	 * Returns the request content type. gRPC sends the bare {@code application/grpc} for proto, as connect-go and
	 * grpc-java do (some frontends accept nothing else); gRPC-Web always names the codec.
	 */
	private String contentType() {
		String codec = this.config.codec().name();
		return (!this.web && codec.equals(ProtoCodec.INSTANCE.name())) ? this.bare : this.bare + "+" + codec;
	}

	/** Reads a response's head into the call, checks it, and returns the messages and end of its body. */
	private Flux<Message> receive(ClientCallState call, ClientHttp.Response response) {
		ClientExchange.readHeaders(response, call, false);
		HttpHeaders headers = call.mutableResponseHeaders();
		int status = response.status();
		if (status != 200) {
			return Flux.error(ClientExchange.withResponseMetadata(new ConnectException(
					HttpStatuses.codeForHttpStatus(status), "HTTP status " + response.statusText()), call));
		}
		// A status in the headers may make this a trailers-only response, whose head needs no content type or
		// encoding; the body and trailers decide.
		boolean statusInHeaders = headers.containsHeader(GrpcStatus.STATUS);
		ConnectException invalid = checkContentType(headers.getFirst(HttpHeaders.CONTENT_TYPE));
		if (invalid != null && !statusInHeaders) {
			return Flux.error(invalid);
		}
		Compression compression = null;
		String encoding = headers.getFirst(GrpcHeaders.ENCODING);
		if (encoding != null && !encoding.isEmpty() && !Compressions.IDENTITY.equals(encoding)) {
			compression = this.config.compressions().get(encoding);
			if (compression == null && !statusInHeaders) {
				return Flux.error(new ConnectException(Code.INTERNAL, "unknown encoding \"" + encoding
						+ "\": accepted encodings are " + this.config.compressions().acceptHeader()));
			}
		}
		Flux<DataBuffer> buffers = response.body().map(DefaultDataBufferFactory.sharedInstance::wrap);
		return readBody(call, compression, statusInHeaders, buffers, response.trailers());
	}

	/** Returns the error for a response content type that does not match the request's codec, or null. */
	private @Nullable ConnectException checkContentType(@Nullable String contentType) {
		String codec = this.config.codec().name();
		String mediaType = ContentTypes.mediaType(contentType);
		String prefix = this.bare + "+";
		if (mediaType.equals(prefix + codec)
				|| (codec.equals(ProtoCodec.INSTANCE.name()) && mediaType.equals(this.bare))) {
			return null;
		}
		// Not gRPC at all is "unknown"; gRPC in another codec is "internal".
		Code code = (mediaType.equals(this.bare) || mediaType.startsWith(prefix)) ? Code.INTERNAL : Code.UNKNOWN;
		return new ConnectException(code,
				"invalid content-type: \"" + contentType + "\"; expecting \"" + contentType() + "\"");
	}

	/**
	 * Reads a response body whose head has been read into the call: its enveloped messages (decompressed within the
	 * size limit), then its status from the trailers, which fill the call's trailers first.
	 * @param compression the response's compression, or null for none
	 * @param statusInHeaders whether the call's response headers hold {@code grpc-status}: the response is
	 * trailers-only if it turns out to have neither body nor trailers
	 * @param body the response body
	 * @param httpTrailers the HTTP trailers, subscribed once the body has ended (empty when there were none); gRPC-Web
	 * reads its trailers from the body instead
	 */
	Flux<Message> readBody(ClientCallState call, @Nullable Compression compression, boolean statusInHeaders,
			Flux<DataBuffer> body, Mono<HttpHeaders> httpTrailers) {
		ResponseReader reader = new ResponseReader(call, compression, statusInHeaders);
		Mono<HttpHeaders> trailers = this.web ? Mono.fromSupplier(reader::webTrailers) : httpTrailers;
		return EnvelopeDecoder.decode(body, this.config.readMaxBytes())
			.<Message>handle((envelope, sink) -> {
				Message message = reader.read(envelope);
				if (message != null) {
					sink.next(message);
				}
			})
			.onErrorMap(ClientErrors::badResponse)
			.concatWith(trailers.defaultIfEmpty(HttpHeaders.EMPTY).flatMap(reader::end));
	}

	/** Reads one response's envelopes and end; confined to its call's pipeline. */
	private final class ResponseReader {

		private final ClientCallState call;

		private final @Nullable Compression compression;

		private final boolean statusInHeaders;

		private boolean sawBody;

		private @Nullable HttpHeaders webTrailers;

		ResponseReader(ClientCallState call, @Nullable Compression compression, boolean statusInHeaders) {
			this.call = call;
			this.compression = compression;
			this.statusInHeaders = statusInHeaders;
		}

		/** Returns the trailers of a gRPC-Web body once its trailers frame was read; null before or without one. */
		@Nullable HttpHeaders webTrailers() {
			return this.webTrailers;
		}

		@Nullable Message read(Envelope envelope) {
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
					data = Compressions.decompress(this.compression, data,
							GrpcClientProtocol.this.config.readMaxBytes());
				}
			}
			int flags = envelope.flags() & ~Envelope.FLAG_COMPRESSED;
			if (GrpcClientProtocol.this.web && flags == Envelope.FLAG_WEB_TRAILERS) {
				this.webTrailers = GrpcWebTrailers.parse(data);
				return null;
			}
			if (flags != 0) {
				throw new ConnectException(Code.INTERNAL, "protocol error: invalid envelope flags " + envelope.flags());
			}
			return GrpcClientProtocol.this.config.codec().deserialize(data, this.call.method().responsePrototype());
		}

		Mono<Message> end(HttpHeaders trailers) {
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

}
