package io.connectspring.internal.server;

import io.connectspring.Code;
import io.connectspring.Compression;
import io.connectspring.ConnectException;
import io.connectspring.Metadata;
import io.connectspring.StreamType;
import io.connectspring.internal.wire.Codec;
import io.connectspring.internal.wire.Compressions;
import io.connectspring.internal.wire.ConnectHeaders;
import io.connectspring.internal.wire.ConnectTimeout;
import io.connectspring.internal.wire.ContentTypes;
import io.connectspring.internal.wire.ErrorJson;
import io.connectspring.internal.wire.HttpStatuses;
import io.connectspring.internal.wire.ProtocolNames;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import com.google.protobuf.Message;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.util.MultiValueMap;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Connect unary calls: POST with {@code application/proto} or {@code application/json}, and GET with the message in
 * the query for {@code NO_SIDE_EFFECTS} procedures. The response is the bare message with HTTP 200, or the error JSON
 * with the HTTP status of its code; trailers travel as {@code trailer-} headers.
 *
 * @see <a href="https://connectrpc.com/docs/protocol#unary-request">Connect unary</a>
 */
public final class ConnectUnaryServerProtocol implements ServerProtocol {

	private static final byte[] EMPTY = new byte[0];

	/** The header Reactor Netty adds to every request that arrived over HTTP/2. */
	private static final String HTTP2_STREAM_ID = "x-http2-stream-id";

	@Override
	public Set<HttpMethod> methods(ProcedureSpec spec) {
		return spec.allowsGet() ? Set.of(HttpMethod.GET, HttpMethod.POST) : Set.of(HttpMethod.POST);
	}

	@Override
	public List<String> contentTypes(StreamType streamType) {
		return (streamType == StreamType.UNARY) ? List.of("application/proto", "application/json") : List.of();
	}

	@Override
	public String name() {
		return ProtocolNames.CONNECT;
	}

