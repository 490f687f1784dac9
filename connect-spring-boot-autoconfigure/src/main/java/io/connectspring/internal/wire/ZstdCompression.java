package io.connectspring.internal.wire;

import io.connectspring.Compression;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import com.github.luben.zstd.RecyclingBufferPool;
import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;
import com.github.luben.zstd.util.Native;

/**
 * {@code zstd}: Zstandard (RFC 8878) through zstd-jni, the binding of Facebook's C library that Netty's Zstd codec
 * uses. Both directions stream; their buffers come from zstd-jni's shared pool and go back to it when the stream is
 * closed, which also frees the native context (the runtime closes every stream it opens). Thread-safe: each call gets
 * its own context.
 * <p>
 * This class links against zstd-jni: load it only once {@link BuiltInCompressions} has found zstd-jni on the class
 * path.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8878">RFC 8878: Zstandard Compression</a>
 */
public final class ZstdCompression implements Compression {

	/** The name in content-encoding headers, as registered with IANA. */
	public static final String NAME = "zstd";

	// Level 3, zstd's own default and Netty's.
	private static final int LEVEL = 3;

	/**
	 * Loads zstd-jni's native library if that has not happened yet.
	 * @throws UnsatisfiedLinkError if there is no native library for this platform or it does not load
	 */
	public ZstdCompression() {
		Native.load();
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public OutputStream compress(OutputStream target) throws IOException {
		return new ZstdOutputStreamNoFinalizer(target, RecyclingBufferPool.INSTANCE, LEVEL);
	}

	@Override
	public InputStream decompress(InputStream source) throws IOException {
		return new ZstdInputStreamNoFinalizer(source, RecyclingBufferPool.INSTANCE);
	}

}
