package io.connectspring.internal.wire;

import io.connectspring.Compression;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import com.aayushatharva.brotli4j.decoder.Decoder;
import com.aayushatharva.brotli4j.decoder.DecoderJNI;
import com.aayushatharva.brotli4j.decoder.DirectDecompress;
import com.aayushatharva.brotli4j.encoder.Encoder;
import com.github.luben.zstd.Zstd;

/** Test data and probes shared by the tests of the built-in compressions. */
public final class CompressionSamples {

	private CompressionSamples() {
	}

	/** A message of that size that compresses somewhat, as protobuf messages do: text with random bytes between. */
	public static byte[] message(int size) {
		byte[] message = new byte[size];
		byte[] text = "field value, repeated ".getBytes(StandardCharsets.UTF_8);
		Random random = new Random(size);
		for (int i = 0; i < size; i++) {
			message[i] = (i % 64 < 48) ? text[i % text.length] : (byte) random.nextInt();
		}
		return message;
	}

	/** Bytes that do not compress. */
	public static byte[] random(int size) {
		byte[] bytes = new byte[size];
		new Random(42).nextBytes(bytes);
		return bytes;
	}

	/** Compresses with the library itself rather than through a {@link Compression}, as a peer would. */
	public static byte[] libraryCompress(String encoding, byte[] data) throws IOException {
		return switch (encoding) {
			case "gzip" -> {
				ByteArrayOutputStream out = new ByteArrayOutputStream();
				try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
					gzip.write(data);
				}
				yield out.toByteArray();
			}
			case "br" -> Encoder.compress(data);
			case "zstd" -> Zstd.compress(data);
			default -> throw new IllegalArgumentException(encoding);
		};
	}

	/** Decompresses with the library itself rather than through a {@link Compression}, as a peer would. */
	public static byte[] libraryDecompress(String encoding, byte[] data) throws IOException {
		return switch (encoding) {
			case "gzip" -> new GZIPInputStream(new ByteArrayInputStream(data)).readAllBytes();
			case "br" -> {
				DirectDecompress result = Decoder.decompress(data);
				if (result.getResultStatus() != DecoderJNI.Status.DONE) {
					throw new IOException("brotli: " + result.getResultStatus());
				}
				yield result.getDecompressedData();
			}
			// Streamed frames carry no content size, so the output is sized generously and trimmed.
			case "zstd" -> Zstd.decompress(data, 16 * 1024 * 1024);
			default -> throw new IllegalArgumentException(encoding);
		};
	}

	/** Writes zeros a chunk at a time, so that a large bomb needs no large array. */
	public static void writeZeros(OutputStream out, long count) throws IOException {
		byte[] chunk = new byte[1024 * 1024];
		for (long written = 0; written < count; written += chunk.length) {
			out.write(chunk, 0, (int) Math.min(chunk.length, count - written));
		}
	}

	/** Returns how many compressed bytes a compression reads to yield the first {@code wanted} bytes. */
	public static long inputReadForFirstBytes(Compression compression, byte[] compressed, int wanted)
			throws IOException {
		CountingInputStream source = new CountingInputStream(new ByteArrayInputStream(compressed));
		try (InputStream in = compression.decompress(source)) {
			in.readNBytes(wanted);
			return source.count;
		}
	}

	/** Returns how many compressed bytes a compression has passed on once the data is written, before it is closed. */
	public static long outputBeforeClose(Compression compression, byte[] data) throws IOException {
		CountingOutputStream target = new CountingOutputStream();
		OutputStream out = compression.compress(target);
		try {
			for (int i = 0; i < data.length; i += 8192) {
				out.write(data, i, Math.min(8192, data.length - i));
			}
			return target.count;
		}
		finally {
			out.close();
		}
	}

	private static final class CountingInputStream extends InputStream {

		private final InputStream in;

		private long count;

		CountingInputStream(InputStream in) {
			this.in = in;
		}

		@Override
		public int read() throws IOException {
			int b = this.in.read();
			if (b >= 0) {
				this.count++;
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = this.in.read(buffer, offset, length);
			if (n > 0) {
				this.count += n;
			}
			return n;
		}

	}

	private static final class CountingOutputStream extends OutputStream {

		private long count;

		@Override
		public void write(int b) {
			this.count++;
		}

		@Override
		public void write(byte[] buffer, int offset, int length) {
			this.count += length;
		}

	}

}
