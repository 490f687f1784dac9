package io.connectspring.internal.protocol;

import io.connectspring.internal.protocol.GrpcClientExchange.GrpcContentTypes;

import com.google.protobuf.Message;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import reactor.core.publisher.Flux;

/**
 * The client side of gRPC-Web, over HTTP/1.1 or HTTP/2, for calls of every stream type alike: POST
 * {@code application/grpc-web+proto} or {@code +json} with {@code x-grpc-web: 1}, enveloped requests sent and
 * flushed as they are published, responses read as they arrive, and the status read from the trailers frame (flag
 * {@code 0x80}) that ends the body, or from the headers of a trailers-only response. Over HTTP/1.1, streams are
 * full-duplex only as far as the server reads and writes concurrently.
 *
 * @see <a href="https://github.com/grpc/grpc/blob/master/doc/PROTOCOL-WEB.md">gRPC-Web</a>
 */
public final class GrpcWebClientProtocol implements ClientProtocol {

	private final ClientConfig config;

	public GrpcWebClientProtocol(ClientConfig config) {
		this.config = config;
	}

	@Override
	public String name() {
		return ProtocolNames.GRPC_WEB;
	}

	@Override
	public Flux<Message> call(ClientCallState call, Flux<Message> requests) {
		return Flux.defer(() -> {
			HttpHeaders protocol = GrpcClientExchange.requestHeaders(this.config, call, GrpcContentTypes.GRPC_WEB);
			protocol.set("x-grpc-web", "1");
			// The gRPC-Web spec asks for X-User-Agent, as browsers own User-Agent; connect-go sends both, so do we.
			protocol.set("x-user-agent", ClientExchange.USER_AGENT);
			HttpHeaders application = call.sendHeaders();
			return this.config.http()
				.exchange(HttpMethod.POST, this.config.url(call.method().procedure()), application, protocol,
						GrpcClientExchange.body(this.config, requests), (response) -> receive(call, response));
		});
	}

	private Flux<Message> receive(ClientCallState call, ClientHttp.Response response) {
		Flux<DataBuffer> buffers = response.body().map(DefaultDataBufferFactory.sharedInstance::wrap);
		GrpcResponseReader reader = GrpcClientExchange.open(this.config, call, response, GrpcContentTypes.GRPC_WEB);
		return reader.read(buffers, reader.webTrailers());
	}

}
