package io.connectspring.internal.wire;

import io.connectspring.Compression;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.decoder.BrotliInputStream;
import com.aayushatharva.brotli4j.encoder.BrotliOutputStream;
import com.aayushatharva.brotli4j.encoder.Encoder;

/**
 * {@code br}: Brotli (RFC 7932) through Brotli4j, the binding of Google's C library that Netty's Brotli codec uses.
 * Both directions stream through the library's 16 KiB buffers. Thread-safe: each call gets its own encoder or decoder.
 * <p>
 * This class links against Brotli4j: load it only once {@link BuiltInCompressions} has found Brotli4j on the class
 * path.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7932">RFC 7932: Brotli Compressed Data Format</a>
 */
public final class BrotliCompression implements Compression {

	/** The name in content-encoding headers, as registered with IANA. */
	public static final String NAME = "br";

	// Quality 4 of 0 to 11, as Netty's Brotli encoder defaults to: most of Brotli's gain for a fraction of the CPU time
	// of the library's own default, 11, which suits static files compressed once rather than messages.
	private static final int QUALITY = 4;

	/**
	 * Loads Brotli4j's native library if that has not happened yet.
	 * @throws UnsatisfiedLinkError if there is no native library for this platform or it does not load
	 */
	public BrotliCompression() {
		Brotli4jLoader.ensureAvailability();
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public OutputStream compress(OutputStream target) throws IOException {
		return new BrotliOutputStream(target, new Encoder.Parameters().setQuality(QUALITY));
	}

	@Override
	public InputStream decompress(InputStream source) throws IOException {
		return new BrotliInputStream(source);
	}

}
