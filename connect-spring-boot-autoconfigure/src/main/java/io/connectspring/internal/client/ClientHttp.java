package io.connectspring.internal.client;

import io.connectspring.internal.wire.ConnectHeaders;
import java.util.function.BiConsumer;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The HTTP exchanges of client calls, as the client protocols need them: one request out, its response in, bodies as
 * byte arrays. {@link NettyClientHttp} runs them over Reactor Netty's client; {@link ConnectorClientHttp} over any
 * Spring {@code ClientHttpConnector}, such as spring-test's {@code HttpHandlerConnector}, which calls an application's
 * routes in memory. Implementations are safe for concurrent use.
 */
public interface ClientHttp {

	/**
	 * Returns whether responses carry HTTP trailers ({@link Response#trailers()}), as gRPC needs.
	 */
	boolean supportsTrailers();

	/**
	 * Sends one request and reads its response. Nothing happens until the result is subscribed; cancelling it cancels
	 * the exchange on the wire.
	 * @param method the request method
	 * @param url the absolute URL
	 * @param application the application's headers: names the protocol owns are left out (see
	 * {@link ConnectHeaders#isReserved})
	 * @param protocol the protocol's headers, which replace application headers of the same name
	 * @param body the request body, or {@code null} for none: a {@link Mono} is sent whole, with its length; any other
	 * publisher is streamed, each array flushed as it is published (a stream's peer may be waiting for it)
	 * @param receiver reads the response, called once its head has arrived
	 * @return what the receiver publishes
	 */
	<T> Flux<T> exchange(HttpMethod method, String url, HttpHeaders application, HttpHeaders protocol,
			@Nullable Publisher<byte[]> body, Function<Response, Publisher<T>> receiver);

	/** A response whose head has arrived. Confined to the pipeline of its exchange. */
	interface Response {

		/** Returns the status code, such as 200. */
		int status();

		/** Returns the status line as error messages quote it, such as {@code 404 Not Found}. */
		String statusText();

		/** Returns the first value of a header, or {@code null}; names are compared ignoring case. */
		@Nullable String header(String name);

		/** Calls the action with each header value, in order. */
		void forEachHeader(BiConsumer<String, String> action);

		/** Returns the body, read as it arrives; subscribe at most once. */
		Flux<byte[]> body();

		/**
		 * Returns the trailers, available once the body has ended; empty when there were none or when
		 * {@link #supportsTrailers() not supported}.
		 */
		Mono<HttpHeaders> trailers();

	}

}
