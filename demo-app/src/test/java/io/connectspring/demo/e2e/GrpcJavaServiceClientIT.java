package io.connectspring.demo.e2e;

import io.connectspring.demo.greet.v1.GreetRequest;
import io.connectspring.demo.greet.v1.GreetResponse;
import io.connectspring.demo.greet.v1.GreetStreamRequest;
import io.connectspring.examples.grpcjava.GrpcJavaGreetApplication;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.StreamObserver;

import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.google.rpc.BadRequest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * grpc-java's own client (Netty, h2c) calls the grpc-java implementation of {@code greet.v1.GreetService}
 * ({@link io.connectspring.examples.grpcjava.GrpcJavaGreetService}), served as it is by the starter: every
 * {@link GrpcJavaClientChecks check} the demo passes (all four stream types, metadata both ways through its
 * {@code ServerInterceptor} bean and the demo's test triggers, statuses with trailers, deadlines, gzip,
 * cancellation), and here what is the grpc-java service's own: details of a status it builds, deadlines seen through
 * grpc-java's {@code Context}, a bidi stream answered in lockstep.
 */
@SpringBootTest(classes = { GrpcJavaGreetApplication.class, TestTriggersConfiguration.class,
		GrpcJavaServiceClientIT.Probes.class }, webEnvironment = WebEnvironment.RANDOM_PORT)
class GrpcJavaServiceClientIT extends GrpcJavaClientChecks {

	@Autowired
	private Probes probes;

	@Test
	void bidiStreamAnswersEachRequestBeforeTheNextIsSent() throws Exception {
		Recorder recorder = new Recorder();
		StreamObserver<GreetRequest> requests = async().converse(recorder);
		List<String> names = List.of("Ada", "Grace", "Linus");
		for (int i = 0; i < names.size(); i++) {
			requests.onNext(name(names.get(i)));
			// The count to wait for is fixed before the answer can arrive: read after sending, a fast answer would
			// already be in it and the wait would be for an answer to a request not yet sent.
			recorder.awaitCount(i + 1);
		}
		requests.onCompleted();
		assertThat(recorder.done.get(10, TimeUnit.SECONDS)).extracting(GreetResponse::getGreeting)
			.containsExactly("Hello, Ada!", "Hello, Grace!", "Hello, Linus!");
	}

	@Test
	void theDetailsOfAStatusReachTheClient() {
		Iterator<GreetResponse> stream = blocking()
			.greetStream(GreetStreamRequest.newBuilder().setName("Ada").setCount(-1).build());
		assertThatExceptionOfType(StatusRuntimeException.class).isThrownBy(stream::hasNext).satisfies((ex) -> {
			assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
			com.google.rpc.Status status = StatusProto.fromThrowable(ex);
			assertThat(status).isNotNull();
			assertThat(status.getDetails(0).unpack(BadRequest.class).getFieldViolations(0).getField())
				.isEqualTo("count");
		});
	}

	@Test
	void theClientsDeadlineIsTheDeadlineOfTheServicesContext() {
		blocking("x-probe-deadline", "1").withDeadlineAfter(10, TimeUnit.SECONDS).greet(name("Ada"));
		assertThat(Long.parseLong(this.headers.get().get(key("x-context-deadline-ms")))).isBetween(1L, 10_000L);
	}

	@Test
	void anExpiredDeadlineIsDeadlineExceededAndCancelsTheServicesContext() throws Exception {
		assertThatExceptionOfType(StatusRuntimeException.class)
			.isThrownBy(() -> blocking("x-hold", "1").withDeadlineAfter(300, TimeUnit.MILLISECONDS).greet(name("Ada")))
			.satisfies((ex) -> assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED));
		assertThat(this.probes.held.get(10, TimeUnit.SECONDS)).isNotNull();
		assertThat(blocking().greet(name("Grace")).getGreeting()).isEqualTo("Hello, Grace!");
	}

	/**
	 * grpc-java interceptors that look at the service's {@code Context}: {@code x-probe-deadline} answers the time left
	 * before its deadline in {@code x-context-deadline-ms}; {@code x-hold} never answers and completes {@link #held}
	 * with the cause its context is cancelled with.
	 */
	@Configuration(proxyBeanMethods = false)
	static class Probes {

		final CompletableFuture<Throwable> held = new CompletableFuture<>();

		@Bean
		ServerInterceptor contextProbe() {
			return new ServerInterceptor() {

				@Override
				public <Req, Res> ServerCall.Listener<Req> interceptCall(ServerCall<Req, Res> call, Metadata headers,
						ServerCallHandler<Req, Res> next) {
					if (headers.containsKey(key("x-hold"))) {
						Context.current()
							.addListener((context) -> Probes.this.held.complete(context.cancellationCause()),
									Runnable::run);
						return new ServerCall.Listener<>() {
						};
					}
					if (!headers.containsKey(key("x-probe-deadline"))) {
						return next.startCall(call, headers);
					}
					Deadline deadline = Context.current().getDeadline();
					return next.startCall(new ForwardingServerCall.SimpleForwardingServerCall<>(call) {

						@Override
						public void sendHeaders(Metadata responseHeaders) {
							responseHeaders.put(key("x-context-deadline-ms"), (deadline != null)
									? Long.toString(deadline.timeRemaining(TimeUnit.MILLISECONDS)) : "none");
							super.sendHeaders(responseHeaders);
						}

					}, headers);
				}

			};
		}

	}

}