	@Override
	public @Nullable Negotiation negotiate(RequestHead head, ProcedureSpec spec) {
		if (spec.streamType() != StreamType.UNARY) {
			return null;
		}
		boolean get = head.method() == HttpMethod.GET;
		String codecName;
		if (get) {
			codecName = spec.allowsGet() ? head.queryParam("encoding") : null;
		}
		else {
			codecName = (head.method() == HttpMethod.POST) ? codecName(head.header(HttpHeaders.CONTENT_TYPE)) : null;
		}
		Codec codec = (codecName != null) ? spec.codecs().get(codecName) : null;
		if (codec == null) {
			return null;
		}
		if (get && hasBody(head.headers())) {
			// connect-go refuses a GET with a body so, without Accept-Post.
			return Refusal.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, new HttpHeaders());
		}
		String contentType = get ? ContentTypes.CONNECT_UNARY_PREFIX + codecName
				: head.header(HttpHeaders.CONTENT_TYPE);
		Compressions.Negotiated compression;
		Duration timeout;
		try {
			compression = spec.limits()
				.compressions()
				.negotiate(get ? head.queryParam("compression") : head.header(HttpHeaders.CONTENT_ENCODING),
						head.header(HttpHeaders.ACCEPT_ENCODING));
			ConnectHeaders.checkProtocolVersion(
					get ? head.queryParam("connect") : head.header(ConnectHeaders.PROTOCOL_VERSION),
					spec.requireProtocolVersion(), get);
			timeout = ConnectTimeout.parse(head.header(ConnectHeaders.TIMEOUT));
		}
		catch (ConnectException ex) {
			ConnectException error = ConnectErrors.toConnectException(ex, spec.method());
			HttpHeaders headers = new HttpHeaders();
			writeErrorHeaders(headers, null, error, get);
			return Refusal.of(HttpStatuses.httpStatus(error.code()), headers, ErrorJson.error(error));
		}
		return new ServerCall(this, spec, head, codec, contentType, compression, timeout,
				get ? ServerCall.Form.GET : ServerCall.Form.BODY);
	}

	@Override
	public Mono<Void> serve(ServerCall call, ServerWebExchange exchange, ServerInvoker invoker) {
		CallState state = call.state();
		ProcedureSpec spec = call.spec();
		boolean get = call.form() == ServerCall.Form.GET;
		long max = spec.limits().maxRequestMessageSize();
		Mono<byte[]> body;
		try {
			if (get) {
				body = Mono.just(queryMessage(call.head().query(), max));
			}
			else {
				long declared = call.head().headers().getContentLength();
				if (declared > max) {
					throw tooLarge(declared, max);
				}
				body = DataBufferUtils.join(exchange.getRequest().getBody(), (int) Math.min(max, Integer.MAX_VALUE))
					.map(ConnectUnaryServerProtocol::drain)
					.defaultIfEmpty(EMPTY);
			}
		}
		catch (ConnectException ex) {
			return error(ConnectErrors.toConnectException(ex, state), state, get).writeTo(exchange, get);
		}
		Codec codec = call.codec();
		Compression requestCompression = call.requestCompression();
		Mono<Message> message = body.map((bytes) -> {
			byte[] plain = (requestCompression != null && bytes.length > 0)
					? Compressions.decompress(requestCompression, bytes, max)
					: bytes;
			return codec.deserialize(plain, spec.method().requestPrototype());
		});
		Compression responseCompression = call.responseCompression();
		// The answer is decided in full (the service's message or error, encoded) before anything is written, so a
		// failure to write is never answered with a second response.
		return Deadlines.apply(invoker.invokeUnary(message, state), call.timeout(), state)
			.map((response) -> success(response, state, codec, call.contentType(), responseCompression, get, spec))
			.onErrorResume((failure) -> Mono.just(error(ConnectErrors.toConnectException(failure, state), state, get)))
			.flatMap((answer) -> answer.writeTo(exchange, get));
	}

	/**
	 * Returns whether a request declares a body. Over HTTP/2 only {@code content-length} counts: Reactor Netty adds a
	 * synthetic {@code transfer-encoding: chunked} whenever the HEADERS frame does not end the stream, as when a
	 * client ends a bodiless GET with an empty DATA frame.
	 */
	static boolean hasBody(HttpHeaders headers) {
		if (headers.getContentLength() > 0) {
			return true;
		}
		return headers.containsHeader(HttpHeaders.TRANSFER_ENCODING) && !headers.containsHeader(HTTP2_STREAM_ID);
	}

	private Answer success(Message response, CallState state, Codec codec, String contentType,
			@Nullable Compression compression, boolean get, ProcedureSpec spec) {
		byte[] bytes = codec.serialize(response);
		if (bytes.length > spec.limits().maxResponseMessageSize()) {
			throw new ConnectException(Code.RESOURCE_EXHAUSTED, "message size " + bytes.length
					+ " exceeds sendMaxBytes " + spec.limits().maxResponseMessageSize());
		}
		Compressions compressions = spec.limits().compressions();
		boolean compress = compressions.shouldCompress(compression, bytes.length);
		byte[] payload = compress ? Compressions.compress(compression, bytes) : bytes;
		return new Answer(HttpStatus.OK, payload, (headers) -> {
			writeMetadata(headers, state, null, get);
			headers.set(HttpHeaders.CONTENT_TYPE, contentType);
			if (compress) {
				headers.set(HttpHeaders.CONTENT_ENCODING, compression.name());
			}
			if (!compressions.acceptHeader().isEmpty()) {
				headers.set(HttpHeaders.ACCEPT_ENCODING, compressions.acceptHeader());
			}
		});
	}

	private static Answer error(ConnectException error, CallState state, boolean get) {
		return new Answer(HttpStatusCode.valueOf(HttpStatuses.httpStatus(error.code())), ErrorJson.error(error),
				(headers) -> writeErrorHeaders(headers, state, error, get));
	}

	/**
	 * A unary call's answer, decided in full: status, body and headers, written straight into the server's response
	 * (the bytes are wrapped, not copied).
	 */
	private record Answer(HttpStatusCode status, byte[] body, Consumer<HttpHeaders> headers) {

		/**
		 * Writes the answer. A GET answer is first checked against the request's {@code If-None-Match} and
		 * {@code If-Modified-Since} when the service set {@code ETag} or {@code Last-Modified}, and a match is answered
		 * 304 without a body, as HTTP caches of side-effect-free calls expect (and as WebFlux answers its own
		 * responses).
		 */
		Mono<Void> writeTo(ServerWebExchange exchange, boolean get) {
			ServerHttpResponse response = exchange.getResponse();
			response.setStatusCode(this.status);
			HttpHeaders responseHeaders = response.getHeaders();
			this.headers.accept(responseHeaders);
			if (get && exchange.checkNotModified(responseHeaders.getETag(),
					Instant.ofEpochMilli(responseHeaders.getLastModified()))) {
				return response.setComplete();
			}
			responseHeaders.setContentLength(this.body.length);
			return response.writeWith(Mono.just(response.bufferFactory().wrap(this.body)));
		}

	}

	/** Writes an error response's headers; {@code state} is {@code null} when negotiation refused the call. */
	private static void writeErrorHeaders(HttpHeaders headers, @Nullable CallState state, ConnectException error,
			boolean get) {
		writeMetadata(headers, state, error, get);
		headers.set(HttpHeaders.CONTENT_TYPE, ContentTypes.JSON);
	}

	private static void writeMetadata(HttpHeaders headers, @Nullable CallState state,
			@Nullable ConnectException error, boolean get) {
		if (state != null) {
			ConnectHeaders.copyMetadata(state.responseHeadersIfUsed(), headers, "");
		}
		if (error != null) {
			ConnectHeaders.copyMetadata(error.metadata(), headers, "");
		}
		if (state != null) {
			ConnectHeaders.copyMetadata(state.responseTrailersIfUsed(), headers, ConnectHeaders.TRAILER_PREFIX);
		}
		if (get) {
			headers.add(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
		}
	}

	private static byte[] queryMessage(MultiValueMap<String, String> query, long max) {
		String message = query.getFirst("message");
		if (message == null) {
			throw new ConnectException(Code.INVALID_ARGUMENT, "missing message parameter");
		}
		byte[] bytes;
		if ("1".equals(query.getFirst("base64"))) {
			try {
				bytes = Metadata.decodeBase64(message);
			}
			catch (IllegalArgumentException ex) {
				throw new ConnectException(Code.INVALID_ARGUMENT, "message parameter is not valid base64");
			}
		}
		else {
			// WebFlux has already percent-decoded query values.
			bytes = message.getBytes(StandardCharsets.UTF_8);
		}
		if (bytes.length > max) {
			throw tooLarge(bytes.length, max);
		}
		return bytes;
	}

	private static ConnectException tooLarge(long size, long max) {
		return new ConnectException(Code.RESOURCE_EXHAUSTED,
				"message size " + size + " is larger than configured max " + max);
	}

	private static byte[] drain(DataBuffer buffer) {
		try {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			return bytes;
		}
		finally {
			DataBufferUtils.release(buffer);
		}
	}

	/** Returns the codec name of a unary content type ({@code application/json; charset=utf-8} is json). */
	static @Nullable String codecName(@Nullable String contentType) {
		if (contentType == null) {
			return null;
		}
		// The spellings clients send, without parsing: MediaType.parseMediaType is costly for every call.
		if (contentType.equals("application/proto")) {
			return "proto";
		}
		if (contentType.equals("application/json")) {
			return "json";
		}
		MediaType type;
		try {
			type = MediaType.parseMediaType(contentType);
		}
		catch (RuntimeException ex) {
			return null;
		}
		if (!"application".equals(type.getType()) || type.getSubtype().startsWith("connect+")
				|| type.getSubtype().startsWith("grpc")) {
			return null;
		}
		String charset = type.getParameter("charset");
		if (charset != null && !charset.equalsIgnoreCase("utf-8")) {
			return null;
		}
		return type.getSubtype();
	}

}
