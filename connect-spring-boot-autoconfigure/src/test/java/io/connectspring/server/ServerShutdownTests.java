package io.connectspring.server;

import io.connectspring.Code;
import io.connectspring.ConnectException;
import io.connectspring.ConnectInterceptor;
import io.connectspring.IdempotencyLevel;
import io.connectspring.MethodDescriptor;
import io.connectspring.ServiceDescriptor;
import io.connectspring.StreamType;
import io.connectspring.fixtures.ConnectServerExtension;
import io.connectspring.fixtures.Envelopes;
import io.connectspring.fixtures.Envelopes.Frame;
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
import reactor.core.publisher.Mono;
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
		Outcome outcome = protocol.call(HeldService.HOLD, "hi");
		assertThat(outcome.messages()).isEmpty();
		assertThat(outcome.isUnavailable()).as(outcome.toString()).isTrue();
		assertThat(intercepted.get()).isEqualTo(before);
		assertThat(service.calls.get()).isZero();
		assertThat(shutdown.activeCalls()).isZero();
	}

	@Test
	void aRefusedConnectUnaryCallIsHttp503WithTheErrorAsJson() {
		shutdown.refuseNewCalls();
		RawHttpCall response = Protocol.CONNECT.post(HeldService.HOLD, StringValue.of("hi").toByteArray());
		assertThat(response.status()).isEqualTo(503);
		assertThat(response.headers().get("content-type")).isEqualTo("application/json");
		assertThat(new String(response.body(), StandardCharsets.UTF_8))
			.isEqualTo("{\"code\":\"unavailable\",\"message\":\"server is shutting down\"}");
	}

	@Test
	void aRefusedGrpcCallIsTrailersOnlyWithStatus14() {
		shutdown.refuseNewCalls();
		RawHttpCall response = Protocol.GRPC.post(HeldService.STREAM, Envelopes.frame(0,
				StringValue.of("hi").toByteArray()));
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).isEmpty();
		assertThat(response.headers().get("grpc-status")).isEqualTo("14");
		assertThat(response.headers().get("grpc-message")).isEqualTo("server is shutting down");
	}

	@ParameterizedTest
	@EnumSource(Protocol.class)
	void callsInFlightGoOnWhileNewOnesAreRefused(Protocol protocol) {
		CompletableFuture<Outcome> inFlight = CompletableFuture.supplyAsync(() -> protocol.call(HeldService.HOLD, "a"));
		await().until(() -> service.calls.get() == 1);
		assertThat(shutdown.activeCalls()).isOne();
		shutdown.refuseNewCalls();
		assertThat(protocol.call(HeldService.HOLD, "b").isUnavailable()).isTrue();
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
			.supplyAsync(() -> protocol.call(HeldService.STREAM, "s"));
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
		CompletableFuture<Outcome> unary = CompletableFuture.supplyAsync(() -> protocol.call(HeldService.HOLD, "a"));
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
			.supplyAsync(() -> protocol.call(HeldService.LARGE, "l"));
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
			.supplyAsync(() -> Protocol.CONNECT.call(HeldService.HOLD, "a"));
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

	@Test
	void afterResumingCallsAreServedAgain() {
		shutdown.endCalls();
		assertThat(shutdown.isRefusingNewCalls()).isTrue();
		assertThat(Protocol.CONNECT.call(HeldService.ECHO, "a").isUnavailable()).isTrue();
		shutdown.resume();
		assertThat(shutdown.isRefusingNewCalls()).isFalse();
		Outcome outcome = Protocol.CONNECT.call(HeldService.ECHO, "a");
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

	/** What a client saw of a call: the messages, and the status that ended it. */
	record Outcome(List<String> messages, String status, String detail) {

		boolean isOk() {
			return this.status.equals("ok");
		}

		boolean isUnavailable() {
			return this.status.equals("unavailable") && this.detail.equals(ServerShutdown.MESSAGE);
		}

	}

	/** The protocols, each posting the way its clients do and reading the outcome from its wire form. */
	enum Protocol {

		CONNECT(false, "application/proto", "application/connect+proto") {
			@Override
			Outcome outcome(RawHttpCall response, boolean unary) {
				if (unary) {
					if (response.status() == 200) {
						return new Outcome(List.of(text(response.body())), "ok", "");
					}
					String json = new String(response.body(), StandardCharsets.UTF_8);
					return new Outcome(List.of(), field(json, "code"), field(json, "message"));
				}
				List<Frame> frames = Envelopes.parse(response.body());
				Frame end = frames.get(frames.size() - 1);
				assertThat(end.flags()).isEqualTo(2);
				List<String> messages = frames.subList(0, frames.size() - 1)
					.stream()
					.map((frame) -> text(frame.data()))
					.toList();
				String json = end.text();
				return json.contains("\"error\"")
						? new Outcome(messages, field(json, "code"), field(json, "message"))
						: new Outcome(messages, "ok", "");
			}
		},

		GRPC(true, "application/grpc", "application/grpc") {
			@Override
			Outcome outcome(RawHttpCall response, boolean unary) {
				List<String> messages = Envelopes.parse(response.body())
					.stream()
					.map((frame) -> text(frame.data()))
					.toList();
				String status = response.trailers().contains("grpc-status") ? response.trailers().get("grpc-status")
						: response.headers().get("grpc-status");
				String message = response.trailers().contains("grpc-status") ? response.trailers().get("grpc-message")
						: response.headers().get("grpc-message");
				return new Outcome(messages, grpcStatus(status), (message != null) ? message : "");
			}
		},

		GRPC_WEB(false, "application/grpc-web+proto", "application/grpc-web+proto") {
			@Override
			Outcome outcome(RawHttpCall response, boolean unary) {
				List<Frame> frames = Envelopes.parse(response.body());
				if (frames.isEmpty()) {
					return new Outcome(List.of(), grpcStatus(response.headers().get("grpc-status")),
							String.valueOf(response.headers().get("grpc-message")));
				}
				Frame trailers = frames.get(frames.size() - 1);
				assertThat(trailers.flags()).isEqualTo(0x80);
				Map<String, String> fields = new LinkedHashMap<>();
				for (String line : trailers.text().split("\r\n")) {
					fields.put(line.substring(0, line.indexOf(':')), line.substring(line.indexOf(':') + 1).strip());
				}
				List<String> messages = frames.subList(0, frames.size() - 1)
					.stream()
					.map((frame) -> text(frame.data()))
					.toList();
				return new Outcome(messages, grpcStatus(fields.get("grpc-status")),
						fields.getOrDefault("grpc-message", ""));
			}
		};

		private final boolean http2;

		private final String unaryContentType;

		private final String streamContentType;

		Protocol(boolean http2, String unaryContentType, String streamContentType) {
			this.http2 = http2;
			this.unaryContentType = unaryContentType;
			this.streamContentType = streamContentType;
		}

		abstract Outcome outcome(RawHttpCall response, boolean unary);

		Outcome call(MethodDescriptor<StringValue, StringValue> method, String request) {
			boolean unary = method.streamType() == StreamType.UNARY;
			byte[] message = StringValue.of(request).toByteArray();
			boolean enveloped = this != CONNECT || !unary;
			return outcome(post(method, enveloped ? Envelopes.frame(0, message) : message), unary);
		}

		RawHttpCall post(MethodDescriptor<StringValue, StringValue> method, byte[] body) {
			boolean unary = method.streamType() == StreamType.UNARY;
			Map<String, String> headers = new LinkedHashMap<>();
			headers.put("content-type", unary ? this.unaryContentType : this.streamContentType);
			if (this == CONNECT) {
				headers.put("connect-protocol-version", "1");
			}
			if (this == GRPC) {
				headers.put("te", "trailers");
			}
			return RawHttpCall.post(server.baseUrl() + method.procedure(), this.http2, body, headers);
		}

		private static String text(byte[] message) {
			try {
				return StringValue.parseFrom(message).getValue();
			}
			catch (InvalidProtocolBufferException ex) {
				throw new IllegalStateException("a message arrived cut or garbled", ex);
			}
		}

		private static String grpcStatus(String number) {
			return switch (number) {
				case "0" -> "ok";
				case "14" -> "unavailable";
				default -> "grpc-status " + number;
			};
		}

		/** Reads a string field of a flat or nested error JSON object; enough for the errors these tests see. */
		private static String field(String json, String name) {
			String key = "\"" + name + "\":\"";
			int start = json.indexOf(key);
			if (start < 0) {
				return "";
			}
			start += key.length();
			return json.substring(start, json.indexOf('"', start));
		}

	}

	/**
	 * A service whose calls the test drives: {@code Hold} answers what the test emits, {@code Stream} streams what
	 * the test emits, {@code Large} streams 20 KiB messages numbered from 1 as fast as the client reads.
	 */
	static final class HeldService implements BindableService {

		static final String NAME = "test.v1.HeldService";

		static final MethodDescriptor<StringValue, StringValue> ECHO = method("Echo", StreamType.UNARY);

		static final MethodDescriptor<StringValue, StringValue> HOLD = method("Hold", StreamType.UNARY);

		static final MethodDescriptor<StringValue, StringValue> STREAM = method("Stream", StreamType.SERVER);

		static final MethodDescriptor<StringValue, StringValue> LARGE = method("Large", StreamType.SERVER);

		final AtomicInteger calls = new AtomicInteger();

		final AtomicInteger produced = new AtomicInteger();

		volatile boolean cancelled;

		volatile Sinks.One<StringValue> answer = Sinks.one();

		volatile Sinks.Many<StringValue> stream = Sinks.many().unicast().onBackpressureBuffer();

		private static MethodDescriptor<StringValue, StringValue> method(String name, StreamType type) {
			return new MethodDescriptor<>(NAME, name, type, IdempotencyLevel.IDEMPOTENCY_UNKNOWN,
					StringValue.getDefaultInstance(), StringValue.getDefaultInstance());
		}

		void reset() {
			this.calls.set(0);
			this.produced.set(0);
			this.cancelled = false;
			this.answer = Sinks.one();
			this.stream = Sinks.many().unicast().onBackpressureBuffer();
		}

		@Override
		public ServiceBinding bindService() {
			return ServiceBinding.builder(new ServiceDescriptor(NAME, List.of(ECHO, HOLD, STREAM, LARGE)))
				.unary(ECHO, (request, context) -> Mono.just(request))
				.unary(HOLD, (request, context) -> {
					this.calls.incrementAndGet();
					return this.answer.asMono().doOnCancel(() -> this.cancelled = true);
				})
				.serverStreaming(STREAM, (request, context) -> {
					this.calls.incrementAndGet();
					return this.stream.asFlux().doOnCancel(() -> this.cancelled = true);
				})
				.serverStreaming(LARGE, (request, context) -> Flux.<StringValue>generate((sink) -> {
					int n = this.produced.incrementAndGet();
					String prefix = n + ":";
					sink.next(StringValue.of(prefix + "x".repeat(20 * 1024 - prefix.length())));
				}))
				.build();
		}

	}

}
