package io.connectspring.internal.protocol;

import io.connectspring.Code;
import io.connectspring.Compression;
import io.connectspring.ConnectException;

import java.time.Duration;

import com.google.protobuf.Message;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
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
	 * Negotiates a call from its head: its compressions and timeout. A request with an unknown {@code grpc-encoding}
	 * ({@link Code#UNIMPLEMENTED}) or a malformed {@code grpc-timeout} ({@link Code#INVALID_ARGUMENT}) gets a
	 * trailers-only response that advertises the supported encodings.
	 */
	static Negotiation negotiate(ServerProtocol protocol, RequestHead head, ProcedureSpec spec, Codec codec,
			String contentType, ServerCall.Form form) {
		Compressions.Negotiated compression;
		Duration timeout;
		try {
			compression = spec.limits()
				.compressions()
				.negotiate(head.header(ENCODING), head.header(ACCEPT_ENCODING));
			timeout = GrpcTimeout.parse(head.header(GrpcTimeout.HEADER));
		}
		catch (ConnectException ex) {
			ConnectException error = ConnectErrors.toConnectException(ex, spec.method());
			HttpHeaders headers = new HttpHeaders();
			headers.set(HttpHeaders.CONTENT_TYPE, contentType);
			String accept = spec.limits().compressions().acceptHeader();
			if (!accept.isEmpty()) {
				headers.set(ACCEPT_ENCODING, accept);
			}
			trailers(error, null).forEach((name, values) -> values.forEach((value) -> headers.add(name, value)));
			return Refusal.of(HttpStatus.OK, headers);
		}
		return new ServerCall(protocol, spec, head, codec, contentType, compression, timeout, form);
	}

	/** Returns the request messages of the body, decoded, as they arrive. */
	static Flux<Message> requests(Flux<DataBuffer> body, ServerCall call) {
		return EnvelopeDecoder.decode(body, call.spec().limits().maxRequestMessageSize())
			.map((envelope) -> EnvelopedMessages.decodeRequest(envelope, call.codec(), call.requestCompression(),
					call.spec(), Code.INTERNAL));
	}

	/** Returns the service's responses under the call's deadline. */
	static Flux<Message> responses(ServerInvoker invoker, Flux<Message> requests, ServerCall call) {
		return Deadlines.apply(invoker.invoke(requests, call.state()), call.timeout(), call.state());
	}

	/** Sets the protocol's response headers (before any application header). */
	static void writeHeaders(HttpHeaders headers, ServerCall call) {
		headers.set(HttpHeaders.CONTENT_TYPE, call.contentType());
		Compression response = call.responseCompression();
		if (response != null) {
			headers.set(ENCODING, response.name());
		}
		String accept = call.spec().limits().compressions().acceptHeader();
		if (!accept.isEmpty()) {
			headers.set(ACCEPT_ENCODING, accept);
		}
	}

	/**
	 * Returns the responses as envelopes: the messages already available share a buffer, a lone one leaves at once
	 * ({@link EnvelopeBatcher}).
	 */
	static Flux<DataBuffer> encodeResponses(Flux<Message> responses, DataBufferFactory factory, ServerCall call,
			EnvelopeBatcher.Ending ending) {
		return EnvelopeBatcher.encode(responses, factory, (response, buffer) -> EnvelopedMessages
			.encodeResponse(buffer, response, call.codec(), call.responseCompression(), call.spec()), ending,
				call.state());
	}

	/**
	 * Returns what ends a call: the trailers the service set, the error's metadata, then {@code grpc-status},
	 * {@code grpc-message} and {@code grpc-status-details-bin}. {@code state} is {@code null} for a call refused
	 * before it started.
	 */
	static HttpHeaders trailers(@Nullable ConnectException error, @Nullable CallState state) {
		HttpHeaders trailers = ConnectHeaders
			.applicationMetadata((state != null) ? state.responseTrailersIfUsed() : null);
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

}
