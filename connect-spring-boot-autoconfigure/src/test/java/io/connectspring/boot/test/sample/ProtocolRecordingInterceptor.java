package io.connectspring.boot.test.sample;

import io.connectspring.CallSide;
import io.connectspring.ConnectCall;
import io.connectspring.ConnectInterceptor;

import com.google.protobuf.Message;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/** Tells the caller, in response headers, the protocol and content type of the calls it intercepts on the server. */
@Component
public class ProtocolRecordingInterceptor implements ConnectInterceptor {

	@Override
	public Flux<Message> intercept(ConnectCall call, Flux<Message> requests, Next next) {
		if (call.side() == CallSide.SERVER) {
			call.responseHeaders().set("x-intercepted", call.protocol());
			call.responseHeaders().set("x-request-content-type", call.requestHeaders().getFirst("Content-Type"));
		}
		return next.proceed(requests);
	}

}
