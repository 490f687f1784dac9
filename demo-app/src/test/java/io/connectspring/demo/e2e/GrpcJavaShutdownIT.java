package io.connectspring.demo.e2e;

import io.connectspring.demo.DemoApplication;
import io.connectspring.demo.greet.v1.GreetRequest;
import io.connectspring.demo.greet.v1.GreetResponse;
import io.connectspring.demo.greet.v1.GreetServiceGrpc;
import io.connectspring.demo.greet.v1.GreetStreamRequest;
import io.connectspring.server.ServerShutdown;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * grpc-java (Netty, h2c) calls the demo while it shuts down gracefully, as {@code SIGTERM} would shut it down (the
 * application context closes) with a grace period of 2 s: a unary call in flight completes, health turns
 * {@code NOT_SERVING} and the watch ends, an open bidi stream and a busy server stream of 20 KiB messages end with
 * {@code UNAVAILABLE} "server is shutting down" after whole messages, and a new call fails with {@code UNAVAILABLE}.
 * The demo runs with {@link TestTriggersConfiguration} ({@code x-slow-ms}).
 */
class GrpcJavaShutdownIT {

	private static final String NAME = "x".repeat(20 * 1024);

	private ConfigurableApplicationContext context;

	private ManagedChannel channel;

	private ManagedChannel busyChannel;

