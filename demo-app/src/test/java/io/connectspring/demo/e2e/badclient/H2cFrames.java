package io.connectspring.demo.e2e.badclient;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersDecoder;
import io.netty.handler.codec.http2.DefaultHttp2HeadersEncoder;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2Headers;
import org.jspecify.annotations.Nullable;

/**
 * An HTTP/2 cleartext client (prior knowledge) that writes frames by hand over a plain {@link Socket}, so that a test
 * can send what no well-behaved client library would: frames out of order, resets by the thousand, streams it never
 * reads, header blocks that never end. Frame layout is RFC 9113 section 4.1; header blocks are HPACK-encoded and
 * decoded with Netty's codec. Not thread-safe: one test thread drives it.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9113">RFC 9113 (HTTP/2)</a>
 */
final class H2cFrames implements Closeable {

	static final int DATA = 0x0;

	static final int HEADERS = 0x1;

	static final int RST_STREAM = 0x3;

	static final int SETTINGS = 0x4;

	static final int PING = 0x6;

	static final int GOAWAY = 0x7;

	static final int WINDOW_UPDATE = 0x8;

	static final int CONTINUATION = 0x9;

	static final int END_STREAM = 0x1;

	static final int ACK = 0x1;

	static final int END_HEADERS = 0x4;

	/** {@code CANCEL}, the error code a client resets a stream with when it no longer wants the answer. */
	static final long CANCEL = 0x8;

	/** {@code ENHANCE_YOUR_CALM}: the peer is generating excessive load. */
	static final long ENHANCE_YOUR_CALM = 0xb;

	/** SETTINGS_INITIAL_WINDOW_SIZE. */
	static final int INITIAL_WINDOW_SIZE = 0x4;

	private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

	/** SETTINGS_MAX_FRAME_SIZE's initial value, the largest frame a peer accepts before it says otherwise. */
	private static final int MAX_FRAME_SIZE = 16_384;

	private final Socket socket;

	private final DataInputStream in;

	private final OutputStream out;

	private final DefaultHttp2HeadersEncoder encoder = new DefaultHttp2HeadersEncoder();

	private final DefaultHttp2HeadersDecoder decoder = new DefaultHttp2HeadersDecoder(false);

	private final Map<Integer, Response.Builder> responses = new HashMap<>();

	private @Nullable Frame goAway;

	private final Map<Integer, Long> serverSettings = new HashMap<>();

	private boolean settingsReceived;

	private H2cFrames(Socket socket) throws IOException {
		this.socket = socket;
		this.in = new DataInputStream(socket.getInputStream());
		this.out = socket.getOutputStream();
	}

	/**
	 * Connects, sends the connection preface and the client's SETTINGS (the given ones, as id-value pairs).
	 * @param readTimeout how long any read waits before it fails with {@link SocketTimeoutException}
	 */
	static H2cFrames connect(int port, Duration readTimeout, int... settings) throws IOException {
		Socket socket = new Socket();
		socket.connect(new InetSocketAddress("127.0.0.1", port), (int) readTimeout.toMillis());
		socket.setSoTimeout((int) readTimeout.toMillis());
		socket.setTcpNoDelay(true);
		H2cFrames frames = new H2cFrames(socket);
		frames.out.write(PREFACE);
		ByteBuffer payload = ByteBuffer.allocate(settings.length * 3);
		for (int i = 0; i < settings.length; i += 2) {
			payload.putShort((short) settings[i]).putInt(settings[i + 1]);
		}
		frames.frame(SETTINGS, 0, 0, Arrays.copyOf(payload.array(), payload.position()));
		frames.out.flush();
		return frames;
	}

	/** Returns request headers for a POST to the path, with the given extra headers as name-value pairs. */
	static Http2Headers post(String path, String contentType, String... headers) {
		Http2Headers result = new DefaultHttp2Headers(false).method("POST")
			.scheme("http")
			.authority("127.0.0.1")
			.path(path)
			.add("content-type", contentType);
		for (int i = 0; i < headers.length; i += 2) {
			result.add(headers[i], headers[i + 1]);
		}
		return result;
	}

	/** Sends a header block, split into HEADERS and CONTINUATION frames at the default maximum frame size. */
	void headers(int streamId, Http2Headers headers, boolean endStream) throws IOException {
		byte[] block = encode(streamId, headers);
		int first = Math.min(block.length, MAX_FRAME_SIZE);
		int flags = (endStream ? END_STREAM : 0) | ((first == block.length) ? END_HEADERS : 0);
		frame(HEADERS, flags, streamId, Arrays.copyOfRange(block, 0, first));
		for (int offset = first; offset < block.length; offset += MAX_FRAME_SIZE) {
			int end = Math.min(block.length, offset + MAX_FRAME_SIZE);
			frame(CONTINUATION, (end == block.length) ? END_HEADERS : 0, streamId,
					Arrays.copyOfRange(block, offset, end));
		}
		this.out.flush();
	}

