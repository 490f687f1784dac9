package io.connectspring.examples.client;

import io.connectspring.CallSide;
import io.connectspring.ConnectCall;
import io.connectspring.ConnectInterceptor;
import io.connectspring.InterceptorScope;

import com.google.protobuf.Message;
import reactor.core.publisher.Flux;

/**
 * Adds a bearer token to every call a client makes. {@code @InterceptorScope(CallSide.CLIENT)} keeps it off the
 * application's own services.
 */
// tag::interceptor[]
@InterceptorScope(CallSide.CLIENT)
public class BearerTokenClientInterceptor implements ConnectInterceptor {

	private final String token;

	public BearerTokenClientInterceptor(String token) {
		this.token = token;
	}

	@Override
	public Flux<Message> intercept(ConnectCall call, Flux<Message> requests, Next next) {
		// On the client, request headers may change until the requests are handed on.
		call.requestHeaders().setBearerAuth(this.token);
		return next.proceed(requests);
	}

}
// end::interceptor[]
