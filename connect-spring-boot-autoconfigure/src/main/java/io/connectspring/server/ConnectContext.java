package io.connectspring.server;

import io.connectspring.CallSide;
import io.connectspring.ConnectCall;
import io.connectspring.MethodDescriptor;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.springframework.http.HttpHeaders;
import org.springframework.util.MultiValueMap;

/**
 * The metadata of one server call, passed to every generated service method: request headers, response headers and
 * trailers, the procedure, the deadline and the peer.
 * <p>
 * Response headers are sent with the first bytes of the response: for a unary call with the response, for a stream
 * with its first message (or with the end-of-stream message, when there is none), or earlier when a streaming
 * service calls {@link #sendResponseHeaders()}. Changes after that are ignored. Trailers may be changed until the
 * call completes; the Connect protocol sends them as {@code trailer-} headers of a unary response, and in the
 * end-of-stream message of a stream. Reserved protocol headers
 * ({@code content-type}, {@code connect-*}, {@code grpc-*}) set here are ignored.
 * <p>
 * Interceptors of server calls get the context as their {@link ConnectCall}.
 * <p>
 * A context is confined to its call; it is safe to read from the thread that runs the service method and from the
 * operators of its reactive pipeline, not to mutate from several threads at once.
 */
public interface ConnectContext extends ConnectCall {

	/** Returns {@link CallSide#SERVER}. */
	@Override
	default CallSide side() {
		return CallSide.SERVER;
	}

	/** Returns the wire protocol of the call, as {@link Peer#protocol()}. */
	@Override
	default String protocol() {
		return peer().protocol();
	}

	/** Returns the procedure being called. */
	@Override
	MethodDescriptor<?, ?> method();

	/** Returns the request headers (leading metadata), read-only; protocol headers are included. */
	@Override
	HttpHeaders requestHeaders();

	/** Returns the response headers to send, mutable until the response starts. */
	@Override
	HttpHeaders responseHeaders();

	/**
	 * Sends the response headers now, before the first response message, so that a client waiting for them (a
	 * server stream that will be slow to produce, a bidi stream whose client reads headers before it sends more)
	 * is not held up. Only streaming responses are affected: a unary response's headers always leave with it.
	 * Safe to call from any thread and more than once; calls after the response started do nothing.
	 */
	void sendResponseHeaders();

	/**
	 * Returns the query parameters of the request URL, read-only: for a Connect GET request, {@code message},
	 * {@code encoding}, {@code base64}, {@code compression} and {@code connect}; usually none for POST.
	 */
	MultiValueMap<String, String> queryParams();

	/** Returns the response trailers to send, mutable until the call completes. */
	@Override
	HttpHeaders responseTrailers();

	/**
	 * Returns when the call's deadline expires, or empty when the client set no timeout. Calls the service makes with
	 * a Connect client while serving this call inherit it: they end by it when it comes before their own timeout,
	 * unless made with {@code CallOptions.withoutInheritedDeadline()}.
	 */
	@Override
	Optional<Instant> deadline();

	/** Returns the time left before the deadline (never negative), or empty when the client set no timeout. */
	default Optional<Duration> timeRemaining() {
		return deadline().map((deadline) -> {
			Duration remaining = Duration.between(Instant.now(), deadline);
			return remaining.isNegative() ? Duration.ZERO : remaining;
		});
	}

	/** Returns the other end of the call. */
	Peer peer();

	/**
	 * Returns the HTTP method the call came with: {@code "POST"}, or {@code "GET"} for a Connect GET request to a
	 * {@code NO_SIDE_EFFECTS} procedure (whose response a handler may make cacheable with {@code Cache-Control}).
	 */
	String httpMethod();

}
