package io.connectspring.internal.protocol;

import io.connectspring.Code;
import io.connectspring.ConnectException;
import io.connectspring.StreamType;

import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import com.google.protobuf.Message;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;

/**
 * gRPC calls ({@code application/grpc}, {@code application/grpc+proto}, {@code application/grpc+json}) of all four
 * stream types, over HTTP/2 (h2c or TLS). The response is always HTTP 200: response headers, then the enveloped
 * messages, then HTTP/2 trailers with {@code grpc-status}, {@code grpc-message} and
 * {@code grpc-status-details-bin}. A call that ends before its first message gets a trailers-only response: the
 * status in the headers of a response without a body.
 * <p>
 * WebFlux has no API for trailers, so this class reaches Reactor Netty's {@link HttpServerResponse} under the
 * WebFlux response and registers the trailers there. It therefore needs the Reactor Netty server: on another
 * server every call fails with {@link Code#INTERNAL} (the auto-configuration does not enable gRPC there). gRPC over
 * HTTP/1.1 gets HTTP 505, as gRPC needs HTTP/2's trailers; gRPC-Web and Connect serve HTTP/1.1 clients.
 *
 * @see <a href="https://github.com/grpc/grpc/blob/master/doc/PROTOCOL-HTTP2.md">gRPC over HTTP/2</a>
 */
public final class GrpcServerProtocol implements ServerProtocol {

	/** The protocol's name in {@code ConnectCall.protocol()}, as connect-go names it. */
	public static final String PROTOCOL = "grpc";

	private static final String BARE = "application/grpc";

	private static final Log logger = LogFactory.getLog(GrpcServerProtocol.class);

	private final AtomicBoolean warned = new AtomicBoolean();

	@Override
	public Set<HttpMethod> methods(ProcedureSpec spec) {
		return Set.of(HttpMethod.POST);
	}

	@Override
	public List<String> contentTypes(StreamType streamType) {
		return List.of("application/grpc", "application/grpc+proto", "application/grpc+json");
	}

	@Override
	public String name() {
		return PROTOCOL;
	}

	@Override
	public @Nullable Negotiation negotiate(RequestHead head, ProcedureSpec spec) {
		String contentType = head.header(HttpHeaders.CONTENT_TYPE);
		String codecName = GrpcServerCalls.codecName(contentType, BARE);
		Codec codec = (codecName != null) ? spec.codecs().get(codecName) : null;
		if (head.method() != HttpMethod.POST || codec == null || contentType == null) {
			return null;
		}
		if (head.http1()) {
			HttpHeaders headers = new HttpHeaders();
			headers.set(HttpHeaders.CONTENT_TYPE, contentType);
			headers.set(GrpcStatus.STATUS, Integer.toString(Code.UNIMPLEMENTED.number()));
			headers.set(GrpcStatus.MESSAGE,
					GrpcStatus.percentEncode("gRPC requires HTTP/2; over HTTP/1.1 use gRPC-Web or Connect"));
			return Refusal.of(HttpStatus.HTTP_VERSION_NOT_SUPPORTED, headers);
		}
		return GrpcServerCalls.negotiate(this, head, spec, codec, contentType, ServerCall.Form.BODY);
	}

	@Override
	public Mono<ServerResponse> serve(ServerCall call, Flux<DataBuffer> requestBody, ServerInvoker invoker) {
		CallState state = call.state();
		ProcedureSpec spec = call.spec();
		String contentType = call.contentType();
		Flux<Message> responses = GrpcServerCalls.responses(invoker, GrpcServerCalls.requests(requestBody, call),
				call);
		return ServerResponse.ok().body((message, context) -> {
			GrpcServerCalls.writeHeaders(message.getHeaders(), call);
			HttpServerResponse nettyResponse = nettyResponse(message);
			if (nettyResponse == null) {
				ConnectException error = new ConnectException(Code.INTERNAL,
						"this server cannot send HTTP/2 trailers: gRPC needs the Reactor Netty server");
				if (!this.warned.getAndSet(true)) {
					logger.warn(spec.method().procedure() + ": " + error.rawMessage()
							+ "; every gRPC call fails with internal (logged once)");
				}
				GrpcServerCalls.writeTrailersOnly(message.getHeaders(), error, state);
				return message.setComplete();
			}
			GrpcResponseBody body = new GrpcResponseBody(state);
			// Runs when the body completes, so it carries a status decided mid-stream.
			nettyResponse.trailerHeaders((trailers) -> {
				if (!body.trailersOnly()) {
					GrpcServerCalls.trailers(body.error(), state)
						.forEach((name, values) -> values.forEach((value) -> trailers.add(name, value)));
				}
			});
			return body.write(message, contentType, (ending) -> GrpcServerCalls.encodeResponses(responses,
					message.bufferFactory(), call, ending), (error) -> null);
		});
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
