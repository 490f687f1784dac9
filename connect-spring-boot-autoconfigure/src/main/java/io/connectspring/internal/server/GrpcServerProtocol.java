package io.connectspring.internal.server;

import io.connectspring.Code;
import io.connectspring.Compression;
import io.connectspring.ConnectException;
import io.connectspring.StreamType;
import io.connectspring.internal.wire.Codec;
import io.connectspring.internal.wire.Compressions;
import io.connectspring.internal.wire.ConnectHeaders;
import io.connectspring.internal.wire.ContentTypes;
import io.connectspring.internal.wire.Envelope;
import io.connectspring.internal.wire.EnvelopeDecoder;
import io.connectspring.internal.wire.GrpcHeaders;
import io.connectspring.internal.wire.GrpcStatus;
import io.connectspring.internal.wire.GrpcTimeout;
import io.connectspring.internal.wire.GrpcWebText;
import io.connectspring.internal.wire.ProtoCodec;
import io.connectspring.internal.wire.ProtocolNames;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import com.google.protobuf.Message;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;

/**
 * gRPC and gRPC-Web calls of all four stream types, one instance for each: the two differ only in how the status and
 * trailers that end a call travel, as connect-go's gRPC protocol with its {@code web} switch.
 * <ul>
 * <li><b>gRPC</b> ({@code application/grpc}, {@code application/grpc+proto}, {@code application/grpc+json}) over
 * HTTP/2 (h2c or TLS): HTTP/2 trailers with {@code grpc-status}, {@code grpc-message} and
 * {@code grpc-status-details-bin}. WebFlux has no API for trailers, so this class reaches Reactor Netty's
 * {@link HttpServerResponse} under the WebFlux response and registers them there; on another server every call fails
 * with {@link Code#INTERNAL} (the auto-configuration does not enable gRPC there). gRPC over HTTP/1.1 gets HTTP 505,
 * as gRPC needs HTTP/2's trailers.</li>
 * <li><b>gRPC-Web</b> ({@code application/grpc-web}, {@code +proto}, {@code +json}, and the base64
 * {@code application/grpc-web-text}) over HTTP/1.1 and HTTP/2: the trailers travel in the body, as a last frame
 * flagged {@code 0x80} holding an HTTP/1 header block ({@code grpc-status: 0\r\n}), so any server and proxy will
 * do.</li>
 * </ul>
 * The response is always HTTP 200: response headers, then the enveloped messages, then the trailers. A call that ends
 * before its first message, and set no response headers, gets a trailers-only response: the status in the headers of
 * a response without a body.
 *
 * @see <a href="https://github.com/grpc/grpc/blob/master/doc/PROTOCOL-HTTP2.md">gRPC over HTTP/2</a>
 * @see <a href="https://github.com/grpc/grpc/blob/master/doc/PROTOCOL-WEB.md">gRPC-Web</a>
 */
public final class GrpcServerProtocol implements ServerProtocol {

	private static final Log logger = LogFactory.getLog(GrpcServerProtocol.class);

	private final boolean web;

	private final String bareContentType;

	private final AtomicBoolean warned = new AtomicBoolean();

	private GrpcServerProtocol(boolean web) {
		this.web = web;
		this.bareContentType = web ? ContentTypes.GRPC_WEB : ContentTypes.GRPC;
	}

	/** Returns the gRPC protocol: trailers as HTTP/2 trailers. */
	public static GrpcServerProtocol grpc() {
		return new GrpcServerProtocol(false);
	}

	/** Returns the gRPC-Web protocol: trailers in the body's last frame. */
	public static GrpcServerProtocol grpcWeb() {
		return new GrpcServerProtocol(true);
	}

	@Override
	public String name() {
		return this.web ? ProtocolNames.GRPC_WEB : ProtocolNames.GRPC;
	}

	@Override
	public Set<HttpMethod> methods(ProcedureSpec spec) {
		return Set.of(HttpMethod.POST);
	}

