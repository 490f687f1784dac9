package io.connectspring.internal.server;

import io.connectspring.fixtures.EchoService;
import io.connectspring.fixtures.Envelopes.Frame;
import io.connectspring.fixtures.Envelopes;
import io.connectspring.internal.wire.Envelope;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpHeaders;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

class EnvelopeBatcherTests {

	private static final EnvelopeBatcher.Encoder<String> ENCODER = (message, buffer) -> {
		if (message.equals("bad")) {
			throw new IllegalArgumentException("cannot encode");
		}
		byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
		Envelope.write(buffer, 0, bytes);
		return bytes.length;
	};

	private static Flux<DataBuffer> batch(Flux<String> messages) {
		return EnvelopeBatcher.encode(messages, DefaultDataBufferFactory.sharedInstance, ENCODER);
	}

	private static List<String> texts(DataBuffer buffer) {
		byte[] bytes = new byte[buffer.readableByteCount()];
		buffer.read(bytes);
		DataBufferUtils.release(buffer);
		return Envelopes.parse(bytes).stream().map(Frame::text).toList();
	}

	@Test
	void messagesAlreadyAvailableLeaveInOneBuffer() {
		StepVerifier.create(batch(Flux.range(1, 10).map(String::valueOf)))
			.assertNext((buffer) -> assertThat(texts(buffer)).containsExactly("1", "2", "3", "4", "5", "6", "7", "8",
					"9", "10"))
			.verifyComplete();
	}

	@Test
	void loneMessageLeavesAtOnceWithoutWaitingForTheNext() {
		Sinks.Many<String> messages = Sinks.many().unicast().onBackpressureBuffer();
		StepVerifier.create(batch(messages.asFlux()))
			.then(() -> messages.tryEmitNext("first"))
			.assertNext((buffer) -> assertThat(texts(buffer)).containsExactly("first"))
			.then(() -> messages.tryEmitNext("second"))
			.assertNext((buffer) -> assertThat(texts(buffer)).containsExactly("second"))
			.then(messages::tryEmitComplete)
			.verifyComplete();
	}

	@Test
	void batchStopsOnceItHoldsEnoughBytes() {
		String kilobyte = "x".repeat(1024);
		List<DataBuffer> buffers = batch(Flux.range(0, 100).map((n) -> kilobyte)).collectList().block();
		assertThat(buffers).hasSizeGreaterThan(1);
		int messages = 0;
		for (DataBuffer buffer : buffers) {
			assertThat(buffer.readableByteCount()).isLessThan(EnvelopeBatcher.MAX_BATCH_BYTES + 1024 + 5);
			messages += texts(buffer).size();
		}
		assertThat(messages).isEqualTo(100);
	}

	@Test
	void readsOnlyAFewMessagesAheadOfDemand() {
		AtomicLong requested = new AtomicLong();
		Flux<String> messages = Flux.range(0, 10_000).map(String::valueOf).doOnRequest(requested::addAndGet);
		StepVerifier.create(batch(messages), 0)
			.expectSubscription()
			.then(() -> assertThat(requested).hasValue(1))
			.thenRequest(1)
			.assertNext((buffer) -> assertThat(texts(buffer)).hasSizeGreaterThanOrEqualTo(EnvelopeBatcher.PREFETCH))
			.then(() -> assertThat(requested.get()).isLessThan(10_000))
			.thenCancel()
			.verify();
	}

	@Test
	void smallMessagesAreReadAheadPrefetchAtATime() {
		List<Long> requests = new CopyOnWriteArrayList<>();
		Flux<String> messages = Flux.range(0, 1_000).map(String::valueOf).doOnRequest(requests::add);
		StepVerifier.create(batch(messages).map(EnvelopeBatcherTests::texts).flatMapIterable((texts) -> texts))
			.expectNextCount(1_000)
			.verifyComplete();
		// One message to learn their size, then the whole read-ahead, then three quarters of it at a time.
		long prefetch = EnvelopeBatcher.PREFETCH;
		long limit = prefetch - (prefetch >> 2);
		assertThat(requests).startsWith(1L, prefetch, limit, limit).containsOnly(1L, prefetch, limit);
	}

	@ParameterizedTest
	@ValueSource(ints = { 100, 1024, 16 * 1024, 64 * 1024, 1024 * 1024, 4 * 1024 * 1024 })
	void messagesReadAheadOfAStalledReaderAddUpToTheReadAheadBytesOrOneMessage(int size) {
		String message = "x".repeat(size);
		AtomicLong requested = new AtomicLong();
		Flux<String> messages = Flux.range(0, 1_000).map((n) -> message).doOnRequest(requested::addAndGet);
		AtomicLong written = new AtomicLong();
		// The reader takes one batch, then stops reading.
		StepVerifier.create(batch(messages), 0)
			.thenRequest(1)
			.assertNext((buffer) -> written.set(texts(buffer).size()))
			.expectNoEvent(Duration.ZERO)
			.thenCancel()
			.verify();
		long readAhead = requested.get() - written.get();
		assertThat(readAhead).isPositive();
		assertThat(readAhead * size).isLessThanOrEqualTo(Math.max(EnvelopeBatcher.MAX_READ_AHEAD_BYTES, size));
	}

