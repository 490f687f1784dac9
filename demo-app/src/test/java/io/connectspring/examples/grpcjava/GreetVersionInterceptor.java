package io.connectspring.examples.grpcjava;

import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * A grpc-java {@link ServerInterceptor} bean, applied by the starter to every grpc-java service in Spring order: adds
 * the response header {@code greet-version: v1}, which the demo's Connect service sets itself. Shown in
 * docs/grpc-compatibility.md.
 */
// tag::interceptor[]
@Component
@Order(1)
public class GreetVersionInterceptor implements ServerInterceptor {

	private static final Metadata.Key<String> GREET_VERSION = Metadata.Key.of("greet-version",
			Metadata.ASCII_STRING_MARSHALLER);

	@Override
	public <Req, Res> ServerCall.Listener<Req> interceptCall(ServerCall<Req, Res> call, Metadata headers,
			ServerCallHandler<Req, Res> next) {
		return next.startCall(new ForwardingServerCall.SimpleForwardingServerCall<>(call) {

			@Override
			public void sendHeaders(Metadata responseHeaders) {
				responseHeaders.put(GREET_VERSION, "v1");
				super.sendHeaders(responseHeaders);
			}

		}, headers);
	}

}
// end::interceptor[]
