package io.connectspring.server;

import io.connectspring.Code;
import io.connectspring.ConnectException;
import io.connectspring.ConnectInterceptor;
import io.connectspring.MethodDescriptor;
import io.connectspring.StreamType;
import io.connectspring.fixtures.ConnectServerExtension;
import io.connectspring.fixtures.Envelopes;
import io.connectspring.fixtures.Envelopes.Frame;
import io.connectspring.fixtures.HeldService;
import io.connectspring.fixtures.Protocol;
import io.connectspring.fixtures.Protocol.Outcome;
import io.connectspring.fixtures.RawHttpCall;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.StringValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link ServerShutdown} on a real Reactor Netty server (HTTP/1.1 and h2c), over each protocol: refused calls, calls
 * in flight that go on, calls ended between messages, and the count of calls in flight.
 */
class ServerShutdownTests {

	private static final ServerShutdown shutdown = new ServerShutdown();

	private static final AtomicInteger intercepted = new AtomicInteger();

	private static final ConnectInterceptor COUNTING = (call, requests, next) -> {
		intercepted.incrementAndGet();
		return next.proceed(requests);
	};

	private static final HeldService service = new HeldService();

	@RegisterExtension
	static final ConnectServerExtension server = ConnectServerExtension.withShutdown(shutdown, List.of(COUNTING),
			service);

	@AfterEach
	void resume() {
		shutdown.resume();
		service.reset();
		await().until(() -> shutdown.activeCalls() == 0);
	}

	@ParameterizedTest
	@EnumSource(Protocol.class)
	void whileRefusingNewCallsFailUnavailableWithoutReachingTheService(Protocol protocol) {
		shutdown.refuseNewCalls();
		int before = intercepted.get();
		Outcome outcome = protocol.call(server.baseUrl(), HeldService.HOLD, "hi");
		assertThat(outcome.messages()).isEmpty();
		assertThat(outcome.isUnavailable()).as(outcome.toString()).isTrue();
		assertThat(intercepted.get()).isEqualTo(before);
		assertThat(service.calls.get()).isZero();
		assertThat(shutdown.activeCalls()).isZero();
	}

	@Test
	void aRefusedConnectUnaryCallIsHttp503WithTheErrorAsJson() {
		shutdown.refuseNewCalls();
		RawHttpCall response = Protocol.CONNECT.post(server.baseUrl(), HeldService.HOLD,
				StringValue.of("hi").toByteArray());
		assertThat(response.status()).isEqualTo(503);
		assertThat(response.headers().get("content-type")).isEqualTo("application/json");
		assertThat(new String(response.body(), StandardCharsets.UTF_8))
			.isEqualTo("{\"code\":\"unavailable\",\"message\":\"server is shutting down\"}");
	}

