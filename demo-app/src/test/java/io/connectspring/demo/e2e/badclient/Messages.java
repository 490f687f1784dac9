package io.connectspring.demo.e2e.badclient;

import io.connectspring.demo.greet.v1.GreetRequest;
import io.connectspring.demo.greet.v1.GreetStreamRequest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

/** Request bodies, honest and otherwise, for {@code greet.v1.GreetService}. */
final class Messages {

	/** The envelope flag of a compressed message. */
	static final int COMPRESSED = 0x01;

	private Messages() {
	}

	/** Returns {@code GreetRequest{name}} in the protobuf binary format. */
	static byte[] greet(String name) {
		return GreetRequest.newBuilder().setName(name).build().toByteArray();
	}

	/** Returns {@code GreetStreamRequest{name, count}} in the protobuf binary format. */
	static byte[] greetStream(String name, int count) {
		return GreetStreamRequest.newBuilder().setName(name).setCount(count).build().toByteArray();
	}

	/** Returns the message in an envelope whose length prefix is the message's true length. */
	static byte[] envelope(int flags, byte[] message) {
		return envelope(flags, message.length, message);
	}

	/** Returns the message in an envelope whose length prefix says {@code declared}, whatever the message's length. */
	static byte[] envelope(int flags, int declared, byte[] message) {
		return ByteBuffer.allocate(5 + message.length).put((byte) flags).putInt(declared).put(message).array();
	}

	static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Returns a gzip bomb: a {@code GreetRequest} whose name is {@code size} bytes of one letter, gzipped. It
	 * compresses about a thousandfold, so a message far over the server's limit arrives well under it.
	 */
	static byte[] gzipBomb(int size) {
		ByteArrayOutputStream compressed = new ByteArrayOutputStream();
		try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
			// Field 1 (name), wire type 2: the tag, then the length as a varint, then the bytes.
			ByteArrayOutputStream prefix = new ByteArrayOutputStream();
			prefix.write(0x0a);
			for (int value = size; ; value >>>= 7) {
				if ((value & ~0x7f) == 0) {
					prefix.write(value);
					break;
				}
				prefix.write((value & 0x7f) | 0x80);
			}
			gzip.write(prefix.toByteArray());
			byte[] chunk = new byte[64 * 1024];
			Arrays.fill(chunk, (byte) 'a');
			for (int written = 0; written < size; written += chunk.length) {
				gzip.write(chunk, 0, Math.min(chunk.length, size - written));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return compressed.toByteArray();
	}

	/** Returns the parts one after the other. */
	static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream result = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			result.writeBytes(part);
		}
		return result.toByteArray();
	}

}