	/** Returns the HPACK encoding of the headers, with this connection's encoder state. */
	byte[] encode(int streamId, Http2Headers headers) {
		ByteBuf buffer = Unpooled.buffer();
		try {
			this.encoder.encodeHeaders(streamId, headers, buffer);
			return ByteBufUtil.getBytes(buffer);
		}
		catch (Http2Exception ex) {
			throw new IllegalArgumentException(ex);
		}
		finally {
			buffer.release();
		}
	}

	/** Sends DATA frames with the bytes, split at the default maximum frame size. */
	void data(int streamId, byte[] bytes, boolean endStream) throws IOException {
		int offset = 0;
		do {
			int end = Math.min(bytes.length, offset + MAX_FRAME_SIZE);
			frame(DATA, (endStream && end == bytes.length) ? END_STREAM : 0, streamId,
					Arrays.copyOfRange(bytes, offset, end));
			offset = end;
		}
		while (offset < bytes.length);
		this.out.flush();
	}

	void rstStream(int streamId, long errorCode) throws IOException {
		frame(RST_STREAM, 0, streamId, ByteBuffer.allocate(4).putInt((int) errorCode).array());
	}

	void windowUpdate(int streamId, int increment) throws IOException {
		frame(WINDOW_UPDATE, 0, streamId, ByteBuffer.allocate(4).putInt(increment).array());
		this.out.flush();
	}

	/** Writes one frame without flushing (see {@link #flush()}), for floods that should leave in few packets. */
	void frame(int type, int flags, int streamId, byte[] payload) throws IOException {
		byte[] header = new byte[9];
		header[0] = (byte) (payload.length >>> 16);
		header[1] = (byte) (payload.length >>> 8);
		header[2] = (byte) payload.length;
		header[3] = (byte) type;
		header[4] = (byte) flags;
		ByteBuffer.wrap(header, 5, 4).putInt(streamId & 0x7fffffff);
		this.out.write(header);
		this.out.write(payload);
	}

	/** Writes raw bytes as they are: part of a frame, or anything else. */
	void raw(byte[] bytes) throws IOException {
		this.out.write(bytes);
		this.out.flush();
	}

	void flush() throws IOException {
		this.out.flush();
	}

	/**
	 * Reads the next frame. SETTINGS are acknowledged and PINGs answered as a client must; header blocks are decoded
	 * and, with DATA and RST_STREAM, recorded for {@link #response(int)}.
	 * @throws SocketTimeoutException when no frame arrives within the read timeout
	 * @throws EOFException when the server closed the connection
	 */
	Frame read() throws IOException {
		byte[] header = new byte[9];
		this.in.readFully(header);
		int length = ((header[0] & 0xff) << 16) | ((header[1] & 0xff) << 8) | (header[2] & 0xff);
		int type = header[3] & 0xff;
		int flags = header[4] & 0xff;
		int streamId = ByteBuffer.wrap(header, 5, 4).getInt() & 0x7fffffff;
		byte[] payload = new byte[length];
		this.in.readFully(payload);
		Frame frame = new Frame(type, flags, streamId, payload);
		record(frame);
		return frame;
	}

	private void record(Frame frame) throws IOException {
		switch (frame.type()) {
			case SETTINGS -> {
				if ((frame.flags() & ACK) == 0) {
					ByteBuffer settings = ByteBuffer.wrap(frame.payload());
					while (settings.remaining() >= 6) {
						this.serverSettings.put(settings.getShort() & 0xffff, settings.getInt() & 0xffffffffL);
					}
					this.settingsReceived = true;
					frame(SETTINGS, ACK, 0, new byte[0]);
					this.out.flush();
				}
			}
			case PING -> {
				if ((frame.flags() & ACK) == 0) {
					frame(PING, ACK, 0, frame.payload());
					this.out.flush();
				}
			}
			case HEADERS, CONTINUATION -> builder(frame.streamId()).headerFragment(frame);
			case DATA -> builder(frame.streamId()).data(frame);
			case RST_STREAM -> builder(frame.streamId()).reset(ByteBuffer.wrap(frame.payload()).getInt() & 0xffffffffL);
			case GOAWAY -> this.goAway = frame;
			default -> {
			}
		}
		Response.Builder builder = this.responses.get(frame.streamId());
		if (builder != null && builder.pendingBlock != null && (frame.flags() & END_HEADERS) != 0
				&& (frame.type() == HEADERS || frame.type() == CONTINUATION)) {
			builder.decodeBlock(frame.streamId(), this.decoder);
		}
	}

	private Response.Builder builder(int streamId) {
		return this.responses.computeIfAbsent(streamId, (id) -> new Response.Builder());
	}