	@Test
	void aRefusedGrpcCallIsTrailersOnlyWithStatus14() {
		shutdown.refuseNewCalls();
		RawHttpCall response = Protocol.GRPC.post(server.baseUrl(), HeldService.STREAM, Envelopes.frame(0,
				StringValue.of("hi").toByteArray()));
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).isEmpty();
		assertThat(response.headers().get("grpc-status")).isEqualTo("14");
		assertThat(response.headers().get("grpc-message")).isEqualTo("server is shutting down");
	}

	@ParameterizedTest
	@EnumSource(Protocol.class)
	void callsInFlightGoOnWhileNewOnesAreRefused(Protocol protocol) {
		CompletableFuture<Outcome> inFlight = CompletableFuture
			.supplyAsync(() -> protocol.call(server.baseUrl(), HeldService.HOLD, "a"));
		await().until(() -> service.calls.get() == 1);
		assertThat(shutdown.activeCalls()).isOne();
		shutdown.refuseNewCalls();
		assertThat(protocol.call(server.baseUrl(), HeldService.HOLD, "b").isUnavailable()).isTrue();
		service.answer.tryEmitValue(StringValue.of("done"));
		Outcome outcome = inFlight.join();
		assertThat(outcome.messages()).containsExactly("done");
		assertThat(outcome.isOk()).as(outcome.toString()).isTrue();
		await().until(() -> shutdown.activeCalls() == 0);
	}

	@ParameterizedTest
	@EnumSource(Protocol.class)
	void endingCallsEndsAnOpenStreamAfterTheMessagesSentBefore(Protocol protocol) {
		CompletableFuture<Outcome> stream = CompletableFuture
			.supplyAsync(() -> protocol.call(server.baseUrl(), HeldService.STREAM, "s"));
		await().until(() -> service.calls.get() == 1);
		service.stream.tryEmitNext(StringValue.of("1"));
		service.stream.tryEmitNext(StringValue.of("2"));
		shutdown.endCalls();
		Outcome outcome = stream.join();
		assertThat(outcome.messages()).containsExactly("1", "2");
		assertThat(outcome.isUnavailable()).as(outcome.toString()).isTrue();
		assertThat(service.cancelled).isTrue();
	}

	@ParameterizedTest
	@EnumSource(Protocol.class)
	void endingCallsEndsAUnaryCallInFlightWithUnavailable(Protocol protocol) {
		CompletableFuture<Outcome> unary = CompletableFuture
			.supplyAsync(() -> protocol.call(server.baseUrl(), HeldService.HOLD, "a"));
		await().until(() -> service.calls.get() == 1);
		shutdown.endCalls();
		Outcome outcome = unary.join();
		assertThat(outcome.messages()).isEmpty();
		assertThat(outcome.isUnavailable()).as(outcome.toString()).isTrue();
		assertThat(service.cancelled).isTrue();
	}

	@ParameterizedTest
	@EnumSource(Protocol.class)
	void aStreamOfLargeMessagesEndsBetweenTwoWholeMessages(Protocol protocol) {
		CompletableFuture<Outcome> stream = CompletableFuture
			.supplyAsync(() -> protocol.call(server.baseUrl(), HeldService.LARGE, "l"));
		await().until(() -> service.produced.get() >= 50);
		shutdown.endCalls();
		Outcome outcome = stream.join();
		// Every message arrived whole (the envelopes parse to the last byte), none is missing, and the end follows.
		assertThat(outcome.messages()).isNotEmpty().allSatisfy((text) -> assertThat(text).hasSize(20 * 1024));
		for (int i = 0; i < outcome.messages().size(); i++) {
			assertThat(outcome.messages().get(i)).startsWith((i + 1) + ":");
		}
		assertThat(outcome.isUnavailable()).as(outcome.toString()).isTrue();
	}

	@Test
	void theCountFallsToZeroWhenTheLastResponseIsWritten() {
		StepVerifier.create(shutdown.whenNoActiveCalls()).expectComplete().verify(Duration.ofSeconds(5));
		CompletableFuture<Outcome> unary = CompletableFuture
			.supplyAsync(() -> Protocol.CONNECT.call(server.baseUrl(), HeldService.HOLD, "a"));
		await().until(() -> service.calls.get() == 1);
		assertThat(shutdown.activeCalls()).isOne();
		AtomicBoolean idle = new AtomicBoolean();
		shutdown.whenNoActiveCalls().subscribe(null, null, () -> idle.set(true));
		assertThat(idle).isFalse();
		service.answer.tryEmitValue(StringValue.of("done"));
		assertThat(unary.join().isOk()).isTrue();
		await().untilTrue(idle);
		assertThat(shutdown.activeCalls()).isZero();
	}

	@ParameterizedTest
	@EnumSource(Protocol.class)
	void anOpenStreamCountsUntilItsEndIsWritten(Protocol protocol) {
		CompletableFuture<Outcome> stream = CompletableFuture
			.supplyAsync(() -> protocol.call(server.baseUrl(), HeldService.STREAM, "s"));
		await().until(() -> service.calls.get() == 1);
		service.stream.tryEmitNext(StringValue.of("1"));
		service.stream.tryEmitNext(StringValue.of("2"));
		assertThat(shutdown.activeCalls()).isOne();
		service.stream.tryEmitComplete();
		assertThat(stream.join().messages()).containsExactly("1", "2");
		await().until(() -> shutdown.activeCalls() == 0);
	}

	@Test
	void afterResumingCallsAreServedAgain() {
		shutdown.endCalls();
		assertThat(shutdown.isRefusingNewCalls()).isTrue();
		assertThat(Protocol.CONNECT.call(server.baseUrl(), HeldService.ECHO, "a").isUnavailable()).isTrue();
		shutdown.resume();
		assertThat(shutdown.isRefusingNewCalls()).isFalse();
		Outcome outcome = Protocol.CONNECT.call(server.baseUrl(), HeldService.ECHO, "a");
		assertThat(outcome.isOk()).isTrue();
		assertThat(outcome.messages()).containsExactly("a");
	}

	@Test
	void aResponseSubscribedAfterCallsWereEndedEndsAtOnce() {
		ServerShutdown ended = new ServerShutdown();
		ended.endCalls();
		AtomicBoolean cancelled = new AtomicBoolean();
		StepVerifier.create(ShutdownGuard.guard(Flux.never().cast(Message.class)
			.doOnCancel(() -> cancelled.set(true)), ended))
			.expectErrorSatisfies(ServerShutdownTests::isUnavailable)
			.verify(Duration.ofSeconds(5));
		assertThat(cancelled).isTrue();
	}

	@Test
	void aServiceThatFailsAfterBeingEndedIsNotHeardOf() {
		ServerShutdown own = new ServerShutdown();
		Sinks.Many<Message> responses = Sinks.many().unicast().onBackpressureBuffer();
		StepVerifier.create(ShutdownGuard.guard(responses.asFlux(), own))
			.then(() -> responses.tryEmitNext(StringValue.of("1")))
			.expectNext(StringValue.of("1"))
			.then(own::endCalls)
			.then(() -> responses.tryEmitError(new IllegalStateException("late")))
			.expectErrorSatisfies(ServerShutdownTests::isUnavailable)
			.verifyThenAssertThat()
			.hasNotDroppedErrors();
	}

	private static void isUnavailable(Throwable error) {
		assertThat(error).isInstanceOfSatisfying(ConnectException.class, (ex) -> {
			assertThat(ex.code()).isEqualTo(Code.UNAVAILABLE);
			assertThat(ex.rawMessage()).isEqualTo(ServerShutdown.MESSAGE);
		});
	}

}
