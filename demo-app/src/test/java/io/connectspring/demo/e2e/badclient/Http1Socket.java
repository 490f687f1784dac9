package io.connectspring.demo.e2e.badclient;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * An HTTP/1.1 client over a plain {@link Socket} that writes requests byte for byte, so that a test can lie about
 * lengths, stop half-way, send one byte at a time or never read. Reads responses with {@code Content-Length} or
 * chunked bodies (RFC 9112). Not thread-safe.
 */
final class Http1Socket implements Closeable {

	private final Socket socket;

	private final InputStream in;

	private final OutputStream out;

	private Http1Socket(Socket socket) throws IOException {
		this.socket = socket;
		this.in = new BufferedInputStream(socket.getInputStream());
		this.out = socket.getOutputStream();
	}

	/** @param readTimeout how long any read waits before it fails with {@link SocketTimeoutException} */
	static Http1Socket connect(int port, Duration readTimeout) throws IOException {
		Socket socket = new Socket();
		socket.connect(new InetSocketAddress("127.0.0.1", port), (int) readTimeout.toMillis());
		socket.setSoTimeout((int) readTimeout.toMillis());
		socket.setTcpNoDelay(true);
		return new Http1Socket(socket);
	}

	/**
	 * Returns the head of a POST: request line and headers (name-value pairs) with the given {@code Content-Length}
	 * (none when negative), ending with the empty line.
	 */
	static byte[] postHead(String path, String contentType, long contentLength, String... headers) {
		StringBuilder head = new StringBuilder("POST ").append(path)
			.append(" HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: ")
			.append(contentType)
			.append("\r\n");
		if (contentLength >= 0) {
			head.append("Content-Length: ").append(contentLength).append("\r\n");
		}
		for (int i = 0; i < headers.length; i += 2) {
			head.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
		}
		return head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
	}

	/** Returns a whole POST whose {@code Content-Length} is the body's. */
	static byte[] post(String path, String contentType, byte[] body, String... headers) {
		byte[] head = postHead(path, contentType, body.length, headers);
		byte[] request = new byte[head.length + body.length];
		System.arraycopy(head, 0, request, 0, head.length);
		System.arraycopy(body, 0, request, head.length, body.length);
		return request;
	}

	void write(byte[] bytes) throws IOException {
		this.out.write(bytes);
		this.out.flush();
	}

	/** Reads the status line of a response, and nothing more, and returns the status. */
	int readStatus() throws IOException {
		return Integer.parseInt(line().split(" ", 3)[1]);
	}

	/**
	 * Reads one response.
	 * @throws SocketTimeoutException when it does not arrive within the read timeout
	 * @throws EOFException when the server closed the connection first
	 */
	Response read() throws IOException {
		String statusLine = line();
		String[] parts = statusLine.split(" ", 3);
		if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
			throw new IOException("not an HTTP/1.1 status line: " + statusLine);
		}
		int status = Integer.parseInt(parts[1]);
		Map<String, String> headers = fields();
		byte[] body;
		Map<String, String> trailers = Map.of();
		if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
			ByteArrayOutputStream chunks = new ByteArrayOutputStream();
			while (true) {
				String size = line();
				int semicolon = size.indexOf(';');
				int length = Integer.parseInt((semicolon >= 0) ? size.substring(0, semicolon) : size.trim(), 16);
				if (length == 0) {
					trailers = fields();
					break;
				}
				chunks.write(this.in.readNBytes(length));
				line();
			}
			body = chunks.toByteArray();
		}
		else if (headers.containsKey("content-length")) {
			body = this.in.readNBytes(Integer.parseInt(headers.get("content-length")));
		}
		else {
			// No length and not chunked: the body runs to the end of the connection (RFC 9112 section 6.3).
			body = this.in.readAllBytes();
		}
		return new Response(status, headers, body, trailers);
	}

	/** Returns whether the server closes the connection before the read timeout, reading and dropping any bytes. */
	boolean isClosedByServer() {
		try {
			while (this.in.read() != -1) {
				// Drain.
			}
			return true;
		}
		catch (SocketTimeoutException ex) {
			return false;
		}
		catch (IOException ex) {
			return true;
		}
	}

	private Map<String, String> fields() throws IOException {
		Map<String, String> fields = new LinkedHashMap<>();
		for (String line = line(); !line.isEmpty(); line = line()) {
			int colon = line.indexOf(':');
			fields.merge(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim(),
					(a, b) -> a + ", " + b);
		}
		return fields;
	}

	private String line() throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		int b;
		while ((b = this.in.read()) != '\n') {
			if (b == -1) {
				throw new EOFException("connection closed by the server");
			}
			if (b != '\r') {
				line.write(b);
			}
		}
		return line.toString(StandardCharsets.ISO_8859_1);
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

	/** A response: status, headers and trailers with lower-case names, and the de-chunked body. */
	record Response(int status, Map<String, String> headers, byte[] body, Map<String, String> trailers) {

		@Nullable String header(String name) {
			return this.headers.get(name);
		}

		String bodyText() {
			return new String(this.body, StandardCharsets.UTF_8);
		}

	}

}
