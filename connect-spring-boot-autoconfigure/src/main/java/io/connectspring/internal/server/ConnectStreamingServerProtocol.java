package io.connectspring.internal.server;

import io.connectspring.Code;
import io.connectspring.Compression;
import io.connectspring.ConnectException;
import io.connectspring.StreamType;
import io.connectspring.internal.wire.Codec;
import io.connectspring.internal.wire.Compressions;
import io.connectspring.internal.wire.ConnectHeaders;
import io.connectspring.internal.wire.ConnectTimeout;
import io.connectspring.internal.wire.ContentTypes;
import io.connectspring.internal.wire.Envelope;
import io.connectspring.internal.wire.EnvelopeDecoder;
import io.connectspring.internal.wire.ErrorJson;
import io.connectspring.internal.wire.ProtocolNames;

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
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
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
	public String name() {
		return ProtocolNames.CONNECT;
	}

	@Override
	public @Nullable Negotiation negotiate(RequestHead head, ProcedureSpec spec) {
		if (spec.streamType() == StreamType.UNARY || head.method() != HttpMethod.POST) {
			return null;
		}
		String contentType = head.header(HttpHeaders.CONTENT_TYPE);
		String codecName = codecName(contentType);
		Codec codec = (codecName != null) ? spec.codecs().get(codecName) : null;
		if (codec == null || contentType == null) {
			return null;
		}
		Compressions compressions = spec.limits().compressions();
		Compressions.Negotiated compression;
		Duration timeout;
		try {
			compression = compressions.negotiate(head.header(ConnectHeaders.STREAM_CONTENT_ENCODING),
					head.header(ConnectHeaders.STREAM_ACCEPT_ENCODING));
			ConnectHeaders.checkProtocolVersion(head.header(ConnectHeaders.PROTOCOL_VERSION), false, false);
			timeout = ConnectTimeout.parse(head.header(ConnectHeaders.TIMEOUT));
		}
		catch (ConnectException ex) {
			// Streaming responses are HTTP 200 whatever happens: the error travels in the end-of-stream message.
			ConnectException error = ConnectErrors.toConnectException(ex, spec.method());
			HttpHeaders headers = new HttpHeaders();
			writeHeaders(headers, contentType, null, compressions);
			HttpHeaders metadata = ConnectHeaders.applicationMetadata(null);
			ConnectHeaders.copyMetadata(error.metadata(), metadata, "");
			return Refusal.of(HttpStatus.OK.value(), headers,
					Envelope.toBytes(Envelope.FLAG_END_STREAM, ErrorJson.endStream(error, metadata)));
		}
		return new ServerCall(this, spec, head, codec, contentType, compression, timeout, ServerCall.Form.BODY);
	}

	@Override
	public Mono<Void> serve(ServerCall call, ServerWebExchange exchange, ServerInvoker invoker) {
		CallState state = call.state();
		ProcedureSpec spec = call.spec();
		Codec codec = call.codec();
		Compression requestCompression = call.requestCompression();
		Flux<Message> requests = EnvelopeDecoder
			.decode(exchange.getRequest().getBody(), spec.limits().maxRequestMessageSize())
			.map((envelope) -> EnvelopedMessages.decodeRequest(envelope, codec, requestCompression, spec,
					Code.INVALID_ARGUMENT));
		Compression responseCompression = call.responseCompression();
		return respond(exchange.getResponse(), call.contentType(), responseCompression, spec.limits().compressions(),
				state,
				(factory) -> EnvelopeBatcher.encode(
						Deadlines.apply(invoker.invoke(requests, state), call.timeout(), state), factory,
						(response, buffer) -> EnvelopedMessages.encodeResponse(buffer, response, codec,
								responseCompression, spec),
						(failure, messagesSent) -> endStream(factory,
								(failure != null) ? ConnectErrors.toConnectException(failure, state) : null, state),
						state));
	}

	private static void writeHeaders(HttpHeaders headers, String contentType, @Nullable Compression compression,
			Compressions compressions) {
		headers.set(HttpHeaders.CONTENT_TYPE, contentType);
		if (compression != null) {
			headers.set(ConnectHeaders.STREAM_CONTENT_ENCODING, compression.name());
		}
		if (!compressions.acceptHeader().isEmpty()) {
			headers.set(ConnectHeaders.STREAM_ACCEPT_ENCODING, compressions.acceptHeader());
		}
	}

	private static Mono<Void> respond(ServerHttpResponse response, String contentType,
			@Nullable Compression compression, Compressions compressions, CallState state,
			Function<DataBufferFactory, Flux<DataBuffer>> body) {
		response.setStatusCode(HttpStatus.OK);
		HttpHeaders headers = response.getHeaders();
		writeHeaders(headers, contentType, compression, compressions);
		// The service may set headers until the first message leaves; they are copied at that moment.
		response.beforeCommit(() -> {
			ConnectHeaders.copyMetadata(state.responseHeadersIfUsed(), headers, "");
			return Mono.empty();
		});
		return StreamingBodyWriter.write(response, body.apply(response.bufferFactory()));
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
			String prefix = ContentTypes.CONNECT_STREAMING_PREFIX;
			return full.startsWith(prefix) ? full.substring(prefix.length()) : null;
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

}
