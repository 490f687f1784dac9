package io.connectspring.internal.protocol;

import io.connectspring.Code;
import io.connectspring.Compression;
import io.connectspring.ConnectException;
import io.connectspring.StreamType;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import com.google.protobuf.Message;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Connect streaming calls ({@code application/connect+proto}, {@code application/connect+json}) of all three
 * streaming types. Requests and responses are enveloped, each message compressed on its own; the response is
 * always HTTP 200 and ends with the end-of-stream message that carries the error, if any, and the trailers.
 * Messages flow as they come: nothing is collected, and a slow reader slows the service (Reactor backpressure).
 *
 * @see <a href="https://connectrpc.com/docs/protocol#streaming-request">Connect streaming</a>
 */
public final class ConnectStreamingServerProtocol implements ServerProtocol {

	private static final String PREFIX = "application/connect+";

	@Override
	public Set<HttpMethod> methods(ProcedureSpec spec) {
		return Set.of(HttpMethod.POST);
	}

	@Override
	public List<String> contentTypes(StreamType streamType) {
		return (streamType == StreamType.UNARY) ? List.of()
				: List.of("application/connect+proto", "application/connect+json");
	}

	@Override
	public boolean canHandle(ServerRequest request, ProcedureSpec spec) {
		String codec = codecName(request.headers().firstHeader(HttpHeaders.CONTENT_TYPE));
		return spec.streamType() != StreamType.UNARY && request.method() == HttpMethod.POST && codec != null
				&& spec.codecs().get(codec) != null;
	}

	@Override
	public Mono<ServerResponse> serve(ServerRequest request, ServerInvoker invoker, ProcedureSpec spec) {
		CallState state = CallState.of(request, spec.method(), ConnectUnaryServerProtocol.PROTOCOL);
		String contentType = request.headers().firstHeader(HttpHeaders.CONTENT_TYPE);
		String codecName = codecName(contentType);
		Codec codec = (codecName != null) ? spec.codecs().get(codecName) : null;
		if (codec == null || contentType == null) {
			// canHandle() admitted the request, so this cannot happen; answer as connect-go would.
			return ServerResponse.status(415).build();
		}
		Compressions compressions = spec.limits().compressions();
		Compressions.Negotiated compression;
		Duration timeout;
		try {
			compression = compressions.negotiate(
					request.headers().firstHeader(ConnectHeaders.STREAM_CONTENT_ENCODING),
					request.headers().firstHeader(ConnectHeaders.STREAM_ACCEPT_ENCODING));
			ConnectHeaders.checkProtocolVersion(request.headers().firstHeader(ConnectHeaders.PROTOCOL_VERSION), false,
					false);
			timeout = Deadlines.parseConnectTimeout(request.headers().firstHeader(ConnectHeaders.TIMEOUT));
		}
		catch (ConnectException ex) {
			ConnectException error = ConnectErrors.toConnectException(ex, state);
			return respond(contentType, null, compressions, state,
					(factory) -> Flux.just(endStream(factory, error, state)));
		}
		Flux<Message> requests = EnvelopeDecoder
			.decode(request.body(BodyExtractors.toDataBuffers()), spec.limits().maxRequestMessageSize())
			.map((envelope) -> EnvelopedMessages.decodeRequest(envelope, codec, compression.request(), spec,
					Code.INVALID_ARGUMENT));
		Compression responseCompression = compression.response();
		return respond(contentType, responseCompression, compressions, state,
				(factory) -> EnvelopeBatcher.encode(Deadlines.apply(invoker.invoke(requests, state), timeout, state),
						factory,
						(response, buffer) -> EnvelopedMessages.encodeResponse(buffer, response, codec, responseCompression,
								spec),
						(failure, messagesSent) -> endStream(factory,
								(failure != null) ? ConnectErrors.toConnectException(failure, state) : null, state),
						state));
	}

	private static Mono<ServerResponse> respond(String contentType, @Nullable Compression compression,
			Compressions compressions, CallState state,
			Function<DataBufferFactory, Flux<DataBuffer>> body) {
		return ServerResponse.ok().body((message, context) -> {
			HttpHeaders headers = message.getHeaders();
			headers.set(HttpHeaders.CONTENT_TYPE, contentType);
			if (compression != null) {
				headers.set(ConnectHeaders.STREAM_CONTENT_ENCODING, compression.name());
			}
			if (!compressions.acceptHeader().isEmpty()) {
				headers.set(ConnectHeaders.STREAM_ACCEPT_ENCODING, compressions.acceptHeader());
			}
			// The service may set headers until the first message leaves; they are copied at that moment.
			message.beforeCommit(() -> {
				ConnectHeaders.copyMetadata(state.responseHeadersIfUsed(), headers, "");
				return Mono.empty();
			});
			return StreamingBodyWriter.write(message, body.apply(message.bufferFactory()));
		});
	}

	private static DataBuffer endStream(DataBufferFactory factory, @Nullable ConnectException error,
			CallState state) {
		HttpHeaders metadata = ConnectHeaders.applicationMetadata(state.responseTrailersIfUsed());
		if (error != null) {
			ConnectHeaders.copyMetadata(error.metadata(), metadata, "");
		}
		return Envelope.write(factory, Envelope.FLAG_END_STREAM, ErrorJson.endStream(error, metadata));
	}

	/** Returns the codec name of a streaming content type, {@code application/connect+<codec>}. */
	static @Nullable String codecName(@Nullable String contentType) {
		if (contentType == null) {
			return null;
		}
		// The spellings clients send, without parsing: MediaType.parseMediaType is costly for every call.
		if (contentType.equals("application/connect+proto")) {
			return "proto";
		}
		if (contentType.equals("application/connect+json")) {
			return "json";
		}
		try {
			MediaType type = MediaType.parseMediaType(contentType);
			String full = type.getType() + "/" + type.getSubtype();
			return full.startsWith(PREFIX) ? full.substring(PREFIX.length()) : null;
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

}
