package io.connectspring.internal.wire;

import io.connectspring.ConnectException;
import io.connectspring.fixtures.Envelopes;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

class EnvelopeDecoderTests {

	private static Flux<DataBuffer> chunks(byte[] bytes, int size) {
		List<DataBuffer> buffers = new ArrayList<>();
		for (int i = 0; i < bytes.length; i += size) {
			byte[] chunk = java.util.Arrays.copyOfRange(bytes, i, Math.min(bytes.length, i + size));
			buffers.add(DefaultDataBufferFactory.sharedInstance.wrap(chunk));
		}
		return Flux.fromIterable(buffers);
	}

	@Test
	void envelopesSplitAcrossBuffersAtEveryByteAreReassembled() {
		byte[] body = Envelopes.json("\"first\"", "", "\"third message\"");
		for (int size = 1; size <= body.length; size++) {
			StepVerifier.create(EnvelopeDecoder.decode(chunks(body, size), 100)
				.map((envelope) -> new String(envelope.data(), StandardCharsets.UTF_8)))
				.expectNext("\"first\"", "", "\"third message\"")
				.verifyComplete();
		}
	}

	@Test
	void flagsAreKept() {
		StepVerifier.create(EnvelopeDecoder.decode(chunks(Envelopes.frame(3, new byte[] { 1 }), 2), 100))
			.assertNext((envelope) -> assertThat(envelope.flags()).isEqualTo(3))
			.verifyComplete();
	}

	@Test
	void oversizedLengthFailsBeforeItsBytesArrive() {
		byte[] prefixOnly = { 0, 0x7F, 0, 0, 0 };
		Flux<DataBuffer> body = Flux.<DataBuffer>just(DefaultDataBufferFactory.sharedInstance.wrap(prefixOnly))
			.concatWith(Flux.never());
		StepVerifier.create(EnvelopeDecoder.decode(body, 1024))
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(ConnectException.class)
				.hasMessageContaining("resource_exhausted"))
			.verify(java.time.Duration.ofSeconds(5));
	}

	@Test
	void emptyBodyHasNoEnvelopes() {
		StepVerifier.create(EnvelopeDecoder.decode(Flux.empty(), 10)).verifyComplete();
	}

	private static String text(Envelope envelope) {
		return new String(envelope.data(), StandardCharsets.UTF_8);
	}

	@Test
	void theNextBufferIsReadOnlyOnceTheEnvelopesBeforeItAreTaken() {
		byte[] twoEnvelopes = Envelopes.json("\"a\"", "\"b\"");
		AtomicLong requested = new AtomicLong();
		Flux<DataBuffer> body = Flux.range(0, 3)
			.<DataBuffer>map((n) -> DefaultDataBufferFactory.sharedInstance.wrap(twoEnvelopes.clone()))
			.doOnRequest(requested::addAndGet);
		StepVerifier.create(EnvelopeDecoder.decode(body, 100).map(EnvelopeDecoderTests::text), 0)
			.expectSubscription()
			.then(() -> assertThat(requested).hasValue(1))
			.thenRequest(1)
			.expectNext("\"a\"")
			.then(() -> assertThat(requested).hasValue(1))
			.thenRequest(1)
			.expectNext("\"b\"")
			.then(() -> assertThat(requested).hasValue(2))
			.thenRequest(Long.MAX_VALUE)
			.expectNext("\"a\"", "\"b\"", "\"a\"", "\"b\"")
			.verifyComplete();
	}

	@Test
	void aBodyErrorFollowsTheEnvelopesBeforeIt() {
		Flux<DataBuffer> body = chunks(Envelopes.json("\"a\"", "\"b\""), 1000)
			.concatWith(Flux.error(new IllegalStateException("reset")));
		StepVerifier.create(EnvelopeDecoder.decode(body, 100).map(EnvelopeDecoderTests::text))
			.expectNext("\"a\"", "\"b\"")
			.verifyErrorMessage("reset");
	}

	@Test
	void aBodyEndingInsideAnEnvelopeIsInvalidArgument() {
		byte[] body = Envelopes.json("\"complete\"", "\"cut short\"");
		StepVerifier.create(EnvelopeDecoder.decode(chunks(java.util.Arrays.copyOf(body, body.length - 3), 4), 100)
			.map(EnvelopeDecoderTests::text))
			.expectNext("\"complete\"")
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(ConnectException.class)
				.hasMessageContaining("invalid_argument")
				.hasMessageContaining("promised"))
			.verify();
	}

	@Test
	void buffersArrivingOnAnotherThreadThanTheDemandLoseNothing() {
		int buffers = 5_000;
		Flux<DataBuffer> body = Flux.range(0, buffers)
			.<DataBuffer>map((n) -> DefaultDataBufferFactory.sharedInstance
				.wrap(Envelopes.json("\"" + (2 * n) + "\"", "\"" + (2 * n + 1) + "\"")))
			.publishOn(Schedulers.parallel(), 1);
		List<String> expected = new ArrayList<>();
		for (int i = 0; i < 2 * buffers; i++) {
			expected.add("\"" + i + "\"");
		}
		List<String> decoded = EnvelopeDecoder.decode(body, 100)
			.map(EnvelopeDecoderTests::text)
			.publishOn(Schedulers.single(), 1)
			.collectList()
			.block(java.time.Duration.ofSeconds(30));
		assertThat(decoded).isEqualTo(expected);
	}

	@Test
	void cancellingStopsTheBody() {
		AtomicBoolean cancelled = new AtomicBoolean();
		Flux<DataBuffer> body = chunks(Envelopes.json("\"a\"", "\"b\""), 1000)
			.concatWith(Flux.never())
			.doOnCancel(() -> cancelled.set(true));
		StepVerifier.create(EnvelopeDecoder.decode(body, 100).map(EnvelopeDecoderTests::text))
			.expectNext("\"a\"", "\"b\"")
			.thenCancel()
			.verify();
		assertThat(cancelled).isTrue();
	}

}
