package io.connectspring.internal.protocol;

import io.connectspring.internal.protocol.GrpcClientExchange.GrpcContentTypes;

import com.google.protobuf.Message;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import reactor.core.publisher.Flux;

/**
 * The client side of gRPC over HTTP/2, for calls of every stream type alike (every gRPC call is a stream): POST
 * {@code application/grpc} (proto) or {@code application/grpc+json} with {@code te: trailers}, enveloped requests
 * sent and flushed as they are published, responses read as they arrive, and the status read from the HTTP
 * trailers, which Reactor Netty hands over once the body has ended, or from the headers of a trailers-only
 * response. The transport's HTTP client must speak HTTP/2 (h2c with prior knowledge, or h2 over TLS).
 *
 * @see <a href="https://github.com/grpc/grpc/blob/master/doc/PROTOCOL-HTTP2.md">gRPC over HTTP/2</a>
 */
public final class GrpcClientProtocol implements ClientProtocol {

	private final ClientConfig config;

	public GrpcClientProtocol(ClientConfig config) {
		this.config = config;
	}

	@Override
	public String name() {
		return ProtocolNames.GRPC;
	}

	@Override
	public Flux<Message> call(ClientCallState call, Flux<Message> requests) {
		return Flux.defer(() -> {
			HttpHeaders protocol = GrpcClientExchange.requestHeaders(this.config, call, GrpcContentTypes.GRPC);
			// Required by the spec: it tells proxies on the way that the client reads trailers.
			protocol.set("te", "trailers");
			HttpHeaders application = call.sendHeaders();
			return this.config.http()
				.exchange(HttpMethod.POST, this.config.url(call.method().procedure()), application, protocol,
						GrpcClientExchange.body(this.config, requests), (response) -> receive(call, response));
		});
	}

	private Flux<Message> receive(ClientCallState call, ClientHttp.Response response) {
		Flux<DataBuffer> buffers = response.body().map(DefaultDataBufferFactory.sharedInstance::wrap);
		return GrpcClientExchange.open(this.config, call, response, GrpcContentTypes.GRPC)
			.read(buffers, response.trailers());
	}

}
