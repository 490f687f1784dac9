package io.connectspring.internal.wire;

import io.connectspring.Code;
import io.connectspring.ConnectException;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

class GrpcWebTextTests {

	private static final DefaultDataBufferFactory FACTORY = DefaultDataBufferFactory.sharedInstance;

	private static Flux<DataBuffer> chunks(String text, int size) {
		byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
		List<DataBuffer> buffers = new ArrayList<>();
		for (int i = 0; i < bytes.length; i += size) {
			buffers.add(FACTORY.wrap(Arrays.copyOfRange(bytes, i, Math.min(bytes.length, i + size))));
		}
		return Flux.fromIterable(buffers);
	}

	private static byte[] decoded(Flux<DataBuffer> body) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		GrpcWebText.decode(body, FACTORY).doOnNext((buffer) -> {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			DataBufferUtils.release(buffer);
			out.writeBytes(bytes);
		}).blockLast();
		return out.toByteArray();
	}

	@Test
	void bodiesSplitAtEveryCharacterDecode() {
		byte[] data = "any bytes at all, of any length.".getBytes(StandardCharsets.UTF_8);
		String text = Base64.getEncoder().encodeToString(data);
		for (int size = 1; size <= text.length(); size++) {
			assertThat(decoded(chunks(text, size))).isEqualTo(data);
		}
	}

	@Test
	void paddedChunksMayFollowEachOther() {
		String text = Base64.getEncoder().encodeToString(new byte[] { 1 })
				+ Base64.getEncoder().encodeToString(new byte[] { 2, 3 }) + "\r\n"
				+ Base64.getEncoder().encodeToString(new byte[] { 4, 5, 6 });
		assertThat(decoded(chunks(text, 3))).containsExactly(1, 2, 3, 4, 5, 6);
	}

	@Test
	void notBase64IsInvalidArgument() {
		StepVerifier.create(GrpcWebText.decode(chunks("ab!d", 4), FACTORY))
			.expectErrorSatisfies((error) -> assertThat(((ConnectException) error).code())
				.isEqualTo(Code.INVALID_ARGUMENT))
			.verify();
		StepVerifier.create(GrpcWebText.decode(chunks("abcde", 4), FACTORY).doOnNext(DataBufferUtils::release))
			.thenConsumeWhile((buffer) -> true)
			.expectErrorSatisfies((error) -> assertThat(((ConnectException) error).code())
				.isEqualTo(Code.INVALID_ARGUMENT))
			.verify();
	}

	@Test
	void encodeWritesOnePaddedChunk() {
		DataBuffer encoded = GrpcWebText.encode(FACTORY.wrap(new byte[] { 1, 2 }), FACTORY);
		assertThat(encoded.toString(StandardCharsets.US_ASCII)).isEqualTo("AQI=");
	}

}
