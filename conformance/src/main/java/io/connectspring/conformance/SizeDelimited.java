package io.connectspring.conformance;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import org.jspecify.annotations.Nullable;

/**
 * The runner's framing on standard input and output: each message is preceded by its size, a 32-bit big-endian
 * unsigned integer.
 */
public final class SizeDelimited {

	private SizeDelimited() {
	}

	/**
	 * Reads one message, or returns {@code null} at the end of the input before a message starts.
	 * @throws EOFException when the input ends inside a message
	 */
	public static <T extends Message> @Nullable T read(InputStream in, Parser<T> parser) throws IOException {
		DataInputStream data = new DataInputStream(in);
		int first = data.read();
		if (first < 0) {
			return null;
		}
		byte[] rest = data.readNBytes(3);
		if (rest.length < 3) {
			throw new EOFException("the input ended inside a size prefix");
		}
		long size = ((long) first << 24) | ((rest[0] & 0xFFL) << 16) | ((rest[1] & 0xFFL) << 8) | (rest[2] & 0xFFL);
		if (size > Integer.MAX_VALUE) {
			throw new IOException("message of " + size + " bytes is too large");
		}
		byte[] bytes = data.readNBytes((int) size);
		if (bytes.length < size) {
			throw new EOFException("the input ended after " + bytes.length + " of " + size + " bytes");
		}
		return parser.parseFrom(bytes);
	}

	/** Writes one message with its size and flushes; callers serialise concurrent writes. */
	public static void write(OutputStream out, Message message) throws IOException {
		byte[] bytes = message.toByteArray();
		int size = bytes.length;
		out.write(new byte[] { (byte) (size >>> 24), (byte) (size >>> 16), (byte) (size >>> 8), (byte) size });
		out.write(bytes);
		out.flush();
	}

}
