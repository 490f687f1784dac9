package io.connectspring.examples.http2;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The HTTP/2 settings a server announces, read from the wire: the {@code SETTINGS} frame it sends first on an h2c
 * connection (prior knowledge). A setting it leaves out has the protocol's initial value, which the accessors return.
 *
 * @param announced the settings the frame carried, by identifier, in order
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9113#section-6.5.2">RFC 9113, defined settings</a>
 */
record ServerSettings(Map<Integer, Long> announced) {

	static final int HEADER_TABLE_SIZE = 0x1;

	static final int MAX_CONCURRENT_STREAMS = 0x3;

	static final int INITIAL_WINDOW_SIZE = 0x4;

	static final int MAX_FRAME_SIZE = 0x5;

	static final int MAX_HEADER_LIST_SIZE = 0x6;

	private static final int SETTINGS = 0x4;

	private static final int ACK = 0x1;

	/** Connects to the port, sends the client preface, and reads frames until the server's first settings. */
	static ServerSettings read(int port) throws IOException {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
			socket.setSoTimeout(5_000);
			OutputStream out = socket.getOutputStream();
			out.write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
			// An empty SETTINGS frame: the client keeps every initial value.
			out.write(new byte[] { 0, 0, 0, SETTINGS, 0, 0, 0, 0, 0 });
			out.flush();
			DataInputStream in = new DataInputStream(socket.getInputStream());
			for (;;) {
				int length = (in.readUnsignedByte() << 16) | in.readUnsignedShort();
				int type = in.readUnsignedByte();
				int flags = in.readUnsignedByte();
				in.readInt();
				byte[] payload = in.readNBytes(length);
				if (type == SETTINGS && (flags & ACK) == 0) {
					Map<Integer, Long> settings = new LinkedHashMap<>();
					for (int i = 0; i + 6 <= payload.length; i += 6) {
						int id = ((payload[i] & 0xFF) << 8) | (payload[i + 1] & 0xFF);
						long value = ((payload[i + 2] & 0xFFL) << 24) | ((payload[i + 3] & 0xFFL) << 16)
								| ((payload[i + 4] & 0xFFL) << 8) | (payload[i + 5] & 0xFFL);
						settings.put(id, value);
					}
					return new ServerSettings(settings);
				}
			}
		}
	}

	/** {@code SETTINGS_MAX_CONCURRENT_STREAMS}; initially unlimited, returned as {@code Long.MAX_VALUE}. */
	long maxConcurrentStreams() {
		return this.announced.getOrDefault(MAX_CONCURRENT_STREAMS, Long.MAX_VALUE);
	}

	/** {@code SETTINGS_INITIAL_WINDOW_SIZE}; initially 65,535. */
	long initialWindowSize() {
		return this.announced.getOrDefault(INITIAL_WINDOW_SIZE, 65_535L);
	}

	/** {@code SETTINGS_MAX_FRAME_SIZE}; initially 16,384. */
	long maxFrameSize() {
		return this.announced.getOrDefault(MAX_FRAME_SIZE, 16_384L);
	}

	/** {@code SETTINGS_MAX_HEADER_LIST_SIZE}; initially unlimited, returned as {@code Long.MAX_VALUE}. */
	long maxHeaderListSize() {
		return this.announced.getOrDefault(MAX_HEADER_LIST_SIZE, Long.MAX_VALUE);
	}

	/** {@code SETTINGS_HEADER_TABLE_SIZE}; initially 4,096. */
	long headerTableSize() {
		return this.announced.getOrDefault(HEADER_TABLE_SIZE, 4_096L);
	}

}