	@AfterEach
	void closeAll() throws InterruptedException {
		for (ManagedChannel open : new ManagedChannel[] { this.channel, this.busyChannel }) {
			if (open != null) {
				open.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
			}
		}
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	void callsInFlightCompleteOpenStreamsEndUnavailableAndNewCallsAreRefused() throws Exception {
		this.context = new SpringApplicationBuilder(DemoApplication.class, TestTriggersConfiguration.class)
			.run("--server.port=0", "--spring.lifecycle.timeout-per-shutdown-phase=2s");
		int port = Integer.parseInt(this.context.getEnvironment().getRequiredProperty("local.server.port"));
		ServerShutdown shutdown = this.context.getBean(ServerShutdown.class);
		this.channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
		// The busy stream has a connection of its own, as a client with many calls would spread them.
		this.busyChannel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();

		HealthWatch health = new HealthWatch();
		HealthGrpc.newStub(this.channel).watch(HealthCheckRequest.getDefaultInstance(), health);
		await().until(() -> health.statuses.contains(ServingStatus.SERVING));

		Metadata slow = new Metadata();
		slow.put(Metadata.Key.of("x-slow-ms", Metadata.ASCII_STRING_MARSHALLER), "1000");
		CompletableFuture<GreetResponse> unary = CompletableFuture.supplyAsync(() -> GreetServiceGrpc
			.newBlockingStub(this.channel)
			.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(slow))
			.greet(GreetRequest.newBuilder().setName("Ada").build()));

		Recorder bidi = new Recorder();
		StreamObserver<GreetRequest> bidiRequests = GreetServiceGrpc.newStub(this.channel).converse(bidi);
		bidiRequests.onNext(GreetRequest.newBuilder().setName("Grace").build());
		await().until(() -> bidi.greetings.size() == 1);

		NumberedGreetings serverStream = new NumberedGreetings();
		GreetServiceGrpc.newStub(this.busyChannel)
			.greetStream(GreetStreamRequest.newBuilder().setName(NAME).setCount(Integer.MAX_VALUE).build(),
					serverStream);
		await().until(() -> serverStream.received.get() >= 10);
		// The health watch, the unary call, the bidi stream and the server stream.
		await().until(() -> shutdown.activeCalls() == 4);

		CompletableFuture<Void> closed = CompletableFuture.runAsync(this.context::close);

		// Health turns NOT_SERVING and its watch ends, before the web server's grace period.
		await().until(() -> health.ended.isDone());
		assertThat(health.statuses).endsWith(ServingStatus.NOT_SERVING);
		assertThat(health.ended.get()).isEqualTo(Status.Code.OK);

		// A new call is refused: by the server while it refuses calls, then by the closed listener.
		await().until(shutdown::isRefusingNewCalls);
		ManagedChannel late = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
		try {
			assertThatExceptionOfType(StatusRuntimeException.class)
				.isThrownBy(() -> GreetServiceGrpc.newBlockingStub(late)
					.withDeadlineAfter(10, TimeUnit.SECONDS)
					.greet(GreetRequest.newBuilder().setName("Linus").build()))
				.satisfies((ex) -> assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
		}
		finally {
			late.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
		}

		// The unary call in flight completes; the streams are still open.
		assertThat(unary.get(10, TimeUnit.SECONDS).getGreeting()).isEqualTo("Hello, Ada!");
		assertThat(bidi.ended).isNotDone();

		// The grace period over, the open streams end with UNAVAILABLE after whole messages.
		assertThat(bidi.ended.get(20, TimeUnit.SECONDS)).satisfies(GrpcJavaShutdownIT::isShuttingDown);
		assertThat(bidi.greetings).containsExactly("Hello, Grace!");
		assertThat(serverStream.ended.get(20, TimeUnit.SECONDS)).satisfies(GrpcJavaShutdownIT::isShuttingDown);
		assertThat(serverStream.unexpected.get()).as("a greeting out of order or garbled").isNull();
		System.out.println("[shutdown] the server stream delivered " + serverStream.received.get()
				+ " greetings of 20 KiB before it ended");
		closed.get(20, TimeUnit.SECONDS);
		assertThat(shutdown.activeCalls()).isZero();
	}

	private static void isShuttingDown(Status status) {
		assertThat(status.getCode()).isEqualTo(Status.Code.UNAVAILABLE);
		assertThat(status.getDescription()).isEqualTo(ServerShutdown.MESSAGE);
	}

	/** Records the greetings of a call and the status that ends it. */
	private static final class Recorder implements StreamObserver<GreetResponse> {

		final List<String> greetings = new CopyOnWriteArrayList<>();

		final CompletableFuture<Status> ended = new CompletableFuture<>();

		@Override
		public void onNext(GreetResponse response) {
			this.greetings.add(response.getGreeting());
		}

		@Override
		public void onError(Throwable failure) {
			this.ended.complete(Status.fromThrowable(failure));
		}

		@Override
		public void onCompleted() {
			this.ended.complete(Status.OK);
		}

	}

	/**
	 * Checks each greeting of a server stream as it arrives ({@code "Hello, <name>! #n"}, n counting from 1) without
	 * keeping them, and records the status that ends it.
	 */
	private static final class NumberedGreetings implements StreamObserver<GreetResponse> {

		final AtomicInteger received = new AtomicInteger();

		final AtomicReference<String> unexpected = new AtomicReference<>();

		final CompletableFuture<Status> ended = new CompletableFuture<>();

		@Override
		public void onNext(GreetResponse response) {
			String expected = "Hello, " + NAME + "! #" + (this.received.get() + 1);
			if (!response.getGreeting().equals(expected) && this.unexpected.get() == null) {
				this.unexpected.set("#" + (this.received.get() + 1) + ": " + response.getGreeting().length() + " chars");
			}
			this.received.incrementAndGet();
		}

		@Override
		public void onError(Throwable failure) {
			this.ended.complete(Status.fromThrowable(failure));
		}

		@Override
		public void onCompleted() {
			this.ended.complete(Status.OK);
		}

	}

	/** Records the statuses a health watch reports and the status that ends it. */
	private static final class HealthWatch implements StreamObserver<HealthCheckResponse> {

		final List<ServingStatus> statuses = new CopyOnWriteArrayList<>();

		final CompletableFuture<Status.Code> ended = new CompletableFuture<>();

		@Override
		public void onNext(HealthCheckResponse response) {
			this.statuses.add(response.getStatus());
		}

		@Override
		public void onError(Throwable failure) {
			this.ended.complete(Status.fromThrowable(failure).getCode());
		}

		@Override
		public void onCompleted() {
			this.ended.complete(Status.Code.OK);
		}

	}

}
