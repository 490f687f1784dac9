package io.connectspring.internal.protocol;

import io.connectspring.ConnectException;
import io.connectspring.StreamType;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;

import com.google.protobuf.Message;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * gRPC-Web calls ({@code application/grpc-web}, {@code application/grpc-web+proto},
 * {@code application/grpc-web+json}, and the base64 {@code application/grpc-web-text}) of all four stream types,
 * over HTTP/1.1 and HTTP/2. Like gRPC, except that the status and trailers travel in the body, as a last frame
 * flagged {@code 0x80} holding an HTTP/1 header block ({@code grpc-status: 0\r\n}), so no HTTP trailers are needed
 * and any server and proxy will do. A call that ends before its first message, and set no response headers, gets a
 * trailers-only response: the status in the headers of a response without a body. The response is always HTTP 200.
 *
 * @see <a href="https://github.com/grpc/grpc/blob/master/doc/PROTOCOL-WEB.md">gRPC-Web</a>
 */
public final class GrpcWebServerProtocol implements ServerProtocol {

	/** The protocol's name in {@code ConnectCall.protocol()}, as connect-go names it. */
	public static final String PROTOCOL = "grpcweb";

	/** The flag of the frame that carries the trailers. */
	static final int FLAG_TRAILERS = 0b1000_0000;

	private static final String BARE = "application/grpc-web";

	private static final String TEXT = "application/grpc-web-text";

	@Override
	public Set<HttpMethod> methods(ProcedureSpec spec) {
		return Set.of(HttpMethod.POST);
	}

	@Override
	public List<String> contentTypes(StreamType streamType) {
		return List.of("application/grpc-web", "application/grpc-web+proto", "application/grpc-web+json",
				"application/grpc-web-text");
	}

	@Override
	public String name() {
		return PROTOCOL;
	}

	@Override
	public @Nullable Negotiation negotiate(RequestHead head, ProcedureSpec spec) {
		String contentType = head.header(HttpHeaders.CONTENT_TYPE);
		String codecName = codecName(contentType);
		Codec codec = (codecName != null) ? spec.codecs().get(codecName) : null;
		if (head.method() != HttpMethod.POST || codec == null || contentType == null) {
			return null;
		}
		boolean text = GrpcServerCalls.codecName(contentType, BARE) == null;
		return GrpcServerCalls.negotiate(this, head, spec, codec, contentType,
				text ? ServerCall.Form.TEXT : ServerCall.Form.BODY);
	}

	@Override
	public Mono<ServerResponse> serve(ServerCall call, Flux<DataBuffer> received, ServerInvoker invoker) {
		CallState state = call.state();
		boolean text = call.form() == ServerCall.Form.TEXT;
		Flux<DataBuffer> requestBody = text ? GrpcWebText.decode(received, DefaultDataBufferFactory.sharedInstance)
				: received;
		Flux<Message> responses = GrpcServerCalls.responses(invoker, GrpcServerCalls.requests(requestBody, call),
				call);
		String contentType = call.contentType();
		return ServerResponse.ok().body((message, context) -> {
			GrpcServerCalls.writeHeaders(message.getHeaders(), call);
			DataBufferFactory factory = message.bufferFactory();
			UnaryOperator<DataBuffer> frame = text ? (buffer) -> GrpcWebText.encode(buffer, factory)
					: UnaryOperator.identity();
			GrpcResponseBody body = new GrpcResponseBody(state);
			// The trailers frame is the batcher's last buffer, so text mode encodes it with the messages.
			return body.write(message, contentType,
					(ending) -> GrpcServerCalls.encodeResponses(responses, factory, call, ending)
						.map(frame),
					(error) -> trailersFrame(factory, error, state));
		});
	}

	/** Returns the codec name of a binary or text gRPC-Web content type, or {@code null} for another one. */
	private static @Nullable String codecName(@Nullable String contentType) {
		String binary = GrpcServerCalls.codecName(contentType, BARE);
		return (binary != null) ? binary : GrpcServerCalls.codecName(contentType, TEXT);
	}

	/**
	 * Returns the last frame: the trailers as an HTTP/1 header block with lower-case names (line breaks in values,
	 * which no header may hold, become spaces).
	 */
	static DataBuffer trailersFrame(DataBufferFactory factory, @Nullable ConnectException error, CallState state) {
		StringBuilder block = new StringBuilder();
		GrpcServerCalls.trailers(error, state).forEach((name, values) -> {
			for (String value : values) {
				block.append(name.toLowerCase(Locale.ROOT)).append(": ")
					.append(value.replace('\r', ' ').replace('\n', ' '))
					.append("\r\n");
			}
		});
		return Envelope.write(factory, FLAG_TRAILERS, block.toString().getBytes(StandardCharsets.UTF_8));
	}

}
