package io.connectspring.client;

import io.connectspring.Code;
import io.connectspring.ConnectException;
import io.connectspring.IdempotencyLevel;
import io.connectspring.MethodDescriptor;
import io.connectspring.ServiceDescriptor;
import io.connectspring.StreamType;
import io.connectspring.fixtures.ConnectServerExtension;
import io.connectspring.fixtures.EchoService;
import io.connectspring.internal.protocol.InheritedDeadline;
import io.connectspring.internal.wire.GrpcTimeout;
import io.connectspring.server.BindableService;
import io.connectspring.server.ConnectContext;
import io.connectspring.server.ServiceBinding;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.google.protobuf.StringValue;
import io.micrometer.context.ThreadLocalAccessor;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static io.connectspring.fixtures.EchoService.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A service that calls another with our client, on a real server: the outgoing call inherits the incoming call's
 * deadline, from a reactive service's pipeline and from a blocking service's thread.
 */
class DeadlinePropagationTests {

	private static final Duration INCOMING_TIMEOUT = Duration.ofMillis(300);

	private static final BlockingQueue<Duration> downstreamTimeouts = new LinkedBlockingQueue<>();

	private static final BlockingQueue<Outgoing> outgoingCalls = new LinkedBlockingQueue<>();

	@RegisterExtension
	static final ConnectServerExtension server = ConnectServerExtension.serving(new FrontService(),
			new SlowService());

	private static final HttpConnectTransport connect = HttpConnectTransport.builder(server.baseUrl()).build();

	private static final HttpConnectTransport grpc = HttpConnectTransport.builder(server.baseUrl())
		.protocol(WireProtocol.GRPC)
		.build();

	// Nothing listens on port 9: a call that reaches the network fails with UNAVAILABLE.
	private static final HttpConnectTransport nowhere = HttpConnectTransport.builder("http://127.0.0.1:9").build();

	/**
	 * Makes a first call with each transport, so that class loading and connecting do not eat into the 300 ms the
	 * tests' calls have.
	 */
	@BeforeAll
	static void warmUp() {
		for (HttpConnectTransport transport : List.of(connect, grpc)) {
			assertThat(BlockingCalls.unary(transport, EchoService.ECHO, string("warm"), CallOptions.defaults()))
				.isEqualTo(string("warm"));
		}
		assertThat(BlockingCalls.unary(connect, FrontService.BLOCKING_RELAY, string("warm"), CallOptions.defaults()))
			.isEqualTo(string("started"));
	}

	@AfterAll
	static void close() {
		connect.close();
		grpc.close();
		nowhere.close();
	}

	@BeforeEach
	void clear() {
		downstreamTimeouts.clear();
		outgoingCalls.clear();
	}

	@Test
	void aReactiveServiceCallingOnInheritsTheRemainingDeadline() throws Exception {
		assertThat(callFront(FrontService.RELAY, "connect").code()).isEqualTo(Code.DEADLINE_EXCEEDED);
		Outgoing outgoing = next(outgoingCalls);
		assertThat(next(downstreamTimeouts)).isPositive().isLessThanOrEqualTo(outgoing.budgetOnTheWire());
		assertThat(outgoing.failure()).isInstanceOfSatisfying(ConnectException.class, (failure) -> {
			assertThat(failure.code()).isEqualTo(Code.DEADLINE_EXCEEDED);
			assertThat(failure).hasMessageContaining("inherited");
		});
	}

	@Test
	void aBlockingServiceCallingOnWithGrpcInheritsTheRemainingDeadline() throws Exception {
		assertThat(BlockingCalls.unary(connect, FrontService.BLOCKING_RELAY, string("grpc"),
				CallOptions.defaults().withTimeout(INCOMING_TIMEOUT)))
			.isEqualTo(string("started"));
		Outgoing outgoing = next(outgoingCalls);
		assertThat(next(downstreamTimeouts)).isPositive().isLessThanOrEqualTo(outgoing.budgetOnTheWire());
		assertThat(outgoing.failure()).isInstanceOfSatisfying(ConnectException.class, (failure) -> {
			assertThat(failure.code()).isEqualTo(Code.DEADLINE_EXCEEDED);
			assertThat(failure).hasMessageContaining("inherited");
		});
	}

	@Test
	void aCallComposedIntoTheServicesPipelineInheritsTheDeadline() throws Exception {
		assertThat(callFront(FrontService.COMPOSED_RELAY, "connect").code()).isEqualTo(Code.DEADLINE_EXCEEDED);
		assertThat(next(downstreamTimeouts)).isPositive().isLessThanOrEqualTo(INCOMING_TIMEOUT);
	}

