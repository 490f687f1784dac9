package io.connectspring.server.grpcjava;

import io.connectspring.Code;
import io.connectspring.ConnectException;
import io.connectspring.server.ConnectContext;
import io.connectspring.server.Peer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.google.protobuf.Int32Value;
import com.google.protobuf.StringValue;
import io.grpc.Context;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.ServerCalls;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import static io.connectspring.server.grpcjava.GrpcEchoService.int32;
import static io.connectspring.server.grpcjava.GrpcEchoService.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The {@code ServerCall} a grpc-java handler drives, without a server: flow control, threading and endings. */
class GrpcJavaCallTests {

	private final Scheduler blocking = Schedulers.newBoundedElastic(4, 100, "test-blocking");

	@AfterEach
	void disposeScheduler() {
		this.blocking.dispose();
	}

	@Test
	void aServiceThatIgnoresIsReadyIsHeldOnceTheClientFallsBehindAndReleasedAsItReads() {
		AtomicInteger attempted = new AtomicInteger();
		AtomicReference<Thread> writer = new AtomicReference<>();
		ServerCallHandler<Int32Value, StringValue> handler = ServerCalls.asyncServerStreamingCall((request, out) -> {
			writer.set(Thread.currentThread());
			for (int i = 1; i <= request.getValue(); i++) {
				attempted.incrementAndGet();
				out.onNext(string(Integer.toString(i)));
			}
			out.onCompleted();
		});
		StepVerifier.create(serve(GrpcEchoService.COUNT, handler, Flux.just(int32(100)), this.blocking), 0)
			.then(() -> awaitHeld(writer, attempted, GrpcJavaCall.MAX_UNREAD + 1))
			.thenRequest(10)
			.expectNextCount(10)
			.then(() -> awaitHeld(writer, attempted, GrpcJavaCall.MAX_UNREAD + 11))
			.thenRequest(Long.MAX_VALUE)
			.expectNextCount(90)
			.verifyComplete();
	}

	private static void awaitHeld(AtomicReference<Thread> writer, AtomicInteger attempted, int count) {
		await().atMost(Duration.ofSeconds(10))
			.until(() -> attempted.get() == count && writer.get().getState() == Thread.State.WAITING);
	}

	@Test
	void isReadyFollowsTheClientsDemandAndOnReadyTellsWhenItComes() {
		AtomicReference<Boolean> readyAtStart = new AtomicReference<>();
		ServerCallHandler<Int32Value, StringValue> handler = ServerCalls.asyncServerStreamingCall((request, out) -> {
			ServerCallStreamObserver<StringValue> observer = (ServerCallStreamObserver<StringValue>) out;
			readyAtStart.set(observer.isReady());
			observer.setOnReadyHandler(() -> {
				if (observer.isReady()) {
					observer.onNext(string("ready"));
					observer.onCompleted();
				}
			});
		});
		StepVerifier.create(serve(GrpcEchoService.COUNT, handler, Flux.just(int32(1)), this.blocking), 0)
			.then(() -> await().atMost(Duration.ofSeconds(10)).until(() -> readyAtStart.get() != null))
			.thenRequest(1)
			.expectNext(string("ready"))
			.verifyComplete();
		assertThat(readyAtStart.get()).isFalse();
	}

