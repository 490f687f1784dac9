package io.connectspring.demo.e2e;

import io.connectspring.demo.greet.v1.GreetRequest;
import io.connectspring.demo.greet.v1.GreetResponse;
import io.connectspring.demo.greet.v1.GreetServiceGrpc;
import io.connectspring.demo.greet.v1.GreetStreamRequest;
import io.connectspring.examples.grpcjava.GrpcJavaGreetApplication;
import io.grpc.ClientInterceptor;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.ForwardingServerCall;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import com.google.rpc.BadRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * grpc-java's own client (Netty, h2c) calls the grpc-java implementation of {@code greet.v1.GreetService}
 * ({@link io.connectspring.examples.grpcjava.GrpcJavaGreetService}), served as it is by the starter: all four stream
 * types, its {@code ServerInterceptor} bean, statuses with details and trailers, deadlines seen through grpc-java's
 * {@code Context}, cancellation. The demo's test triggers ({@link TestTriggersConfiguration}, Connect interceptors)
 * apply to it too.
 */
@SpringBootTest(classes = { GrpcJavaGreetApplication.class, TestTriggersConfiguration.class,
		GrpcJavaServiceClientIT.Probes.class }, webEnvironment = WebEnvironment.RANDOM_PORT)
class GrpcJavaServiceClientIT {

	private static final Metadata.Key<String> GREET_VERSION = key("greet-version");

	@LocalServerPort
	private int port;

	@Autowired
	private Probes probes;

	private ManagedChannel channel;

	private final AtomicReference<Metadata> headers = new AtomicReference<>();

	private final AtomicReference<Metadata> trailers = new AtomicReference<>();

	@BeforeEach
	void openChannel() {
		this.channel = ManagedChannelBuilder.forAddress("127.0.0.1", this.port).usePlaintext().build();
	}

	@AfterEach
	void closeChannel() throws InterruptedException {
		this.channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
	}

	private static Metadata.Key<String> key(String name) {
		return Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER);
	}

	private ClientInterceptor[] metadata(String... pairs) {
		Metadata sent = new Metadata();
		for (int i = 0; i < pairs.length; i += 2) {
			sent.put(key(pairs[i]), pairs[i + 1]);
		}
		return new ClientInterceptor[] { MetadataUtils.newAttachHeadersInterceptor(sent),
				MetadataUtils.newCaptureMetadataInterceptor(this.headers, this.trailers) };
	}

	private GreetServiceGrpc.GreetServiceBlockingStub blocking(String... pairs) {
		return GreetServiceGrpc.newBlockingStub(this.channel).withInterceptors(metadata(pairs));
	}

	private GreetServiceGrpc.GreetServiceStub async(String... pairs) {
		return GreetServiceGrpc.newStub(this.channel).withInterceptors(metadata(pairs));
	}

	private static GreetRequest name(String name) {
		return GreetRequest.newBuilder().setName(name).build();
	}

	@Test
	void unaryGoesThroughTheServerInterceptorBeanWithMetadataBothWays() {
		GreetResponse response = blocking("x-echo", "hi").greet(name("Ada"));
		assertThat(response.getGreeting()).isEqualTo("Hello, Ada!");
		assertThat(this.headers.get().get(GREET_VERSION)).isEqualTo("v1");
		assertThat(this.headers.get().get(key("x-echo"))).isEqualTo("hi");
		assertThat(this.trailers.get().get(key("x-echo-trailer"))).isEqualTo("hi");
	}

	@Test
	void serverStreamDeliversEveryMessageInOrder() {
		Iterator<GreetResponse> responses = blocking()
			.greetStream(GreetStreamRequest.newBuilder().setName("Ada").setCount(10_000).build());
		int count = 0;
		while (responses.hasNext()) {
			count++;
			assertThat(responses.next().getGreeting()).isEqualTo("Hello, Ada! #" + count);
		}
		assertThat(count).isEqualTo(10_000);
	}

	@Test
	void clientStreamReadsEveryRequest() throws Exception {
		Recorder recorder = new Recorder();
		StreamObserver<GreetRequest> requests = async().greetEveryone(recorder);
		requests.onNext(name("Ada"));
		requests.onNext(name("Grace"));
		requests.onCompleted();
		assertThat(recorder.done.get(10, TimeUnit.SECONDS)).extracting(GreetResponse::getGreeting)
			.containsExactly("Hello, Ada!\nHello, Grace!\n");
	}

	@Test
	void bidiStreamAnswersEachRequestBeforeTheNextIsSent() throws Exception {
		Recorder recorder = new Recorder();
		StreamObserver<GreetRequest> requests = async().converse(recorder);
		for (String who : List.of("Ada", "Grace", "Linus")) {
			requests.onNext(name(who));
			recorder.awaitCount(recorder.count() + 1);
		}
		requests.onCompleted();
		assertThat(recorder.done.get(10, TimeUnit.SECONDS)).extracting(GreetResponse::getGreeting)
			.containsExactly("Hello, Ada!", "Hello, Grace!", "Hello, Linus!");
	}

	@Test
	void aStatusReachesTheClientWithTheTrailers() {
		assertThatExceptionOfType(StatusRuntimeException.class).isThrownBy(() -> blocking("x-echo", "e").greet(name("")))
			.satisfies((ex) -> {
				assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
				assertThat(ex.getStatus().getDescription()).isEqualTo("name is required");
				assertThat(ex.getTrailers().get(key("x-echo-trailer"))).isEqualTo("e");
			});
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

	@Test
	void cancellingAnEndlessStreamLeavesTheChannelUsable() {
		Context.CancellableContext context = Context.current().withCancellation();
		List<String> greetings = new ArrayList<>();
		context.run(() -> {
			Iterator<GreetResponse> responses = blocking()
				.greetStream(GreetStreamRequest.newBuilder().setName("Ada").setCount(Integer.MAX_VALUE).build());
			for (int i = 0; i < 3; i++) {
				greetings.add(responses.next().getGreeting());
			}
			context.cancel(null);
			assertThatExceptionOfType(StatusRuntimeException.class).isThrownBy(() -> {
				while (responses.hasNext()) {
					responses.next();
				}
			}).satisfies((ex) -> assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.CANCELLED));
		});
		assertThat(greetings).containsExactly("Hello, Ada! #1", "Hello, Ada! #2", "Hello, Ada! #3");
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

	/** Collects a response stream; {@link #done} completes with all messages, or fails with the call's error. */
	private static final class Recorder implements StreamObserver<GreetResponse> {

		private final List<GreetResponse> received = new ArrayList<>();

		private final CompletableFuture<List<GreetResponse>> done = new CompletableFuture<>();

		synchronized int count() {
			return this.received.size();
		}

		synchronized void awaitCount(int count) throws InterruptedException {
			long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
			while (this.received.size() < count && !this.done.isDone()) {
				long left = end - System.nanoTime();
				assertThat(left).as("waiting for response %d", count).isPositive();
				TimeUnit.NANOSECONDS.timedWait(this, left);
			}
		}

		@Override
		public synchronized void onNext(GreetResponse value) {
			this.received.add(value);
			notifyAll();
		}

		@Override
		public synchronized void onError(Throwable error) {
			this.done.completeExceptionally(error);
			notifyAll();
		}

		@Override
		public synchronized void onCompleted() {
			this.done.complete(List.copyOf(this.received));
			notifyAll();
		}

	}

}
