package io.connectspring.internal.protocol;

import io.connectspring.Code;
import io.connectspring.Compression;
import io.connectspring.ConnectException;
import io.connectspring.StreamType;

import java.time.Duration;

import com.google.protobuf.Message;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What the gRPC and gRPC-Web server protocols share: the content type's codec, the negotiation of
 * {@code grpc-encoding}, {@code grpc-accept-encoding} and {@code grpc-timeout}, message decoding and encoding, and the
 * status and metadata that end a call. The two differ only in how that end travels (HTTP/2 trailers, or a last
 * {@code 0x80} frame in the body) and in what each wraps around the body.
 */
final class GrpcServerCalls {

	static final String ENCODING = "grpc-encoding";

	static final String ACCEPT_ENCODING = "grpc-accept-encoding";

	private GrpcServerCalls() {
	}

	/**
	 * Returns the codec name of a content type of the form {@code <bare>} (Protobuf) or {@code <bare>+<codec>}, or
	 * {@code null} when the content type has another form.
	 */
	static @Nullable String codecName(@Nullable String contentType, String bare) {
		if (contentType == null) {
			return null;
		}
		String full;
		try {
			MediaType type = MediaType.parseMediaType(contentType);
			full = type.getType() + "/" + type.getSubtype();
		}
		catch (RuntimeException ex) {
			return null;
		}
		if (full.equals(bare)) {
			return ProtoCodec.INSTANCE.name();
		}
		return full.startsWith(bare + "+") ? full.substring(bare.length() + 1) : null;
	}

	/**
	 * Negotiates a call from its headers.
	 * @throws ConnectException with {@link Code#UNIMPLEMENTED} for an unknown {@code grpc-encoding} and
	 * {@link Code#INVALID_ARGUMENT} for a malformed {@code grpc-timeout}
	 */
	static Negotiation negotiate(ServerRequest request, ProcedureSpec spec, Codec codec) {
		Compressions.Negotiated compression = spec.limits()
			.compressions()
			.negotiate(request.headers().firstHeader(ENCODING), request.headers().firstHeader(ACCEPT_ENCODING));
		Duration timeout = GrpcTimeout.parse(request.headers().firstHeader(GrpcTimeout.HEADER));
		return new Negotiation(codec, compression.request(), compression.response(), timeout);
	}

	/** Returns the request messages of the body, decoded, as they arrive. */
	static Flux<Message> requests(Flux<DataBuffer> body, Negotiation negotiation, ProcedureSpec spec) {
		return EnvelopeDecoder.decode(body, spec.limits().maxRequestMessageSize())
			.map((envelope) -> EnvelopedMessages.decodeRequest(envelope, negotiation.codec(),
					negotiation.requestCompression(), spec, Code.INTERNAL));
	}

	/** Returns the request messages of a gRPC body. */
	static Flux<Message> requests(ServerRequest request, Negotiation negotiation, ProcedureSpec spec) {
		return requests(request.body(BodyExtractors.toDataBuffers()), negotiation, spec);
	}

	/**
	 * Returns the service's responses under the call's deadline; a unary-response procedure that completes without
	 * a response fails with {@link Code#INTERNAL}, as a gRPC client could not tell it from a lost message.
	 */
	static Flux<Message> responses(ServerInvoker invoker, Flux<Message> requests, CallState state,
			Negotiation negotiation, ProcedureSpec spec) {
		Flux<Message> responses = Deadlines.apply(invoker.invoke(requests, state), negotiation.timeout(), state);
		if (spec.streamType() == StreamType.UNARY || spec.streamType() == StreamType.CLIENT) {
			return responses.switchIfEmpty(Mono.error(() -> new ConnectException(Code.INTERNAL,
					spec.streamType() == StreamType.UNARY ? "unary response has no messages"
							: "client stream response has no messages")));
		}
		return responses;
	}

	/** Sets the protocol's response headers (before any application header). */
	static void writeHeaders(HttpHeaders headers, String contentType, Negotiation negotiation, ProcedureSpec spec) {
		headers.set(HttpHeaders.CONTENT_TYPE, contentType);
		Compression response = negotiation.responseCompression();
		if (response != null) {
			headers.set(ENCODING, response.name());
		}
		String accept = spec.limits().compressions().acceptHeader();
		if (!accept.isEmpty()) {
			headers.set(ACCEPT_ENCODING, accept);
		}
	}

	/**
	 * Returns the responses as envelopes: the messages already available share a buffer, a lone one leaves at once
	 * ({@link EnvelopeBatcher}).
	 */
	static Flux<DataBuffer> encodeResponses(Flux<Message> responses, DataBufferFactory factory,
			Negotiation negotiation, ProcedureSpec spec, EnvelopeBatcher.Ending ending, CallState state) {
		return EnvelopeBatcher.encode(responses, factory, (response, buffer) -> EnvelopedMessages
			.encodeResponse(buffer, response, negotiation.codec(), negotiation.responseCompression(), spec), ending,
				state);
	}

	/**
	 * Returns what ends a call: the trailers the service set, the error's metadata, then {@code grpc-status},
	 * {@code grpc-message} and {@code grpc-status-details-bin}.
	 */
	static HttpHeaders trailers(@Nullable ConnectException error, CallState state) {
		HttpHeaders trailers = ConnectHeaders.applicationMetadata(state.responseTrailersIfUsed());
		if (error != null) {
			ConnectHeaders.copyMetadata(error.metadata(), trailers, "");
		}
		GrpcStatus.write(error, trailers);
		return trailers;
	}

	/**
	 * Writes a trailers-only response's headers: the service's response headers and everything
	 * {@link #trailers} holds, in one header block.
	 */
	static void writeTrailersOnly(HttpHeaders headers, @Nullable ConnectException error, CallState state) {
		ConnectHeaders.copyMetadata(state.responseHeadersIfUsed(), headers, "");
		trailers(error, state).forEach((name, values) -> values.forEach((value) -> headers.add(name, value)));
	}

	/**
	 * Returns the trailers-only response of a call rejected before it started (bad {@code grpc-encoding} or
	 * {@code grpc-timeout}), advertising the supported encodings.
	 */
	static Mono<ServerResponse> rejected(ConnectException error, String contentType, CallState state,
			ProcedureSpec spec) {
		return ServerResponse.ok().headers((headers) -> {
			headers.set(HttpHeaders.CONTENT_TYPE, contentType);
			String accept = spec.limits().compressions().acceptHeader();
			if (!accept.isEmpty()) {
				headers.set(ACCEPT_ENCODING, accept);
			}
			writeTrailersOnly(headers, error, state);
		}).build();
	}

	/**
	 * What a call negotiated.
	 *
	 * @param codec the messages' codec
	 * @param requestCompression the compression of request messages, or {@code null} for none
	 * @param responseCompression the compression of response messages, or {@code null} for none
	 * @param timeout the call's timeout, or {@code null} for none
	 */
	record Negotiation(Codec codec, @Nullable Compression requestCompression,
			@Nullable Compression responseCompression, @Nullable Duration timeout) {
	}

}