	@Test
	void largeMessagesShrinkTheReadAheadToOneMessageAndSmallOnesWidenItAgain() {
		String large = "x".repeat(256 * 1024);
		List<Long> requests = new CopyOnWriteArrayList<>();
		// 10 small messages, 100 large ones, then small ones again.
		Flux<String> messages = Flux.range(0, 1_000)
			.map((n) -> (n >= 10 && n < 110) ? large : "small")
			.doOnRequest(requests::add);
		StepVerifier.create(batch(messages).map(EnvelopeBatcherTests::texts).flatMapIterable((texts) -> texts))
			.expectNextCount(1_000)
			.verifyComplete();
		long limit = EnvelopeBatcher.PREFETCH - (EnvelopeBatcher.PREFETCH >> 2);
		List<Long> afterTheFirst = requests.subList(1, requests.size());
		int shrunk = afterTheFirst.indexOf(1L);
		assertThat(shrunk).as("a request of one message once large ones came, in %s", requests).isNotNegative();
		assertThat(afterTheFirst.subList(shrunk, afterTheFirst.size())).startsWith(1L, 1L, 1L)
			.anySatisfy((n) -> assertThat(n).isGreaterThanOrEqualTo(limit));
	}

	@Test
	void upstreamErrorFollowsTheMessagesBeforeIt() {
		StepVerifier.create(batch(Flux.just("a", "b").concatWith(Mono.error(new IllegalStateException("late")))))
			.assertNext((buffer) -> assertThat(texts(buffer)).containsExactly("a", "b"))
			.verifyErrorMessage("late");
	}

	@Test
	void encoderFailureEndsTheStreamAfterTheMessagesEncodedBeforeIt() {
		AtomicBoolean cancelled = new AtomicBoolean();
		Flux<String> messages = Flux.just("a", "b", "bad", "c").doOnCancel(() -> cancelled.set(true));
		StepVerifier.create(batch(messages))
			.assertNext((buffer) -> assertThat(texts(buffer)).containsExactly("a", "b"))
			.verifyErrorMessage("cannot encode");
		assertThat(cancelled).isTrue();
	}

	@Test
	void cancellingStopsTheUpstream() {
		AtomicBoolean cancelled = new AtomicBoolean();
		Sinks.Many<String> messages = Sinks.many().unicast().onBackpressureBuffer();
		StepVerifier.create(batch(messages.asFlux().doOnCancel(() -> cancelled.set(true))))
			.then(() -> messages.tryEmitNext("only"))
			.assertNext((buffer) -> assertThat(texts(buffer)).containsExactly("only"))
			.thenCancel()
			.verify();
		assertThat(cancelled).isTrue();
	}

	@Test
	void fuseableSourceWithAFuseableOperatorAfterTheBatcherStillWorks() {
		StepVerifier.create(batch(Flux.just("a").map((message) -> message)).map(EnvelopeBatcherTests::texts))
			.expectNext(List.of("a"))
			.verifyComplete();
	}

	@Test
	void emptyStreamCompletesWithoutBuffers() {
		StepVerifier.create(batch(Flux.empty())).verifyComplete();
	}

	private static Flux<DataBuffer> batch(Flux<String> messages, EnvelopeBatcher.Ending ending) {
		return EnvelopeBatcher.encode(messages, DefaultDataBufferFactory.sharedInstance, ENCODER, ending);
	}

	/** An ending that writes one envelope saying how the messages ended. */
	private static final EnvelopeBatcher.Ending END = (failure, messagesSent) -> {
		DataBuffer buffer = DefaultDataBufferFactory.sharedInstance.allocateBuffer(64);
		String text = "end " + ((failure != null) ? failure.getMessage() : "ok") + " sent=" + messagesSent;
		Envelope.write(buffer, 0, text.getBytes(StandardCharsets.UTF_8));
		return buffer;
	};

	@Test
	void theEndingsBufferFollowsTheMessages() {
		StepVerifier.create(batch(Flux.just("a", "b"), END).map(EnvelopeBatcherTests::texts))
			.expectNext(List.of("a", "b"))
			.expectNext(List.of("end ok sent=true"))
			.verifyComplete();
	}