	@Override
	public List<String> contentTypes(StreamType streamType) {
		return this.web
				? List.of(ContentTypes.GRPC_WEB, ContentTypes.GRPC_WEB + "+proto", ContentTypes.GRPC_WEB + "+json",
						ContentTypes.GRPC_WEB_TEXT)
				: List.of(ContentTypes.GRPC, ContentTypes.GRPC + "+proto", ContentTypes.GRPC + "+json");
	}

	@Override
	public @Nullable Negotiation negotiate(RequestHead head, ProcedureSpec spec) {
		String contentType = head.header(HttpHeaders.CONTENT_TYPE);
		if (head.method() != HttpMethod.POST || contentType == null) {
			return null;
		}
		ServerCall.Form form = ServerCall.Form.BODY;
		String codecName = codecName(contentType, this.bareContentType);
		if (codecName == null && this.web) {
			codecName = codecName(contentType, ContentTypes.GRPC_WEB_TEXT);
			form = ServerCall.Form.TEXT;
		}
		Codec codec = (codecName != null) ? spec.codecs().get(codecName) : null;
		if (codec == null) {
			return null;
		}
		if (!this.web && head.http1()) {
			HttpHeaders headers = new HttpHeaders();
			headers.set(HttpHeaders.CONTENT_TYPE, contentType);
			headers.set(GrpcStatus.STATUS, Integer.toString(Code.UNIMPLEMENTED.number()));
			headers.set(GrpcStatus.MESSAGE,
					GrpcStatus.percentEncode("gRPC requires HTTP/2; over HTTP/1.1 use gRPC-Web or Connect"));
			return Refusal.of(HttpStatus.HTTP_VERSION_NOT_SUPPORTED, headers);
		}
		Compressions.Negotiated compression;
		Duration timeout;
		try {
			compression = spec.limits()
				.compressions()
				.negotiate(head.header(GrpcHeaders.ENCODING), head.header(GrpcHeaders.ACCEPT_ENCODING));
			timeout = GrpcTimeout.parse(head.header(GrpcTimeout.HEADER));
		}
		catch (ConnectException ex) {
			// An unknown grpc-encoding (unimplemented) or a malformed grpc-timeout (invalid_argument): trailers-only,
			// advertising the supported encodings.
			ConnectException error = ConnectErrors.toConnectException(ex, spec.method());
			HttpHeaders headers = new HttpHeaders();
			headers.set(HttpHeaders.CONTENT_TYPE, contentType);
			String accept = spec.limits().compressions().acceptHeader();
			if (!accept.isEmpty()) {
				headers.set(GrpcHeaders.ACCEPT_ENCODING, accept);
			}
			addAll(headers, trailers(error, null));
			return Refusal.of(HttpStatus.OK, headers);
		}
		return new ServerCall(this, spec, head, codec, contentType, compression, timeout, form);
	}

	@Override
	public Mono<Void> serve(ServerCall call, ServerWebExchange exchange, ServerInvoker invoker) {
		CallState state = call.state();
		ProcedureSpec spec = call.spec();
		boolean text = call.form() == ServerCall.Form.TEXT;
		Flux<Message> responses = Deadlines.apply(invoker.invoke(requests(call, exchange.getRequest().getBody()),
				state), call.timeout(), state);
		ServerHttpResponse message = exchange.getResponse();
		message.setStatusCode(HttpStatus.OK);
		writeHeaders(message.getHeaders(), call);
		DataBufferFactory factory = message.bufferFactory();
		GrpcResponseBody response = new GrpcResponseBody(state);
		Function<@Nullable ConnectException, @Nullable DataBuffer> last;
		if (this.web) {
			last = (error) -> trailersFrame(factory, error, state);
		}
		else {
			HttpServerResponse netty = nettyResponse(message);
			if (netty == null) {
				return cannotSendTrailers(message, call);
			}
			// Runs when the body completes, so it carries a status decided mid-stream.
			netty.trailerHeaders((trailers) -> {
				if (!response.trailersOnly()) {
					trailers(response.error(), state)
						.forEach((name, values) -> values.forEach((value) -> trailers.add(name, value)));
				}
			});
			last = (error) -> null;
		}
		return response.write(message, call.contentType(), (ending) -> {
			Flux<DataBuffer> frames = EnvelopeBatcher.encode(responses, factory,
					(reply, buffer) -> EnvelopedMessages.encodeResponse(buffer, reply, call.codec(),
							call.responseCompression(), spec),
					ending, state);
			// gRPC-Web's trailers frame is the batcher's last buffer, so text mode encodes it with the messages.
			return text ? frames.map((buffer) -> GrpcWebText.encode(buffer, factory)) : frames;
		}, last);
	}