	/**
	 * Reads frames until the stream has ended (END_STREAM or RST_STREAM) or the server sent GOAWAY, and returns what
	 * arrived on it.
	 * @throws SocketTimeoutException when the stream does not end within the read timeout of a read
	 */
	Response response(int streamId) throws IOException {
		while (true) {
			Response.Builder builder = this.responses.get(streamId);
			if (builder != null && builder.ended) {
				return builder.build();
			}
			if (this.goAway != null) {
				return (builder != null) ? builder.build() : new Response.Builder().build();
			}
			read();
		}
	}

	/** Reads frames until the server sends GOAWAY or closes the connection, and returns the GOAWAY's error code. */
	@Nullable Long awaitGoAway() throws IOException {
		try {
			while (this.goAway == null) {
				read();
			}
		}
		catch (EOFException | java.net.SocketException ex) {
			// Closed, perhaps without GOAWAY reaching us.
		}
		return (this.goAway != null) ? ByteBuffer.wrap(this.goAway.payload(), 4, 4).getInt() & 0xffffffffL : null;
	}

	/** Returns the GOAWAY frame the server sent, if one was read. */
	@Nullable Frame goAway() {
		return this.goAway;
	}

	/**
	 * Reads frames until the server's SETTINGS have arrived (and been acknowledged), so that a test can then write
	 * from another thread without this client writing an acknowledgement at the same time.
	 */
	void awaitServerSettings() throws IOException {
		while (!this.settingsReceived) {
			read();
		}
	}

	/** Returns the value of a setting the server sent, or {@code null}. */
	@Nullable Long serverSetting(int id) {
		return this.serverSettings.get(id);
	}

	/** Returns whether the server has closed the connection: a read ends at end of stream before the timeout. */
	boolean isClosedByServer() {
		try {
			while (true) {
				read();
			}
		}
		catch (SocketTimeoutException ex) {
			return false;
		}
		catch (IOException ex) {
			return true;
		}
	}

	/** Closes the connection with a TCP reset (RST) instead of an orderly close, as a crashed client's host does. */
	void reset() throws IOException {
		this.socket.setSoLinger(true, 0);
		this.socket.close();
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

	/** One frame as read. */
	record Frame(int type, int flags, int streamId, byte[] payload) {

	}

	/**
	 * What arrived on one stream: the response headers, the DATA bytes, the trailers, and the RST_STREAM error code if
	 * the server reset it.
	 */
	record Response(@Nullable Http2Headers headers, byte[] body, @Nullable Http2Headers trailers,
			@Nullable Long resetCode) {

		/** Returns the {@code :status}, or -1 when no headers arrived. */
		int status() {
			return (this.headers != null && this.headers.status() != null)
					? Integer.parseInt(this.headers.status().toString()) : -1;
		}

		/** Returns a header, looked up in the headers and then in the trailers. */
		@Nullable String header(String name) {
			CharSequence value = (this.headers != null) ? this.headers.get(name) : null;
			if (value == null && this.trailers != null) {
				value = this.trailers.get(name);
			}
			return (value != null) ? value.toString() : null;
		}

		String bodyText() {
			return new String(this.body, StandardCharsets.UTF_8);
		}

		private static final class Builder {

			private @Nullable ByteArrayOutputStream pendingBlock;

			private boolean pendingEndStream;

			private final List<Http2Headers> blocks = new ArrayList<>();

			private final ByteArrayOutputStream body = new ByteArrayOutputStream();

			private @Nullable Long resetCode;

			private boolean ended;

			void headerFragment(Frame frame) {
				if (frame.type() == HEADERS) {
					this.pendingBlock = new ByteArrayOutputStream();
					this.pendingEndStream = (frame.flags() & END_STREAM) != 0;
				}
				if (this.pendingBlock != null) {
					this.pendingBlock.writeBytes(frame.payload());
				}
			}

			void decodeBlock(int streamId, DefaultHttp2HeadersDecoder decoder) {
				ByteBuf block = Unpooled.wrappedBuffer(this.pendingBlock.toByteArray());
				try {
					this.blocks.add(decoder.decodeHeaders(streamId, block));
				}
				catch (Http2Exception ex) {
					throw new IllegalStateException(ex);
				}
				finally {
					block.release();
				}
				this.pendingBlock = null;
				this.ended |= this.pendingEndStream;
			}

			void data(Frame frame) {
				this.body.writeBytes(frame.payload());
				this.ended |= (frame.flags() & END_STREAM) != 0;
			}

			void reset(long code) {
				this.resetCode = code;
				this.ended = true;
			}

			Response build() {
				Http2Headers headers = this.blocks.isEmpty() ? null : this.blocks.get(0);
				Http2Headers trailers = (this.blocks.size() > 1) ? this.blocks.get(this.blocks.size() - 1) : null;
				return new Response(headers, this.body.toByteArray(), trailers, this.resetCode);
			}

		}

	}

}