	@Test
	void aCallMadeWithoutInheritedDeadlineTakesItsOwnTimeout() throws Exception {
		callFront(FrontService.RELAY, "opt-out");
		Outgoing outgoing = next(outgoingCalls);
		assertThat(next(downstreamTimeouts)).isGreaterThan(INCOMING_TIMEOUT);
		assertThat(outgoing.failure()).isInstanceOfSatisfying(ConnectException.class, (failure) -> {
			assertThat(failure.code()).isEqualTo(Code.DEADLINE_EXCEEDED);
			assertThat(failure).hasMessageContaining("within its timeout of 1000 ms");
		});
	}

	@Test
	void aCallWhoseInheritedDeadlineHasPassedFailsWithoutBeingSent() {
		StepVerifier.create(echo(nowhere, CallOptions.defaults()).contextWrite(
				(context) -> InheritedDeadline.put(context, Instant.now().minusMillis(1))))
			.expectErrorSatisfies((failure) -> assertThat(failure).isInstanceOfSatisfying(ConnectException.class,
					(exception) -> {
						assertThat(exception.code()).isEqualTo(Code.DEADLINE_EXCEEDED);
						assertThat(exception).hasMessageContaining("before it was sent");
					}))
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void aCallOptingOutIgnoresAPassedInheritedDeadline() {
		StepVerifier.create(echo(nowhere, CallOptions.defaults().withoutInheritedDeadline()).contextWrite(
				(context) -> InheritedDeadline.put(context, Instant.now().minusMillis(1))))
			.expectErrorSatisfies((failure) -> assertThat(failure).isInstanceOfSatisfying(ConnectException.class,
					(exception) -> assertThat(exception.code()).isEqualTo(Code.UNAVAILABLE)))
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void aTransportBuiltNotToInheritIgnoresAPassedInheritedDeadline() {
		try (HttpConnectTransport transport = HttpConnectTransport.builder("http://127.0.0.1:9")
			.inheritDeadline(false)
			.build()) {
			StepVerifier.create(echo(transport, CallOptions.defaults()).contextWrite(
					(context) -> InheritedDeadline.put(context, Instant.now().minusMillis(1))))
				.expectErrorSatisfies((failure) -> assertThat(failure).isInstanceOfSatisfying(ConnectException.class,
						(exception) -> assertThat(exception.code()).isEqualTo(Code.UNAVAILABLE)))
				.verify(Duration.ofSeconds(5));
		}
	}

	@Test
	void aBlockingClientInheritsTheDeadlineOfItsThread() {
		ThreadLocalAccessor<Instant> accessor = InheritedDeadline.threadLocalAccessor();
		accessor.setValue(Instant.now().minusMillis(1));
		try {
			assertThatExceptionOfType(ConnectException.class)
				.isThrownBy(() -> BlockingCalls.unary(nowhere, SlowService.WAIT, string("x"), CallOptions.defaults()))
				.satisfies((exception) -> assertThat(exception.code()).isEqualTo(Code.DEADLINE_EXCEEDED));
		}
		finally {
			accessor.setValue();
		}
	}

	private static Mono<StringValue> echo(ConnectTransport transport, CallOptions options) {
		return transport.unary(SlowService.WAIT, string("x"), options);
	}

	/** Calls the front service with the incoming timeout and returns how the call failed. */
	private static ConnectException callFront(MethodDescriptor<StringValue, StringValue> method, String value) {
		try {
			BlockingCalls.unary(connect, method, string(value), CallOptions.defaults().withTimeout(INCOMING_TIMEOUT));
			throw new AssertionError("the call to " + method.procedure() + " should have failed");
		}
		catch (ConnectException ex) {
			return ex;
		}
	}

	private static <T> T next(BlockingQueue<T> queue) throws InterruptedException {
		T value = queue.poll(10, TimeUnit.SECONDS);
		assertThat(value).as("an event within 10 s").isNotNull();
		return value;
	}

	/**
	 * An outgoing call the front service made.
	 *
	 * @param budget the time the incoming call had left when the service made the call
	 * @param result how the call ended
	 */
	record Outgoing(Duration budget, CompletableFuture<StringValue> result) {

		/**
		 * The budget as the headers can carry it: {@code Connect-Timeout-Ms} holds whole milliseconds, rounded up.
		 */
		Duration budgetOnTheWire() {
			Duration millis = this.budget.truncatedTo(ChronoUnit.MILLIS);
			return millis.equals(this.budget) ? millis : millis.plusMillis(1);
		}

		@Nullable Throwable failure() throws InterruptedException {
			try {
				this.result.get(10, TimeUnit.SECONDS);
				return null;
			}
			catch (ExecutionException ex) {
				return ex.getCause();
			}
			catch (java.util.concurrent.TimeoutException ex) {
				throw new AssertionError("the outgoing call did not end within 10 s", ex);
			}
		}

	}

	/**
	 * Calls the slow service with our client, over Connect or gRPC (or, for {@code "opt-out"}, with a timeout of its
	 * own and without the inherited deadline). The incoming call's own timer fires at the same instant as the outgoing
	 * call's and cancels the service; so that the test sees how the outgoing call ends by itself, the relays subscribe
	 * to it apart from the service's result: the reactive one in its pipeline's Reactor context, the blocking one on
	 * its thread, as a blocking client does.
	 */
	static final class FrontService implements BindableService {

		static final String NAME = "test.v1.FrontService";

		static final MethodDescriptor<StringValue, StringValue> RELAY = method("Relay");

		static final MethodDescriptor<StringValue, StringValue> BLOCKING_RELAY = method("BlockingRelay");

		static final MethodDescriptor<StringValue, StringValue> COMPOSED_RELAY = method("ComposedRelay");

		static final ServiceDescriptor DESCRIPTOR = new ServiceDescriptor(NAME,
				List.of(RELAY, BLOCKING_RELAY, COMPOSED_RELAY));

		private static MethodDescriptor<StringValue, StringValue> method(String name) {
			return new MethodDescriptor<>(NAME, name, StreamType.UNARY, IdempotencyLevel.IDEMPOTENCY_UNKNOWN,
					StringValue.getDefaultInstance(), StringValue.getDefaultInstance());
		}

		@Override
		public ServiceBinding bindService() {
			return ServiceBinding.builder(DESCRIPTOR)
				.unary(RELAY, this::relay)
				.blockingUnary(BLOCKING_RELAY, this::blockingRelay)
				.unary(COMPOSED_RELAY, this::composedRelay)
				.build();
		}

		Mono<StringValue> relay(StringValue request, ConnectContext context) {
			return Mono.deferContextual((reactor) -> {
				Duration budget = context.timeRemaining().orElseThrow();
				CompletableFuture<StringValue> result = call(request.getValue()).contextWrite(reactor).toFuture();
				outgoingCalls.add(new Outgoing(budget, result));
				return Mono.never();
			});
		}

		StringValue blockingRelay(StringValue request, ConnectContext context) {
			if (context.deadline().isPresent()) {
				Duration budget = context.timeRemaining().orElseThrow();
				outgoingCalls.add(new Outgoing(budget, call(request.getValue()).toFuture()));
			}
			return string("started");
		}

		Mono<StringValue> composedRelay(StringValue request, ConnectContext context) {
			return call(request.getValue());
		}

		private static Mono<StringValue> call(String how) {
			return switch (how) {
				case "grpc" -> grpc.unary(SlowService.WAIT, string("x"), CallOptions.defaults());
				case "opt-out" -> connect.unary(SlowService.WAIT, string("x"),
						CallOptions.defaults().withTimeout(Duration.ofSeconds(1)).withoutInheritedDeadline());
				default -> connect.unary(SlowService.WAIT, string("x"), CallOptions.defaults());
			};
		}

	}

	/** Records the timeout each call came with, and never answers. */
	static final class SlowService implements BindableService {

		static final String NAME = "test.v1.SlowService";

		static final MethodDescriptor<StringValue, StringValue> WAIT = new MethodDescriptor<>(NAME, "Wait",
				StreamType.UNARY, IdempotencyLevel.IDEMPOTENCY_UNKNOWN, StringValue.getDefaultInstance(),
				StringValue.getDefaultInstance());

		static final ServiceDescriptor DESCRIPTOR = new ServiceDescriptor(NAME, List.of(WAIT));

		@Override
		public ServiceBinding bindService() {
			return ServiceBinding.builder(DESCRIPTOR).unary(WAIT, SlowService::waitForever).build();
		}

		private static Mono<StringValue> waitForever(StringValue request, ConnectContext context) {
			String connect = context.requestHeaders().getFirst("Connect-Timeout-Ms");
			Duration timeout = (connect != null) ? Duration.ofMillis(Long.parseLong(connect))
					: GrpcTimeout.parse(context.requestHeaders().getFirst(GrpcTimeout.HEADER));
			downstreamTimeouts.add((timeout != null) ? timeout : Duration.ZERO);
			return Mono.never();
		}

	}

}