	/** Returns the request messages of a call's body, decoded as they arrive. */
	static Flux<Message> requests(ServerCall call, Flux<DataBuffer> body) {
		Flux<DataBuffer> binary = (call.form() == ServerCall.Form.TEXT)
				? GrpcWebText.decode(body, DefaultDataBufferFactory.sharedInstance) : body;
		return EnvelopeDecoder.decode(binary, call.spec().limits().maxRequestMessageSize())
			.map((envelope) -> EnvelopedMessages.decodeRequest(envelope, call.codec(), call.requestCompression(),
					call.spec(), Code.INTERNAL));
	}

	private Mono<Void> cannotSendTrailers(ServerHttpResponse message, ServerCall call) {
		ConnectException error = new ConnectException(Code.INTERNAL,
				"this server cannot send HTTP/2 trailers: gRPC needs the Reactor Netty server");
		if (!this.warned.getAndSet(true)) {
			logger.warn(call.spec().method().procedure() + ": " + error.rawMessage()
					+ "; every gRPC call fails with internal (logged once)");
		}
		writeTrailersOnly(message.getHeaders(), error, call.state());
		return message.setComplete();
	}

	/** Sets the protocol's response headers (before any application header). */
	private static void writeHeaders(HttpHeaders headers, ServerCall call) {
		headers.set(HttpHeaders.CONTENT_TYPE, call.contentType());
		Compression response = call.responseCompression();
		if (response != null) {
			headers.set(GrpcHeaders.ENCODING, response.name());
		}
		String accept = call.spec().limits().compressions().acceptHeader();
		if (!accept.isEmpty()) {
			headers.set(GrpcHeaders.ACCEPT_ENCODING, accept);
		}
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
	 * Writes a trailers-only response's headers: the service's response headers and everything {@link #trailers}
	 * holds, in one header block.
	 */
	static void writeTrailersOnly(HttpHeaders headers, @Nullable ConnectException error, CallState state) {
		ConnectHeaders.copyMetadata(state.responseHeadersIfUsed(), headers, "");
		addAll(headers, trailers(error, state));
	}

	private static void addAll(HttpHeaders headers, HttpHeaders more) {
		more.forEach((name, values) -> values.forEach((value) -> headers.add(name, value)));
	}

	/**
	 * Returns gRPC-Web's last frame: the trailers as an HTTP/1 header block with lower-case names (line breaks in
	 * values, which no header may hold, become spaces).
	 */
	static DataBuffer trailersFrame(DataBufferFactory factory, @Nullable ConnectException error, CallState state) {
		StringBuilder block = new StringBuilder();
		trailers(error, state).forEach((name, values) -> {
			for (String value : values) {
				block.append(name.toLowerCase(Locale.ROOT))
					.append(": ")
					.append(value.replace('\r', ' ').replace('\n', ' '))
					.append("\r\n");
			}
		});
		return Envelope.write(factory, Envelope.FLAG_WEB_TRAILERS, block.toString().getBytes(StandardCharsets.UTF_8));
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

	private static @Nullable HttpServerResponse nettyResponse(ServerHttpResponse response) {
		try {
			Object nativeResponse = ServerHttpResponseDecorator.getNativeResponse(response);
			return (nativeResponse instanceof HttpServerResponse netty) ? netty : null;
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

}
