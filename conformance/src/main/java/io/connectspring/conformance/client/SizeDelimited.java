package io.connectspring.conformance.client;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import org.jspecify.annotations.Nullable;

/**
 * The runner's framing of standard input and output: each message is preceded by its length as a 4-byte big-endian
 * unsigned integer.
 */
final class SizeDelimited {

	private SizeDelimited() {
	}

	/**
	 * Reads the next message, or returns {@code null} at the end of the input.
	 * @throws EOFException when the input ends inside a message
	 */
	static <T extends Message> @Nullable T read(InputStream input, Parser<T> parser) throws IOException {
		DataInputStream data = new DataInputStream(input);
		int first = data.read();
		if (first < 0) {
			return null;
		}
		byte[] rest = new byte[3];
		data.readFully(rest);
		long length = ((long) first << 24) | ((rest[0] & 0xFFL) << 16) | ((rest[1] & 0xFFL) << 8) | (rest[2] & 0xFFL);
		if (length > Integer.MAX_VALUE - 8) {
			throw new IOException("message of " + length + " bytes is too large");
		}
		byte[] body = new byte[(int) length];
		data.readFully(body);
		return parser.parseFrom(body);
	}

	/** Writes one message and flushes. Not thread-safe: callers writing from many threads serialise the calls. */
	static void write(OutputStream output, Message message) throws IOException {
		byte[] body = message.toByteArray();
		int length = body.length;
		output.write(new byte[] { (byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8),
				(byte) length });
		output.write(body);
		output.flush();
	}

}
