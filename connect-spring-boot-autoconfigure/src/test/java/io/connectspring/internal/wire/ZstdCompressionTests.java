package io.connectspring.internal.wire;

import io.connectspring.Code;
import io.connectspring.ConnectException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ZstdCompressionTests {

	private final ZstdCompression zstd = new ZstdCompression();

	@Test
	void nameIsTheContentEncodingToken() {
		assertThat(this.zstd.name()).isEqualTo("zstd");
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, 1, 1000, 100_000, 3_000_000 })
	void roundTripsMessagesOfAnySize(int size) {
		byte[] message = CompressionSamples.message(size);
		byte[] compressed = Compressions.compress(this.zstd, message);
		assertThat(Compressions.decompress(this.zstd, compressed, Long.MAX_VALUE)).isEqualTo(message);
	}

	@Test
	void readsWhatTheLibraryCompressesDirectly() {
		byte[] message = CompressionSamples.message(200_000);
		assertThat(Compressions.decompress(this.zstd, Zstd.compress(message, 19), Long.MAX_VALUE)).isEqualTo(message);
	}

	@Test
	void readsFramesWithAChecksumAsOtherImplementationsWriteThem() {
		byte[] message = CompressionSamples.message(200_000);
		try (ZstdCompressCtx context = new ZstdCompressCtx()) {
			byte[] compressed = context.setLevel(1).setChecksum(true).compress(message);
			assertThat(Compressions.decompress(this.zstd, compressed, Long.MAX_VALUE)).isEqualTo(message);
		}
	}

	@Test
	void readsConcatenatedFramesAsOneMessage() {
		byte[] first = CompressionSamples.message(1000);
		byte[] second = "second".getBytes(StandardCharsets.UTF_8);
		byte[] frames = concat(Zstd.compress(first), Zstd.compress(second));
		assertThat(Compressions.decompress(this.zstd, frames, Long.MAX_VALUE)).isEqualTo(concat(first, second));
	}

	@Test
	void writesWhatTheLibraryDecompressesDirectly() {
		byte[] message = CompressionSamples.message(200_000);
		assertThat(Zstd.decompress(Compressions.compress(this.zstd, message), message.length)).isEqualTo(message);
	}

	@Test
	void compressesText() {
		byte[] text = "hello, zstd ".repeat(1000).getBytes(StandardCharsets.UTF_8);
		assertThat(Compressions.compress(this.zstd, text)).hasSizeLessThan(text.length / 20);
	}

	@Test
	void bombIsResourceExhaustedOncePastTheLimit() throws IOException {
		ByteArrayOutputStream bomb = new ByteArrayOutputStream();
		try (OutputStream out = this.zstd.compress(bomb)) {
			CompressionSamples.writeZeros(out, 100 * 1024 * 1024);
		}
		assertThat(bomb.size()).isLessThan(64 * 1024);
		assertThatExceptionOfType(ConnectException.class)
			.isThrownBy(() -> Compressions.decompress(this.zstd, bomb.toByteArray(), 4 * 1024 * 1024))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(Code.RESOURCE_EXHAUSTED));
	}

	@Test
	void decompressionStreamsRatherThanReadingAllInputFirst() throws IOException {
		byte[] compressed = Compressions.compress(this.zstd, CompressionSamples.random(8 * 1024 * 1024));
		assertThat(CompressionSamples.inputReadForFirstBytes(this.zstd, compressed, 1024 * 1024))
			.isLessThan(compressed.length / 2);
	}

	@Test
	void compressionStreamsRatherThanBufferingTheWholeMessage() throws IOException {
		assertThat(CompressionSamples.outputBeforeClose(this.zstd, CompressionSamples.random(8 * 1024 * 1024)))
			.isGreaterThan(4 * 1024 * 1024);
	}

	@Test
	void corruptDataIsInvalidArgument() {
		byte[] corrupt = new byte[64];
		Arrays.fill(corrupt, (byte) 0xff);
		assertThatExceptionOfType(ConnectException.class)
			.isThrownBy(() -> Compressions.decompress(this.zstd, corrupt, Long.MAX_VALUE))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(Code.INVALID_ARGUMENT));
	}

	@Test
	void truncatedDataIsInvalidArgument() {
		byte[] compressed = Compressions.compress(this.zstd, CompressionSamples.random(10_000));
		byte[] truncated = Arrays.copyOf(compressed, compressed.length / 2);
		assertThatExceptionOfType(ConnectException.class)
			.isThrownBy(() -> Compressions.decompress(this.zstd, truncated, Long.MAX_VALUE))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(Code.INVALID_ARGUMENT));
	}

	private static byte[] concat(byte[] first, byte[] second) {
		byte[] both = Arrays.copyOf(first, first.length + second.length);
		System.arraycopy(second, 0, both, first.length, second.length);
		return both;
	}

}
