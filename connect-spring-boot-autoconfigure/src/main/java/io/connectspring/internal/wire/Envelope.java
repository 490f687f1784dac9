package io.connectspring.internal.wire;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;

/**
 * One enveloped message of a stream: a flags byte, a 4-byte big-endian length, the message bytes.
 *
 * @param flags the flags byte (only the low 8 bits are used)
 * @param data the message bytes, possibly compressed
 * @see <a href="https://connectrpc.com/docs/protocol#streaming-request">Connect envelopes</a>
 */
public record Envelope(int flags, byte[] data) {

	/** The length of the prefix before each message. */
	public static final int PREFIX_LENGTH = 5;

	/** Set when the message is compressed with the stream's negotiated compression. */
	public static final int FLAG_COMPRESSED = 0b0000_0001;

	/** Set on the Connect end-of-stream message. */
	public static final int FLAG_END_STREAM = 0b0000_0010;

	/** Set on gRPC-Web's trailers frame, the last of a response body. */
	public static final int FLAG_WEB_TRAILERS = 0b1000_0000;

	/** Returns whether the given flag bits are set. */
	public boolean has(int flag) {
		return (this.flags & flag) == flag;
	}

	/** Returns an envelope's bytes: prefix and data in one new array. */
	public static byte[] toBytes(int flags, byte[] data) {
		byte[] bytes = new byte[PREFIX_LENGTH + data.length];
		bytes[0] = (byte) flags;
		bytes[1] = (byte) (data.length >>> 24);
		bytes[2] = (byte) (data.length >>> 16);
		bytes[3] = (byte) (data.length >>> 8);
		bytes[4] = (byte) data.length;
		System.arraycopy(data, 0, bytes, PREFIX_LENGTH, data.length);
		return bytes;
	}

	/** Writes an envelope into one new buffer. */
	public static DataBuffer write(DataBufferFactory factory, int flags, byte[] data) {
		return write(factory.allocateBuffer(PREFIX_LENGTH + data.length), flags, data);
	}

	/** Appends an envelope to a buffer, which grows as needed, and returns the buffer. */
	public static DataBuffer write(DataBuffer buffer, int flags, byte[] data) {
		buffer.ensureWritable(PREFIX_LENGTH + data.length);
		buffer.write((byte) flags);
		buffer.write((byte) (data.length >>> 24));
		buffer.write((byte) (data.length >>> 16));
		buffer.write((byte) (data.length >>> 8));
		buffer.write((byte) data.length);
		buffer.write(data);
		return buffer;
	}

}
