package io.connectspring.demo.e2e;

import io.connectspring.demo.greet.v1.GreetRequest;
import io.connectspring.demo.greet.v1.GreetResponse;
import io.connectspring.demo.greet.v1.GreetServiceGrpc;
import io.connectspring.demo.greet.v1.GreetStreamRequest;
import io.grpc.ClientInterceptor;
import io.grpc.Context;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
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

import com.google.protobuf.Any;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * grpc-java (Netty, plaintext HTTP/2 with prior knowledge) calls a greet.v1 demo on its one port: all four stream
 * types, metadata both ways, errors with details, deadlines and gzip. A subclass starts the demo on a random port
 * with {@link TestTriggersConfiguration} ({@link GrpcJavaClientIT} for demo-app, {@link GrpcJavaServiceClientIT} for
 * its grpc-java service; demo-kotlin has its own) and may add checks of its own with the stubs and recorder here.
 */
abstract class GrpcJavaClientChecks {

	private static final Metadata.Key<String> GREET_VERSION = key("greet-version");

	@LocalServerPort
	private int port;

	private ManagedChannel channel;

	/** The response headers of the last call made with {@link #blocking} or {@link #async}. */
	final AtomicReference<Metadata> headers = new AtomicReference<>();

	/** The trailers of the last call made with {@link #blocking} or {@link #async}. */
	final AtomicReference<Metadata> trailers = new AtomicReference<>();

	@BeforeEach
	void openChannel() {
		this.channel = ManagedChannelBuilder.forAddress("127.0.0.1", this.port).usePlaintext().build();
	}

	@AfterEach
	void closeChannel() throws InterruptedException {
		this.channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
	}

