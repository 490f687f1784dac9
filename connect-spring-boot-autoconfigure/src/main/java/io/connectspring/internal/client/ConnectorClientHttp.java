package io.connectspring.internal.client;

import io.connectspring.internal.wire.ConnectHeaders;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.http.client.reactive.ClientHttpResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@link ClientHttp} over a Spring {@link ClientHttpConnector}: Reactor Netty's, the JDK's, or spring-test's
 * {@code HttpHandlerConnector}, which hands each request to an application's {@code HttpHandler} in memory, with no
 * socket. Spring's client API has no HTTP trailers, so gRPC cannot run over it; Connect and gRPC-Web can. A response
 * body the protocol leaves unread is drained and released when the exchange ends. A failure of the request body fails
 * the exchange with it, whatever the server made of the truncated request.
 */
public final class ConnectorClientHttp implements ClientHttp {

	private final ClientHttpConnector connector;

	public ConnectorClientHttp(ClientHttpConnector connector) {
		this.connector = connector;
	}

	@Override
	public boolean supportsTrailers() {
		return false;
	}

	@Override
	public <T> Flux<T> exchange(HttpMethod method, String url, HttpHeaders application, HttpHeaders protocol,
			@Nullable Publisher<byte[]> body, Function<ClientHttp.Response, Publisher<T>> receiver) {
		return Flux.defer(() -> {
			// A connector hands the request body to the server, in memory even to the service: a failure of the body
			// (a message over the size limit) must still reach the caller as it is, as it does over the network.
			AtomicReference<@Nullable Throwable> bodyFailure = new AtomicReference<>();
			Publisher<byte[]> watched = (body instanceof Mono<byte[]> whole) ? whole.doOnError(bodyFailure::set)
					: (body != null) ? Flux.from(body).doOnError(bodyFailure::set) : null;
			return this.connector
				.connect(method, URI.create(url), (request) -> write(request, application, protocol, watched))
				.flatMapMany((response) -> {
					ConnectorResponse view = new ConnectorResponse(response);
					return Flux.from(receiver.apply(view)).doFinally((signal) -> view.releaseUnread());
				})
				.onErrorMap((ex) -> bodyFailure.get() != null, (ex) -> Objects.requireNonNull(bodyFailure.get()))
				.concatWith(Mono.defer(() -> {
					Throwable failure = bodyFailure.get();
					return (failure != null) ? Mono.error(failure) : Mono.empty();
				}));
		});
	}

	private static Mono<Void> write(ClientHttpRequest request, HttpHeaders application, HttpHeaders protocol,
			@Nullable Publisher<byte[]> body) {
		HttpHeaders headers = request.getHeaders();
		for (Map.Entry<String, List<String>> entry : application.headerSet()) {
			if (!ConnectHeaders.isReserved(entry.getKey())) {
				headers.put(entry.getKey(), entry.getValue());
			}
		}
		for (Map.Entry<String, List<String>> entry : protocol.headerSet()) {
			headers.put(entry.getKey(), entry.getValue());
		}
		if (!headers.containsHeader(HttpHeaders.USER_AGENT)) {
			headers.set(HttpHeaders.USER_AGENT, ClientExchange.USER_AGENT);
		}
		if (body == null) {
			return request.setComplete();
		}
		if (body instanceof Mono<byte[]> whole) {
			// The length goes out with the headers, before the body: take the array first.
			return whole.flatMap((bytes) -> {
				headers.setContentLength(bytes.length);
				return request.writeWith(Mono.just(request.bufferFactory().wrap(bytes)));
			});
		}
		return request
			.writeAndFlushWith(Flux.from(body).map((bytes) -> Mono.just(request.bufferFactory().wrap(bytes))));
	}

	private static final class ConnectorResponse implements ClientHttp.Response {

		private final ClientHttpResponse response;

		private boolean read;

		ConnectorResponse(ClientHttpResponse response) {
			this.response = response;
		}

		@Override
		public int status() {
			return this.response.getStatusCode().value();
		}

		@Override
		public String statusText() {
			int status = status();
			HttpStatus known = HttpStatus.resolve(status);
			return (known != null) ? status + " " + known.getReasonPhrase() : Integer.toString(status);
		}

		@Override
		public @Nullable String header(String name) {
			return this.response.getHeaders().getFirst(name);
		}

		@Override
		public void forEachHeader(BiConsumer<String, String> action) {
			for (Map.Entry<String, List<String>> entry : this.response.getHeaders().headerSet()) {
				for (String value : entry.getValue()) {
					action.accept(entry.getKey(), value);
				}
			}
		}

		@Override
		public Flux<byte[]> body() {
			this.read = true;
			return this.response.getBody().map(ConnectorResponse::toBytes);
		}

		@Override
		public Mono<HttpHeaders> trailers() {
			return Mono.empty();
		}

		void releaseUnread() {
			if (!this.read) {
				this.read = true;
				this.response.getBody().subscribe(DataBufferUtils::release, (ex) -> {
				});
			}
		}

		private static byte[] toBytes(DataBuffer buffer) {
			try {
				byte[] bytes = new byte[buffer.readableByteCount()];
				buffer.read(bytes);
				return bytes;
			}
			finally {
				DataBufferUtils.release(buffer);
			}
		}

	}

}
