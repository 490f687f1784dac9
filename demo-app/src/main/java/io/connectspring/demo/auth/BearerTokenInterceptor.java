package io.connectspring.demo.auth;

import io.connectspring.Code;
import io.connectspring.ConnectCall;
import io.connectspring.ConnectException;
import io.connectspring.ConnectInterceptor;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import com.google.protobuf.Message;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import reactor.core.publisher.Flux;

/**
 * The simple authentication interceptor: a call without {@code Authorization: Bearer <token>} fails with
 * {@code unauthenticated} before the service sees it. It only reads metadata, so it works unchanged for unary and
 * all three kinds of streams.
 */
// tag::interceptor[]
public class BearerTokenInterceptor implements ConnectInterceptor, Ordered {

	private final byte[] expected;

	public BearerTokenInterceptor(String token) {
		this.expected = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
	}

	@Override
	public Flux<Message> intercept(ConnectCall call, Flux<Message> requests, Next next) {
		String authorization = call.requestHeaders().getFirst(HttpHeaders.AUTHORIZATION);
		// Constant-time comparison, so that response times do not leak how much of a guess was right.
		if (authorization == null
				|| !MessageDigest.isEqual(this.expected, authorization.getBytes(StandardCharsets.UTF_8))) {
			return Flux.error(new ConnectException(Code.UNAUTHENTICATED, "missing or invalid bearer token"));
		}
		return next.proceed(requests);
	}

	@Override
	public int getOrder() {
		return SECURITY_ORDER;
	}

}
// end::interceptor[]
