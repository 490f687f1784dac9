package io.connectspring.internal.client;

import io.connectspring.internal.wire.ConnectHeaders;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientResponse;

/**
 * {@link ClientHttp} over Reactor Netty's {@link HttpClient}, configured for its HTTP version and TLS: Netty's own
 * headers and buffers, no copies on the way, HTTP/2 trailers read.
 */
public final class NettyClientHttp implements ClientHttp {

	private final HttpClient client;

	public NettyClientHttp(HttpClient client) {
		this.client = client;
	}

	@Override
	public boolean supportsTrailers() {
		return true;
	}

	@Override
	public <T> Flux<T> exchange(HttpMethod method, String url, HttpHeaders application, HttpHeaders protocol,
			@Nullable Publisher<byte[]> body, Function<ClientHttp.Response, Publisher<T>> receiver) {
		HttpClient.RequestSender sender = this.client
			.headers((headers) -> writeHeaders(headers, application, protocol))
			.request(io.netty.handler.codec.http.HttpMethod.valueOf(method.name()))
			.uri(url);
		HttpClient.ResponseReceiver<?> request = sender;
		if (body instanceof Mono<byte[]> whole) {
			request = sender.send(whole.map(Unpooled::wrappedBuffer));
		}
		else if (body != null) {
			Flux<ByteBuf> buffers = Flux.from(body).map(Unpooled::wrappedBuffer);
			request = sender.send((out, outbound) -> outbound.send(buffers, (buffer) -> true));
		}
		return request.response((response, content) -> receiver.apply(new NettyResponse(response, content)));
	}

	/**
	 * Writes the application's headers, then the protocol's (which win), onto an outgoing request, and the
	 * {@link ClientExchange#USER_AGENT} unless the application or the configured client set one.
	 */
	static void writeHeaders(io.netty.handler.codec.http.HttpHeaders target, HttpHeaders application,
			HttpHeaders protocol) {
		for (Map.Entry<String, List<String>> entry : application.headerSet()) {
			if (!ConnectHeaders.isReserved(entry.getKey())) {
				target.set(entry.getKey(), entry.getValue());
			}
		}
		for (Map.Entry<String, List<String>> entry : protocol.headerSet()) {
			target.set(entry.getKey(), entry.getValue());
		}
		if (!target.contains(HttpHeaders.USER_AGENT)) {
			target.set(HttpHeaders.USER_AGENT, ClientExchange.USER_AGENT);
		}
	}

	private record NettyResponse(HttpClientResponse response, ByteBufFlux content) implements ClientHttp.Response {

		@Override
		public int status() {
			return this.response.status().code();
		}

		@Override
		public String statusText() {
			return this.response.status().toString();
		}

		@Override
		public @Nullable String header(String name) {
			return this.response.responseHeaders().get(name);
		}

		@Override
		public void forEachHeader(BiConsumer<String, String> action) {
			for (Map.Entry<String, String> entry : this.response.responseHeaders()) {
				action.accept(entry.getKey(), entry.getValue());
			}
		}

		@Override
		public Flux<byte[]> body() {
			return this.content.asByteArray();
		}

		@Override
		public Mono<HttpHeaders> trailers() {
			return this.response.trailerHeaders().map(NettyResponse::toSpring);
		}

		private static HttpHeaders toSpring(io.netty.handler.codec.http.HttpHeaders trailers) {
			HttpHeaders result = new HttpHeaders();
			for (Map.Entry<String, String> entry : trailers) {
				result.add(entry.getKey(), entry.getValue());
			}
			return result;
		}

	}

}
