package io.connectspring.demo.e2e;

import io.connectspring.CallSide;
import io.connectspring.Code;
import io.connectspring.ConnectException;
import io.connectspring.ConnectInterceptor;
import io.connectspring.InterceptorScope;
import io.connectspring.demo.greet.v1.GreetResponse;

import java.time.Duration;
import java.time.Instant;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Flux;

/**
 * Test-only triggers for the demo, driven by request headers, so that peers can exercise metadata, errors with
 * details and deadlines against the unchanged demo service:
 * <ul>
 * <li>{@code x-echo: v} answers with the response header {@code x-echo: v} and the trailer {@code x-echo-trailer: v};</li>
 * <li>{@code x-fail: <code>} fails the call before the service runs with that code, the message
 * {@code "failed as asked"}, a {@code greet.v1.GreetResponse} detail and the metadata {@code x-error-meta: m};</li>
 * <li>{@code x-slow-ms: n} holds the responses back for n milliseconds;</li>
 * <li>{@code x-pace-ms: n} sends each response n milliseconds after the one before, so that a long stream stays busy
 * without taking every core;</li>
 * <li>{@code x-report: 1} answers with response headers {@code x-protocol} (the call's protocol),
 * {@code x-request-encoding} (the request's {@code grpc-encoding}) and {@code x-deadline-ms} (the time left, when the
 * call has a deadline).</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class TestTriggersConfiguration {

	/** The detail attached to errors of {@code x-fail}. */
	static final GreetResponse FAILURE_DETAIL = GreetResponse.newBuilder().setGreeting("detail").build();

	@Bean
	@InterceptorScope(CallSide.SERVER)
	ConnectInterceptor testTriggers() {
		return (call, requests, next) -> {
			String echo = call.requestHeaders().getFirst("x-echo");
			if (echo != null) {
				call.responseHeaders().set("x-echo", echo);
				call.responseTrailers().set("x-echo-trailer", echo);
			}
			if (call.requestHeaders().containsHeader("x-report")) {
				call.responseHeaders().set("x-protocol", call.protocol());
				String encoding = call.requestHeaders().getFirst("grpc-encoding");
				call.responseHeaders().set("x-request-encoding", (encoding != null) ? encoding : "");
				call.deadline()
					.ifPresent((deadline) -> call.responseHeaders()
						.set("x-deadline-ms", Long.toString(Duration.between(Instant.now(), deadline).toMillis())));
			}
			String fail = call.requestHeaders().getFirst("x-fail");
			if (fail != null) {
				Code code = Code.forProtocolName(fail);
				return Flux.error(new ConnectException((code != null) ? code : Code.UNKNOWN, "failed as asked")
					.withDetail(FAILURE_DETAIL)
					.withMetadata("x-error-meta", "m"));
			}
			String slow = call.requestHeaders().getFirst("x-slow-ms");
			String pace = call.requestHeaders().getFirst("x-pace-ms");
			Flux<com.google.protobuf.Message> responses = next.proceed(requests);
			if (pace != null) {
				responses = responses.delayElements(Duration.ofMillis(Long.parseLong(pace)));
			}
			return (slow != null) ? responses.delaySubscription(Duration.ofMillis(Long.parseLong(slow))) : responses;
		};
	}

}
