package io.connectspring.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Envelopes written by hand for the bare servers and the load generators, independent of the starter's own code so
 * that the baselines owe it nothing: a flags byte, a 4-byte big-endian length, the message. Connect streams and gRPC
 * share the format.
 */
public final class Frames {

	/** The length of the prefix. */
	public static final int PREFIX = 5;

	/** The flags of Connect's end-of-stream message. */
	public static final int END_STREAM = 0b10;

	/** An empty end-of-stream message: a JSON object without error or metadata, as the Connect spec allows. */
	public static final byte[] CONNECT_END_OK = envelope(END_STREAM, "{}".getBytes(StandardCharsets.UTF_8));

	private Frames() {
	}

	/** Returns the enveloped message. */
	public static byte[] envelope(int flags, byte[] message) {
		byte[] out = new byte[PREFIX + message.length];
		out[0] = (byte) flags;
		out[1] = (byte) (message.length >>> 24);
		out[2] = (byte) (message.length >>> 16);
		out[3] = (byte) (message.length >>> 8);
		out[4] = (byte) message.length;
		System.arraycopy(message, 0, out, PREFIX, message.length);
		return out;
	}

	/**
	 * Returns the message of a body that holds exactly one envelope.
	 * @throws IllegalArgumentException if the body is not one whole envelope
	 */
	public static byte[] single(byte[] body) {
		if (body.length < PREFIX) {
			throw new IllegalArgumentException("body shorter than an envelope prefix");
		}
		int length = ((body[1] & 0xFF) << 24) | ((body[2] & 0xFF) << 16) | ((body[3] & 0xFF) << 8) | (body[4] & 0xFF);
		if (length != body.length - PREFIX) {
			throw new IllegalArgumentException("body is not one envelope");
		}
		return Arrays.copyOfRange(body, PREFIX, body.length);
	}

}
