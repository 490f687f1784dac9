package io.connectspring.server;

import io.connectspring.MethodDescriptor;
import io.connectspring.fixtures.EchoService;
import io.connectspring.internal.protocol.InheritedDeadline;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import com.google.protobuf.Int32Value;
import com.google.protobuf.Message;
import com.google.protobuf.StringValue;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ServiceBindingTests {

	private final Scheduler blocking = Schedulers.newBoundedElastic(2, 10, "test-blocking");

	@Test
	void buildFailsNamingProceduresWithoutHandler() {
		assertThatIllegalStateException()
			.isThrownBy(() -> ServiceBinding.builder(EchoService.DESCRIPTOR)
				.unary(EchoService.ECHO, (request, context) -> Mono.just(request))
				.build())
			.withMessageContaining("Sum")
			.withMessageContaining("Chat");
	}

	@Test
	void bindingWithTheWrongStreamTypeFails() {
		@SuppressWarnings("unchecked")
		MethodDescriptor<StringValue, StringValue> chat = EchoService.CHAT;
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ServiceBinding.builder(EchoService.DESCRIPTOR)
				.unary(chat, (request, context) -> Mono.just(request)))
			.withMessageContaining("BIDI");
	}

	@Test
	void blockingUnaryRunsOnTheBlockingScheduler() {
		AtomicReference<String> thread = new AtomicReference<>();
		ServerCallHandler<StringValue, StringValue> handler = handler(ServiceBinding.builder(EchoService.DESCRIPTOR)
			.blockingUnary(EchoService.ECHO, (request, context) -> {
				thread.set(Thread.currentThread().getName());
				return request;
			}), EchoService.ECHO);
		StepVerifier.create(handler.handle(Flux.just(EchoService.string("x")), null, this.blocking))
			.expectNext(EchoService.string("x"))
			.verifyComplete();
		assertThat(thread.get()).startsWith("test-blocking");
	}

	@Test
	void blockingServerStreamIsPulledLazilyAndClosed() {
		AtomicReference<Boolean> closed = new AtomicReference<>(false);
		ServerCallHandler<Int32Value, StringValue> handler = handler(ServiceBinding.builder(EchoService.DESCRIPTOR)
			.blockingServerStreaming(EchoService.COUNT,
					(request, context) -> Stream.iterate(1, (n) -> n + 1)
						.map((n) -> EchoService.string(Integer.toString(n)))
						.onClose(() -> closed.set(true))), EchoService.COUNT);
		// An infinite stream: only laziness lets this complete.
		StepVerifier.create(handler.handle(Flux.just(EchoService.int32(0)), null, this.blocking).take(3))
			.expectNextCount(3)
			.verifyComplete();
		assertThat(closed.get()).isTrue();
	}

	@Test
	void blockingBidiAnswersBeforeTheRequestStreamEnds() {
		ServerCallHandler<StringValue, StringValue> handler = handler(ServiceBinding.builder(EchoService.DESCRIPTOR)
			.blockingBidiStreaming(EchoService.CHAT,
					(requests, context) -> requests.map((r) -> EchoService.string("re " + r.getValue()))),
				EchoService.CHAT);
		reactor.core.publisher.Sinks.Many<StringValue> requests = reactor.core.publisher.Sinks.many()
			.unicast()
			.onBackpressureBuffer();
		StepVerifier.create(handler.handle(requests.asFlux(), null, this.blocking))
			.then(() -> requests.tryEmitNext(EchoService.string("a")))
			.expectNext(EchoService.string("re a"))
			.then(() -> requests.tryEmitNext(EchoService.string("b")))
			.expectNext(EchoService.string("re b"))
			.then(requests::tryEmitComplete)
			.verifyComplete();
	}

	@Test
	void blockingClientStreamReadsAllRequests() {
		ServerCallHandler<Int32Value, Int32Value> handler = handler(ServiceBinding.builder(EchoService.DESCRIPTOR)
			.blockingClientStreaming(EchoService.SUM,
					(requests, context) -> EchoService.int32(requests.mapToInt(Int32Value::getValue).sum())),
				EchoService.SUM);
		StepVerifier.create(handler.handle(Flux.range(1, 100).map(EchoService::int32), null, this.blocking))
			.expectNext(EchoService.int32(5050))
			.verifyComplete();
	}

	@Test
	void cancellingABlockingCallInterruptsItsThread() throws Exception {
		java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
		java.util.concurrent.CountDownLatch interrupted = new java.util.concurrent.CountDownLatch(1);
		ServerCallHandler<StringValue, StringValue> handler = handler(ServiceBinding.builder(EchoService.DESCRIPTOR)
			.blockingUnary(EchoService.ECHO, (request, context) -> {
				started.countDown();
				try {
					new java.util.concurrent.CountDownLatch(1).await();
				}
				catch (InterruptedException ex) {
					interrupted.countDown();
				}
				return request;
			}), EchoService.ECHO);
		reactor.core.Disposable call = handler.handle(Flux.just(EchoService.string("x")), null, this.blocking)
			.subscribe();
		assertThat(started.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
		call.dispose();
		assertThat(interrupted.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void theSchedulerOfABlockingCallHandlerRunsTasksWithTheCallsDeadline() {
		Instant deadline = Instant.now().plusSeconds(60);
		AtomicReference<Instant> seen = new AtomicReference<>();
		ServerCallHandler<StringValue, StringValue> handler = handler(ServiceBinding.builder(EchoService.DESCRIPTOR)
			.handler(EchoService.ECHO, (requests, context, scheduler) -> requests.flatMap((request) -> Mono
				.<StringValue>create((sink) -> scheduler.schedule(() -> {
					seen.set(InheritedDeadline.find(reactor.util.context.Context.empty()));
					sink.success(request);
				}))), true), EchoService.ECHO);
		StepVerifier.create(handler.handle(Flux.just(EchoService.string("x")), null, this.blocking)
			.contextWrite((context) -> InheritedDeadline.put(context, deadline)))
			.expectNext(EchoService.string("x"))
			.verifyComplete();
		assertThat(seen.get()).isEqualTo(deadline);
		assertThat(InheritedDeadline.find(reactor.util.context.Context.empty())).isNull();
	}

	/** Binds the procedures the test did not bind trivially, then returns the handler under test. */
	@SuppressWarnings("unchecked")
	private static <Req extends Message, Res extends Message> ServerCallHandler<Req, Res> handler(
			ServiceBinding.Builder builder, MethodDescriptor<Req, Res> method) {
		bindIfAbsent(() -> builder.unary(EchoService.ECHO, (request, context) -> Mono.just(request)));
		bindIfAbsent(() -> builder.unary(EchoService.POST_ONLY, (request, context) -> Mono.just(request)));
		bindIfAbsent(() -> builder.clientStreaming(EchoService.SUM, (requests, context) -> requests.last()));
		bindIfAbsent(() -> builder.serverStreaming(EchoService.COUNT, (request, context) -> Flux.empty()));
		bindIfAbsent(() -> builder.bidiStreaming(EchoService.CHAT, (requests, context) -> requests));
		return (ServerCallHandler<Req, Res>) builder.build().handlers().get(method.methodName()).handler();
	}

	private static void bindIfAbsent(Runnable binding) {
		try {
			binding.run();
		}
		catch (IllegalArgumentException boundByTheTest) {
			// The test bound this procedure itself.
		}
	}

}
