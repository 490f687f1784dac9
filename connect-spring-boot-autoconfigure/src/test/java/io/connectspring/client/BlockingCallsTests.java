package io.connectspring.client;

import io.connectspring.Code;
import io.connectspring.ConnectException;
import io.connectspring.ConnectInterceptor;
import io.connectspring.fixtures.ConnectServerExtension;
import io.connectspring.fixtures.EchoService;

import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.google.protobuf.Int32Value;
import com.google.protobuf.Message;
import com.google.protobuf.StringValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

import static io.connectspring.fixtures.EchoService.int32;
import static io.connectspring.fixtures.EchoService.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** The blocking API generated blocking clients use. */
class BlockingCallsTests {

	private static volatile CountDownLatch serverCancellation = new CountDownLatch(1);

	/**
	 * Counts server calls that end by cancellation. With {@code x-hold-open}, a call's responses stay open after its
	 * requests end, so that only a cancel ends it: a reset HTTP/2 stream completes the request body on the server
	 * (it looks like a half-close), which would otherwise race the cancel.
	 */
	@RegisterExtension
	static final ConnectServerExtension server = new ConnectServerExtension(
			List.<ConnectInterceptor>of((call, requests, next) -> {
				Flux<Message> responses = call.requestHeaders().containsHeader("x-hold-open")
						? next.proceed(requests).concatWith(Flux.never()) : next.proceed(requests);
				return responses.doOnCancel(() -> serverCancellation.countDown());
			}));

	private static final HttpConnectTransport h1 = HttpConnectTransport.builder(server.baseUrl()).build();

	private static final HttpConnectTransport h2c = HttpConnectTransport.builder(server.baseUrl())
		.httpVersion(HttpVersion.H2C)
		.build();

	@AfterAll
	static void close() {
		h1.close();
		h2c.close();
	}

	private static HttpConnectTransport transport(HttpVersion version) {
		return (version == HttpVersion.H2C) ? h2c : h1;
	}

	@Test
	void unaryReturnsTheResponse() {
		assertThat(BlockingCalls.unary(h1, EchoService.ECHO, string("hi"), CallOptions.defaults()))
			.isEqualTo(string("hi"));
	}

	@Test
	void unaryErrorIsThrownAsConnectExceptionUnwrapped() {
		assertThatExceptionOfType(ConnectException.class)
			.isThrownBy(() -> BlockingCalls.unary(h1, EchoService.ECHO, string("fail:aborted"), CallOptions.defaults()))
			.satisfies((error) -> assertThat(error.code()).isEqualTo(Code.ABORTED));
	}

	@Test
	void unaryTimeoutIsThrownAsDeadlineExceeded() {
		assertThatExceptionOfType(ConnectException.class)
			.isThrownBy(() -> BlockingCalls.unary(h2c, EchoService.ECHO, string("slow"),
					CallOptions.defaults().withTimeout(Duration.ofMillis(100))))
			.satisfies((error) -> assertThat(error.code()).isEqualTo(Code.DEADLINE_EXCEEDED));
	}

	@Test
	void clientStreamSendsAnIterable() {
		assertThat(
				BlockingCalls.clientStream(h1, EchoService.SUM, List.of(int32(40), int32(2)), CallOptions.defaults()))
			.isEqualTo(int32(42));
	}

	@ParameterizedTest
	@EnumSource(names = { "HTTP_1_1", "H2C" })
	void serverStreamYieldsEveryResponse(HttpVersion version) {
		try (Stream<StringValue> responses = BlockingCalls.serverStream(transport(version), EchoService.COUNT, int32(3),
				CallOptions.defaults())) {
			assertThat(responses).containsExactly(string("1"), string("2"), string("3"));
		}
	}

	@Test
	void serverStreamErrorIsThrownAfterTheEarlierMessages() {
		try (Stream<StringValue> responses = BlockingCalls.serverStream(h1, EchoService.COUNT, int32(-1),
				CallOptions.defaults())) {
			Iterator<StringValue> iterator = responses.iterator();
			assertThat(iterator.next()).isEqualTo(string("1"));
			assertThatExceptionOfType(ConnectException.class).isThrownBy(iterator::hasNext)
				.satisfies((error) -> assertThat(error.code()).isEqualTo(Code.OUT_OF_RANGE));
		}
	}