	static Metadata.Key<String> key(String name) {
		return Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER);
	}

	/** Interceptors that send the given headers (name-value pairs) and capture the response headers and trailers. */
	private ClientInterceptor[] metadata(String... pairs) {
		Metadata sent = new Metadata();
		for (int i = 0; i < pairs.length; i += 2) {
			sent.put(key(pairs[i]), pairs[i + 1]);
		}
		return new ClientInterceptor[] { MetadataUtils.newAttachHeadersInterceptor(sent),
				MetadataUtils.newCaptureMetadataInterceptor(this.headers, this.trailers) };
	}

	/** A blocking stub that sends the given headers (name-value pairs) and captures what comes back. */
	final GreetServiceGrpc.GreetServiceBlockingStub blocking(String... pairs) {
		return GreetServiceGrpc.newBlockingStub(this.channel).withInterceptors(metadata(pairs));
	}

	/** An async stub that sends the given headers (name-value pairs) and captures what comes back. */
	final GreetServiceGrpc.GreetServiceStub async(String... pairs) {
		return GreetServiceGrpc.newStub(this.channel).withInterceptors(metadata(pairs));
	}

	static GreetRequest name(String name) {
		return GreetRequest.newBuilder().setName(name).build();
	}

	@Test
	void unaryCarriesHeadersAndTrailersBothWays() {
		GreetResponse response = blocking("x-echo", "hi", "x-report", "1").greet(name("Ada"));
		assertThat(response.getGreeting()).isEqualTo("Hello, Ada!");
		assertThat(this.headers.get().get(GREET_VERSION)).isEqualTo("v1");
		assertThat(this.headers.get().get(key("x-echo"))).isEqualTo("hi");
		assertThat(this.headers.get().get(key("x-protocol"))).isEqualTo("grpc");
		assertThat(this.trailers.get().get(key("x-echo-trailer"))).isEqualTo("hi");
	}

	@Test
	void serverStreamDeliversEveryMessage() {
		Iterator<GreetResponse> responses = blocking().greetStream(
				GreetStreamRequest.newBuilder().setName("Ada").setCount(3).build());
		List<String> greetings = new ArrayList<>();
		responses.forEachRemaining((response) -> greetings.add(response.getGreeting()));
		assertThat(greetings).containsExactly("Hello, Ada! #1", "Hello, Ada! #2", "Hello, Ada! #3");
	}

	@Test
	void clientStreamReadsEveryRequest() throws Exception {
		Recorder recorder = new Recorder();
		StreamObserver<GreetRequest> requests = async("x-echo", "cs").greetEveryone(recorder);
		requests.onNext(name("Ada"));
		requests.onNext(name("Grace"));
		requests.onCompleted();
		assertThat(recorder.done.get(10, TimeUnit.SECONDS)).extracting(GreetResponse::getGreeting)
			.containsExactly("Hello, Ada!\nHello, Grace!\n");
		assertThat(this.trailers.get().get(key("x-echo-trailer"))).isEqualTo("cs");
	}

	@Test
	void bidiStreamAnswersEachRequest() throws Exception {
		Recorder recorder = new Recorder();
		StreamObserver<GreetRequest> requests = async().converse(recorder);
		for (String who : List.of("Ada", "Grace", "Linus")) {
			requests.onNext(name(who));
		}
		requests.onCompleted();
		assertThat(recorder.done.get(10, TimeUnit.SECONDS)).extracting(GreetResponse::getGreeting)
			.containsExactly("Hello, Ada!", "Hello, Grace!", "Hello, Linus!");
	}

	@Test
	void errorsCarryCodeMessageDetailsAndMetadata() {
		assertThatExceptionOfType(StatusRuntimeException.class)
			.isThrownBy(() -> blocking("x-fail", "failed_precondition").greet(name("Ada")))
			.satisfies((ex) -> {
				assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
				assertThat(ex.getStatus().getDescription()).isEqualTo("failed as asked");
				com.google.rpc.Status status = StatusProto.fromThrowable(ex);
				assertThat(status).isNotNull();
				assertThat(status.getDetailsList()).containsExactly(Any.pack(TestTriggersConfiguration.FAILURE_DETAIL));
				assertThat(ex.getTrailers().get(key("x-error-meta"))).isEqualTo("m");
			});
	}

	@Test
	void serviceErrorsBeforeAnyMessageArriveAsTrailersOnly() {
		assertThatExceptionOfType(StatusRuntimeException.class).isThrownBy(() -> blocking().greet(name("")))
			.satisfies((ex) -> {
				assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
				assertThat(ex.getStatus().getDescription()).isEqualTo("name is required");
			});
		Iterator<GreetResponse> stream = blocking()
			.greetStream(GreetStreamRequest.newBuilder().setName("Ada").setCount(-1).build());
		assertThatExceptionOfType(StatusRuntimeException.class).isThrownBy(stream::hasNext)
			.satisfies((ex) -> assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
	}

	@Test
	void errorsAfterResponseHeadersKeepHeadersAndTrailersApart() {
		assertThatExceptionOfType(StatusRuntimeException.class)
			.isThrownBy(() -> blocking("x-echo", "e").greet(name("")))
			.satisfies((ex) -> {
				assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
				assertThat(ex.getTrailers().get(key("x-echo-trailer"))).isEqualTo("e");
			});
		assertThat(this.headers.get().get(key("x-echo"))).isEqualTo("e");
		assertThat(this.trailers.get().get(key("x-echo-trailer"))).isEqualTo("e");
	}

	@Test
	void theServerSeesTheDeadline() {
		blocking("x-report", "1").withDeadlineAfter(10, TimeUnit.SECONDS).greet(name("Ada"));
		assertThat(Long.parseLong(this.headers.get().get(key("x-deadline-ms")))).isBetween(1L, 10_000L);
	}

	@Test
	void anExpiredDeadlineIsDeadlineExceeded() {
		assertThatExceptionOfType(StatusRuntimeException.class)
			.isThrownBy(() -> blocking("x-slow-ms", "5000").withDeadlineAfter(300, TimeUnit.MILLISECONDS)
				.greet(name("Ada")))
			.satisfies((ex) -> assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED));
		// The channel is still usable after the deadline.
		assertThat(blocking().greet(name("Ada")).getGreeting()).isEqualTo("Hello, Ada!");
	}

	@Test
	void gzipWorksBothWays() {
		String big = "x".repeat(4096);
		GreetResponse response = blocking("x-report", "1").withCompression("gzip").greet(name(big));
		assertThat(response.getGreeting()).isEqualTo("Hello, " + big + "!");
		assertThat(this.headers.get().get(key("x-request-encoding"))).isEqualTo("gzip");
	}

	@Test
	void aLongServerStreamIsDeliveredInOrder() {
		Iterator<GreetResponse> responses = blocking().greetStream(
				GreetStreamRequest.newBuilder().setName("Ada").setCount(10_000).build());
		int count = 0;
		while (responses.hasNext()) {
			count++;
			assertThat(responses.next().getGreeting()).isEqualTo("Hello, Ada! #" + count);
		}
		assertThat(count).isEqualTo(10_000);
	}

	@Test
	void cancellingAStreamLeavesTheChannelUsable() {
		Context.CancellableContext context = Context.current().withCancellation();
		List<String> greetings = new ArrayList<>();
		context.run(() -> {
			Iterator<GreetResponse> responses = blocking().greetStream(
					GreetStreamRequest.newBuilder().setName("Ada").setCount(Integer.MAX_VALUE).build());
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

	/** Collects a response stream; {@link #done} completes with all messages, or fails with the call's error. */
	static final class Recorder implements StreamObserver<GreetResponse> {

		private final List<GreetResponse> received = new ArrayList<>();

		final CompletableFuture<List<GreetResponse>> done = new CompletableFuture<>();

		/** How many messages have arrived so far. */
		synchronized int count() {
			return this.received.size();
		}

		/** Waits (10 seconds at the most, else fails) until {@code count} messages have arrived or the call ended. */
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