	@Test
	void onANonBlockingThreadAServiceThatWritesAheadEndsWithResourceExhausted() {
		Scheduler parallel = Schedulers.newParallel("test-parallel", 1);
		try {
			CountDownLatch cancelled = new CountDownLatch(1);
			ServerCallHandler<Int32Value, StringValue> handler = ServerCalls
				.asyncServerStreamingCall((request, out) -> {
					ServerCallStreamObserver<StringValue> observer = (ServerCallStreamObserver<StringValue>) out;
					observer.setOnCancelHandler(cancelled::countDown);
					for (int i = 1; i <= request.getValue() && !observer.isCancelled(); i++) {
						out.onNext(string(Integer.toString(i)));
					}
				});
			StepVerifier.create(serve(GrpcEchoService.COUNT, handler, Flux.just(int32(100)), parallel), 0)
				.then(() -> await().atMost(Duration.ofSeconds(10)).until(() -> cancelled.getCount() == 0))
				.thenRequest(Long.MAX_VALUE)
				.expectNextCount(GrpcJavaCall.MAX_UNREAD)
				.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(ConnectException.class)
					.extracting((e) -> ((ConnectException) e).code())
					.isEqualTo(Code.RESOURCE_EXHAUSTED))
				.verify(Duration.ofSeconds(10));
		}
		finally {
			parallel.dispose();
		}
	}

	@Test
	void callbacksRunOneAtATimeInOrderOnTheSchedulerInsideTheCallsContext() {
		AtomicInteger active = new AtomicInteger();
		AtomicInteger overlaps = new AtomicInteger();
		List<String> threads = Collections.synchronizedList(new ArrayList<>());
		List<Context> contexts = Collections.synchronizedList(new ArrayList<>());
		ServerCallHandler<StringValue, StringValue> handler = (call, headers) -> {
			call.request(Integer.MAX_VALUE);
			call.sendHeaders(new Metadata());
			return new ServerCall.Listener<>() {

				@Override
				public void onMessage(StringValue message) {
					if (active.incrementAndGet() > 1) {
						overlaps.incrementAndGet();
					}
					threads.add(Thread.currentThread().getName());
					contexts.add(Context.current());
					call.sendMessage(message);
					active.decrementAndGet();
				}

				@Override
				public void onHalfClose() {
					call.close(Status.OK, new Metadata());
				}

			};
		};
		Flux<StringValue> requests = Flux.range(1, 500)
			.map((i) -> string(Integer.toString(i)))
			.publishOn(Schedulers.parallel(), 1);
		StepVerifier.create(serve(GrpcEchoService.CHAT, handler, requests, this.blocking))
			.expectNextSequence(Flux.range(1, 500).map((i) -> string(Integer.toString(i))).toIterable())
			.verifyComplete();
		assertThat(overlaps.get()).isZero();
		assertThat(threads).allMatch((name) -> name.startsWith("test-blocking"));
		assertThat(contexts).doesNotContain(Context.ROOT).containsOnly(contexts.get(0));
	}

	@Test
	void closingTwiceIsRefusedAsInGrpcJava() {
		AtomicReference<Throwable> second = new AtomicReference<>();
		ServerCallHandler<StringValue, StringValue> handler = (call, headers) -> {
			call.close(Status.OK, new Metadata());
			try {
				call.close(Status.OK, new Metadata());
			}
			catch (IllegalStateException ex) {
				second.set(ex);
			}
			return new ServerCall.Listener<>() {
			};
		};
		StepVerifier.create(serve(GrpcEchoService.CHAT, handler, Flux.never(), this.blocking)).verifyComplete();
		// The stream completes at the first close; the second runs right after, on the service's thread.
		await().atMost(Duration.ofSeconds(10)).until(() -> second.get() != null);
		assertThat(second.get()).hasMessage("call already closed");
	}

	@Test
	void whenReadingTheRequestsFailsTheClientGetsThatErrorAndTheListenerHearsOnCancel() throws Exception {
		CountDownLatch cancelled = new CountDownLatch(1);
		AtomicReference<Context> context = new AtomicReference<>();
		ServerCallHandler<StringValue, StringValue> handler = (call, headers) -> {
			context.set(Context.current());
			call.request(1);
			return new ServerCall.Listener<>() {

				@Override
				public void onCancel() {
					cancelled.countDown();
				}

			};
		};
		ConnectException malformed = new ConnectException(Code.INVALID_ARGUMENT, "malformed");
		StepVerifier
			.create(serve(GrpcEchoService.CHAT, handler, Flux.<StringValue>never().startWith(Flux.error(malformed)),
					this.blocking))
			.expectErrorMatches((error) -> error == malformed)
			.verify(Duration.ofSeconds(10));
		assertThat(cancelled.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(context.get().isCancelled()).isTrue();
	}

	@Test
	void requestHeadersAreTheMetadataTheHandlerGets() {
		AtomicReference<Metadata> received = new AtomicReference<>();
		ServerCallHandler<StringValue, StringValue> handler = (call, headers) -> {
			received.set(headers);
			call.close(Status.OK, new Metadata());
			return new ServerCall.Listener<>() {
			};
		};
		HttpHeaders headers = new HttpHeaders();
		headers.add("X-Tenant", "acme");
		headers.add("x-trace-bin", "AAE,Ag==");
		headers.add("host", "example.com");
		StepVerifier.create(GrpcJavaCall.serve(GrpcEchoService.CHAT, handler, Flux.never(),
				new TestContext(headers, null), this.blocking)).verifyComplete();
		assertThat(received.get().get(Metadata.Key.of("x-tenant", Metadata.ASCII_STRING_MARSHALLER)))
			.isEqualTo("acme");
		assertThat(received.get().getAll(Metadata.Key.of("x-trace-bin", Metadata.BINARY_BYTE_MARSHALLER)))
			.containsExactly(new byte[] { 0, 1 }, new byte[] { 2 });
		assertThat(received.get().keys()).doesNotContain("host");
	}

	private static <Req, Res> Flux<Res> serve(io.grpc.MethodDescriptor<Req, Res> method,
			ServerCallHandler<Req, Res> handler, Flux<Req> requests, Scheduler scheduler) {
		return GrpcJavaCall.serve(method, handler, requests, new TestContext(new HttpHeaders(), null), scheduler);
	}

	/** The metadata of a call with the given request headers and deadline. */
	private record TestContext(HttpHeaders requestHeaders, Instant deadlineAt) implements ConnectContext {

		@Override
		public io.connectspring.MethodDescriptor<?, ?> method() {
			throw new UnsupportedOperationException();
		}

		@Override
		public HttpHeaders responseHeaders() {
			return new HttpHeaders();
		}

		@Override
		public void sendResponseHeaders() {
		}

		@Override
		public MultiValueMap<String, String> queryParams() {
			return new LinkedMultiValueMap<>();
		}

		@Override
		public HttpHeaders responseTrailers() {
			return new HttpHeaders();
		}

		@Override
		public Optional<Instant> deadline() {
			return Optional.ofNullable(this.deadlineAt);
		}

		@Override
		public Peer peer() {
			return new Peer(null, "grpc");
		}

		@Override
		public String httpMethod() {
			return "POST";
		}

	}

}
