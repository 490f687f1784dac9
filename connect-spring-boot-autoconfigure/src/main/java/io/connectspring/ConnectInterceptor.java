package io.connectspring;

import com.google.protobuf.Message;
import org.springframework.core.Ordered;
import reactor.core.publisher.Flux;

/**
 * Wraps calls of every stream type, on the server and on the client: sees the call's {@link ConnectCall metadata}
 * and the messages in both directions, and may observe, change or reject any of them.
 * <p>
 * A unary call is a stream of one request and one response, so one implementation serves all four stream types. A
 * metadata-only interceptor checks headers and hands the requests on unchanged:
 * <pre>{@code
 * ConnectInterceptor auth = (call, requests, next) -> {
 *     if (!"Bearer s3cret".equals(call.requestHeaders().getFirst("Authorization"))) {
 *         return Flux.error(new ConnectException(Code.UNAUTHENTICATED, "missing or wrong token"));
 *     }
 *     return next.proceed(requests);
 * };
 * }</pre>
 * A message-level interceptor maps the two streams, for example
 * {@code next.proceed(requests.map(this::validate)).doOnNext(this::log)}.
 * <p>
 * Contract:
 * <ul>
 * <li>{@link #intercept} is called once per call and must not block; nothing happens until its result is
 * subscribed. Call {@link Next#proceed} at most once; not calling it ends the call with whatever the returned
 * {@code Flux} signals.</li>
 * <li>An error signalled (or thrown) ends the call with it: a {@link ConnectException} as it is, anything else as
 * {@link Code#UNKNOWN} with a generic message. On the server, {@code @ConnectExceptionHandler} methods map it
 * first.</li>
 * <li>Messages must keep the procedure's types. Dropping or duplicating the request of a unary or server-streaming
 * call, or the response of a unary or client-streaming call, ends the call with {@link Code#INTERNAL}.</li>
 * </ul>
 * As Spring beans, interceptors apply to every service (and every client) in {@link Ordered Spring order}: the first
 * in order runs outermost, seeing requests first and responses last. The built-in ones use the order constants
 * declared here; interceptors without an order run innermost. {@link InterceptorScope @InterceptorScope} limits a
 * bean to servers or clients.
 *
 * @see <a href="https://connectrpc.com/docs/go/interceptors">Interceptors in connect-go</a>
 */
@FunctionalInterface
public interface ConnectInterceptor {

	/** The order of the built-in observation interceptor: outermost, so that it times and tags the final outcome. */
	int OBSERVATION_ORDER = Ordered.HIGHEST_PRECEDENCE + 1000;

	/** The order of the server's exception handling: inside observation, around everything else. */
	int EXCEPTION_HANDLING_ORDER = OBSERVATION_ORDER + 1000;

	/**
	 * The order for security: inside exception handling (so handlers may map security exceptions), outside
	 * application interceptors. The security-context propagation uses it; authentication interceptors should too.
	 */
	int SECURITY_ORDER = EXCEPTION_HANDLING_ORDER + 1000;

	/**
	 * Intercepts one call.
	 * @param call the call's procedure and metadata
	 * @param requests the request messages: on the server as they arrive from the client, on the client as the caller
	 * publishes them
	 * @param next the rest of the chain, ending at the service (server) or at the network (client)
	 * @return the response messages
	 */
	Flux<Message> intercept(ConnectCall call, Flux<Message> requests, Next next);

	/** The rest of an interceptor chain. */
	@FunctionalInterface
	interface Next {

		/**
		 * Hands the (possibly changed) requests on and returns the responses of the rest of the chain. Nothing happens
		 * until the result is subscribed.
		 */
		Flux<Message> proceed(Flux<Message> requests);

	}

}