	@ParameterizedTest
	@EnumSource(names = { "HTTP_1_1", "H2C" })
	void closingAServerStreamEarlyCancelsTheCall(HttpVersion version) throws Exception {
		serverCancellation = new CountDownLatch(1);
		try (Stream<StringValue> responses = BlockingCalls.serverStream(transport(version), EchoService.COUNT,
				int32(1_000_000), CallOptions.defaults())) {
			assertThat(responses.limit(2)).containsExactly(string("1"), string("2"));
		}
		assertThat(serverCancellation.await(5, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void readingAServerStreamAfterClosingItThrowsCanceled() {
		Stream<StringValue> responses = BlockingCalls.serverStream(h2c, EchoService.COUNT, int32(1_000_000),
				CallOptions.defaults());
		Iterator<StringValue> iterator = responses.iterator();
		assertThat(iterator.next()).isEqualTo(string("1"));
		responses.close();
		assertThatExceptionOfType(ConnectException.class).isThrownBy(() -> {
			while (iterator.hasNext()) {
				iterator.next();
			}
		}).satisfies((error) -> assertThat(error.code()).isEqualTo(Code.CANCELED));
	}

	@Test
	void clientStreamReadsABlockingIterableOffTheEventLoop() {
		Iterable<Int32Value> requests = () -> new Iterator<>() {

			private int next = 1;

			@Override
			public boolean hasNext() {
				// A blocking iterator (one reading a file, a queue) would fail here on a non-blocking thread.
				assertThat(Schedulers.isInNonBlockingThread()).isFalse();
				return this.next <= 3;
			}

			@Override
			public Int32Value next() {
				return int32(this.next++);
			}

		};
		assertThat(BlockingCalls.clientStream(h2c, EchoService.SUM, requests, CallOptions.defaults()))
			.isEqualTo(int32(6));
	}

	@ParameterizedTest
	@EnumSource(names = { "HTTP_1_1", "H2C" })
	void bidiSendsAndReceivesInTurns(HttpVersion version) {
		try (BidiStreamCall<StringValue, StringValue> call = BlockingCalls.bidiStream(transport(version),
				EchoService.CHAT, CallOptions.defaults())) {
			call.send(string("a"));
			assertThat(call.receive()).isEqualTo(string("you said a"));
			call.send(string("b"));
			assertThat(call.receive()).isEqualTo(string("you said b"));
			call.closeSend();
			assertThat(call.receive()).isNull();
			assertThatIllegalStateException().isThrownBy(() -> call.send(string("c")));
		}
	}

	@Test
	void bidiCloseBeforeTheEndCancelsTheCall() throws Exception {
		serverCancellation = new CountDownLatch(1);
		BidiStreamCall<StringValue, StringValue> call = BlockingCalls.bidiStream(h2c, EchoService.CHAT,
				CallOptions.defaults().withHeader("x-hold-open", "1"));
		call.send(string("a"));
		assertThat(call.receive()).isEqualTo(string("you said a"));
		call.close();
		assertThat(serverCancellation.await(30, TimeUnit.SECONDS)).isTrue();
		assertThatIllegalStateException().isThrownBy(() -> call.send(string("b")));
		assertThatExceptionOfType(ConnectException.class).isThrownBy(call::receive)
			.satisfies((error) -> assertThat(error.code()).isEqualTo(Code.CANCELED));
	}

	@Test
	void bidiErrorIsThrownByReceiveAndThenBySend() {
		try (HttpConnectTransport transport = HttpConnectTransport.builder(server.baseUrl())
			.httpVersion(HttpVersion.H2C)
			.readMaxBytes(20)
			.build();
				BidiStreamCall<StringValue, StringValue> call = BlockingCalls.bidiStream(transport, EchoService.CHAT,
						CallOptions.defaults())) {
			call.send(string("a long message that comes back too large"));
			assertThatExceptionOfType(ConnectException.class).isThrownBy(call::receive)
				.satisfies((error) -> assertThat(error.code()).isEqualTo(Code.RESOURCE_EXHAUSTED));
			assertThatExceptionOfType(ConnectException.class).isThrownBy(() -> call.send(string("more")))
				.satisfies((error) -> assertThat(error.code()).isEqualTo(Code.RESOURCE_EXHAUSTED));
		}
	}

	@Test
	void failureOfAnInterruptedCallersOwnWorkIsCanceled() {
		Thread.currentThread().interrupt();
		try {
			assertThat(BlockingCalls.toConnectException(new IllegalStateException("compress: br failed")).code())
				.isEqualTo(Code.CANCELED);
			assertThat(Thread.currentThread().isInterrupted()).isTrue();
		}
		finally {
			Thread.interrupted();
		}
	}

	@Test
	void bidiReceiveWaitingWhenAnotherThreadClosesTheCallThrowsCanceled() throws Exception {
		BidiStreamCall<StringValue, StringValue> call = BlockingCalls.bidiStream(h2c, EchoService.CHAT,
				CallOptions.defaults().withHeader("x-hold-open", "1"));
		call.send(string("a"));
		assertThat(call.receive()).isEqualTo(string("you said a"));
		CountDownLatch receiving = new CountDownLatch(1);
		Thread closer = new Thread(() -> {
			try {
				receiving.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			call.close();
		});
		closer.start();
		receiving.countDown();
		assertThatExceptionOfType(ConnectException.class).isThrownBy(call::receive)
			.satisfies((error) -> assertThat(error.code()).isEqualTo(Code.CANCELED));
		closer.join();
	}

	@Test
	void interruptedWaitCancelsTheCallAndKeepsTheInterrupt() {
		Thread.currentThread().interrupt();
		try {
			assertThatExceptionOfType(ConnectException.class)
				.isThrownBy(() -> BlockingCalls.unary(h1, EchoService.ECHO, string("slow"), CallOptions.defaults()))
				.satisfies((error) -> assertThat(error.code()).isEqualTo(Code.CANCELED));
			assertThat(Thread.currentThread().isInterrupted()).isTrue();
		}
		finally {
			Thread.interrupted();
		}
	}

}
