package io.connectspring.demo;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Envelope framing for tests that speak the Connect streaming protocol byte by byte. */
final class GreetServiceTestSupport {

	private GreetServiceTestSupport() {
	}

	static byte[] envelope(String json) {
		byte[] data = json.getBytes(StandardCharsets.UTF_8);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes(ByteBuffer.allocate(5).put((byte) 0).putInt(data.length).array());
		out.writeBytes(data);
		return out.toByteArray();
	}

	static List<String> messages(byte[] body) {
		List<String> messages = new ArrayList<>();
		ByteBuffer buffer = ByteBuffer.wrap(body);
		while (buffer.remaining() >= 5) {
			int flags = buffer.get();
			byte[] data = new byte[buffer.getInt()];
			buffer.get(data);
			messages.add(flags + " " + new String(data, StandardCharsets.UTF_8));
		}
		return messages;
	}

}
