package io.connectspring.internal.wire;

import io.connectspring.Code;
import io.connectspring.ConnectException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import com.aayushatharva.brotli4j.decoder.Decoder;
import com.aayushatharva.brotli4j.decoder.DecoderJNI;
import com.aayushatharva.brotli4j.decoder.DirectDecompress;
import com.aayushatharva.brotli4j.encoder.Encoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class BrotliCompressionTests {

	private final BrotliCompression brotli = new BrotliCompression();

	@Test
	void nameIsTheContentEncodingToken() {
		assertThat(this.brotli.name()).isEqualTo("br");
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, 1, 1000, 100_000, 3_000_000 })
	void roundTripsMessagesOfAnySize(int size) {
		byte[] message = CompressionSamples.message(size);
		byte[] compressed = Compressions.compress(this.brotli, message);
		assertThat(Compressions.decompress(this.brotli, compressed, Long.MAX_VALUE)).isEqualTo(message);
	}

	@Test
	void readsWhatTheLibraryCompressesDirectly() throws IOException {
		byte[] message = CompressionSamples.message(50_000);
		byte[] compressed = Encoder.compress(message, new Encoder.Parameters().setQuality(11));
		assertThat(Compressions.decompress(this.brotli, compressed, Long.MAX_VALUE)).isEqualTo(message);
	}

	@Test
	void writesWhatTheLibraryDecompressesDirectly() throws IOException {
		byte[] message = CompressionSamples.message(200_000);
		DirectDecompress result = Decoder.decompress(Compressions.compress(this.brotli, message));
		assertThat(result.getResultStatus()).isEqualTo(DecoderJNI.Status.DONE);
		assertThat(result.getDecompressedData()).isEqualTo(message);
	}

	@Test
	void compressesText() {
		byte[] text = "hello, brotli ".repeat(1000).getBytes(StandardCharsets.UTF_8);
		assertThat(Compressions.compress(this.brotli, text)).hasSizeLessThan(text.length / 20);
	}

	@Test
	void bombIsResourceExhaustedOncePastTheLimit() throws IOException {
		ByteArrayOutputStream bomb = new ByteArrayOutputStream();
		try (OutputStream out = this.brotli.compress(bomb)) {
			CompressionSamples.writeZeros(out, 100 * 1024 * 1024);
		}
		assertThat(bomb.size()).isLessThan(64 * 1024);
		assertThatExceptionOfType(ConnectException.class)
			.isThrownBy(() -> Compressions.decompress(this.brotli, bomb.toByteArray(), 4 * 1024 * 1024))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(Code.RESOURCE_EXHAUSTED));
	}

	// Brotli holds back up to a window of output (4 MiB at the encoder's default window) and an encoder emits a
	// meta-block once 8 MiB of input have come in: hence sizes well past both.
	@Test
	void decompressionStreamsRatherThanReadingAllInputFirst() throws IOException {
		byte[] compressed = Compressions.compress(this.brotli, CompressionSamples.random(24 * 1024 * 1024));
		assertThat(CompressionSamples.inputReadForFirstBytes(this.brotli, compressed, 1024 * 1024))
			.isLessThan(compressed.length / 4);
	}

	@Test
	void compressionStreamsRatherThanBufferingTheWholeMessage() throws IOException {
		assertThat(CompressionSamples.outputBeforeClose(this.brotli, CompressionSamples.random(24 * 1024 * 1024)))
			.isGreaterThan(12 * 1024 * 1024);
	}

	@Test
	void corruptDataIsInvalidArgument() {
		byte[] corrupt = new byte[64];
		Arrays.fill(corrupt, (byte) 0xff);
		assertThatExceptionOfType(ConnectException.class)
			.isThrownBy(() -> Compressions.decompress(this.brotli, corrupt, Long.MAX_VALUE))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(Code.INVALID_ARGUMENT));
	}

	@Test
	void truncatedDataIsInvalidArgument() {
		byte[] compressed = Compressions.compress(this.brotli, CompressionSamples.random(10_000));
		byte[] truncated = Arrays.copyOf(compressed, compressed.length / 2);
		assertThatExceptionOfType(ConnectException.class)
			.isThrownBy(() -> Compressions.decompress(this.brotli, truncated, Long.MAX_VALUE))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(Code.INVALID_ARGUMENT));
	}

}
