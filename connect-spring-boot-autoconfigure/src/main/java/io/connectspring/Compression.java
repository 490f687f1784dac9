package io.connectspring;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A compression algorithm for messages, named as in HTTP's {@code Content-Encoding} ({@code gzip}, {@code br},
 * {@code zstd}). {@code identity} and {@code gzip} are built in, and so are {@code br} and {@code zstd} when their
 * libraries are on the class path (Brotli4j with its native artifact, and zstd-jni); declare a bean of this type to add
 * another or to replace a built-in one. The runtime bounds what it reads from {@link #decompress}, so an
 * implementation need not guard against compression bombs itself.
 * <p>
 * Implementations are stateless or thread-safe: one instance serves all calls.
 *
 * @see <a href="https://connectrpc.com/docs/protocol#unary-request">Connect content encodings</a>
 */
public interface Compression {

	/** Returns the name used in {@code Content-Encoding} and {@code Connect-Content-Encoding} headers. */
	String name();

	/** Wraps a stream so that what is written to the result is compressed into {@code target}. */
	OutputStream compress(OutputStream target) throws IOException;

	/** Wraps a stream of compressed bytes so that reading the result yields the original bytes. */
	InputStream decompress(InputStream source) throws IOException;

}