	@Test
	void anEmptyStreamStillEnds() {
		StepVerifier.create(batch(Flux.empty(), END).map(EnvelopeBatcherTests::texts))
			.expectNext(List.of("end ok sent=false"))
			.verifyComplete();
	}

	@Test
	void anUpstreamErrorGoesToTheEndingAndTheBodyCompletes() {
		Flux<String> messages = Flux.just("a").concatWith(Mono.error(new IllegalStateException("late")));
		StepVerifier.create(batch(messages, END).map(EnvelopeBatcherTests::texts))
			.expectNext(List.of("a"))
			.expectNext(List.of("end late sent=true"))
			.verifyComplete();
		StepVerifier.create(batch(Flux.error(new IllegalStateException("early")), END).map(EnvelopeBatcherTests::texts))
			.expectNext(List.of("end early sent=false"))
			.verifyComplete();
	}

	@Test
	void anEncoderFailureGoesToTheEndingAfterTheMessagesBeforeIt() {
		AtomicBoolean cancelled = new AtomicBoolean();
		Flux<String> messages = Flux.just("a", "bad", "c").doOnCancel(() -> cancelled.set(true));
		StepVerifier.create(batch(messages, END).map(EnvelopeBatcherTests::texts))
			.expectNext(List.of("a"))
			.expectNext(List.of("end cannot encode sent=true"))
			.verifyComplete();
		assertThat(cancelled).isTrue();
	}

	@Test
	void theEndingsBufferWaitsForDemand() {
		StepVerifier.create(batch(Flux.just("a"), END).map(EnvelopeBatcherTests::texts), 1)
			.expectNext(List.of("a"))
			.expectNoEvent(Duration.ZERO)
			.thenRequest(1)
			.expectNext(List.of("end ok sent=true"))
			.verifyComplete();
	}

	@Test
	void anEndingWithoutABufferCompletesAndOneThatThrowsFails() {
		StepVerifier.create(batch(Flux.just("a"), (failure, sent) -> null).map(EnvelopeBatcherTests::texts))
			.expectNext(List.of("a"))
			.verifyComplete();
		StepVerifier.create(batch(Flux.empty(), (failure, sent) -> {
			throw new IllegalStateException("nothing to end with");
		})).verifyErrorMessage("nothing to end with");
	}


	private static CallState call() {
		return new CallState(EchoService.COUNT, new HttpHeaders(), null, "connect", "POST",
				new LinkedMultiValueMap<>());
	}

	@Test
	void headersAskedForBeforeTheBodyStartsLeaveAsAnEmptyBufferFirst() {
		CallState call = call();
		call.sendHeadersNow();
		Sinks.Many<String> messages = Sinks.many().unicast().onBackpressureBuffer();
		StepVerifier.create(EnvelopeBatcher.encode(messages.asFlux(), DefaultDataBufferFactory.sharedInstance,
				ENCODER, END, call))
			.assertNext((buffer) -> assertThat(buffer.readableByteCount()).isZero())
			.then(messages::tryEmitComplete)
			.assertNext((buffer) -> assertThat(texts(buffer)).containsExactly("end ok sent=true"))
			.verifyComplete();
	}

	@Test
	void headersAskedForWhileTheStreamWaitsLeaveAtOnce() {
		CallState call = call();
		Sinks.Many<String> messages = Sinks.many().unicast().onBackpressureBuffer();
		StepVerifier.create(EnvelopeBatcher.encode(messages.asFlux(), DefaultDataBufferFactory.sharedInstance,
				ENCODER, END, call))
			.expectSubscription()
			.expectNoEvent(Duration.ofMillis(50))
			.then(call::sendHeadersNow)
			.assertNext((buffer) -> assertThat(buffer.readableByteCount()).isZero())
			.then(() -> messages.tryEmitNext("a"))
			.assertNext((buffer) -> assertThat(texts(buffer)).containsExactly("a"))
			.then(messages::tryEmitComplete)
			.assertNext((buffer) -> assertThat(texts(buffer)).containsExactly("end ok sent=true"))
			.verifyComplete();
	}

	@Test
	void headersAskedForAfterAMessageLeftAddNothing() {
		CallState call = call();
		Sinks.Many<String> messages = Sinks.many().unicast().onBackpressureBuffer();
		StepVerifier.create(EnvelopeBatcher.encode(messages.asFlux(), DefaultDataBufferFactory.sharedInstance,
				ENCODER, null, call))
			.then(() -> messages.tryEmitNext("a"))
			.assertNext((buffer) -> assertThat(texts(buffer)).containsExactly("a"))
			.then(call::sendHeadersNow)
			.then(() -> messages.tryEmitNext("b"))
			.assertNext((buffer) -> assertThat(texts(buffer)).containsExactly("b"))
			.then(messages::tryEmitComplete)
			.verifyComplete();
	}

}
