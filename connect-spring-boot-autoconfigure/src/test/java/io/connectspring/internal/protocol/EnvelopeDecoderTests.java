package io.connectspring.internal.protocol;

import io.connectspring.ConnectException;
import io.connectspring.fixtures.Envelopes;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import reactor.core.publisher.Flux;
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

}
