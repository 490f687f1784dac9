package io.connectspring.demo.e2e.badclient;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;

/**
 * The two transports on the demo's one port. {@link #call} sends one whole request on a fresh connection, byte for
 * byte as given (whatever its headers claim), and reads the answer within the timeout.
 */
enum Transport {

	/** HTTP/1.1, the body sent with a {@code Content-Length} of its true size. */
	HTTP_1_1 {
		@Override
		Answer call(int port, Duration timeout, String path, String contentType, byte[] body, String... headers)
				throws IOException {
			try (Http1Socket socket = Http1Socket.connect(port, timeout)) {
				socket.write(Http1Socket.post(path, contentType, body, headers));
				return Answer.of(socket.read());
			}
		}
	},

	/** HTTP/2 cleartext with prior knowledge: HEADERS, then the body as DATA with END_STREAM, on stream 1. */
	H2C {
		@Override
		Answer call(int port, Duration timeout, String path, String contentType, byte[] body, String... headers)
				throws IOException {
			try (H2cFrames frames = H2cFrames.connect(port, timeout)) {
				frames.headers(1, H2cFrames.post(path, contentType, headers), false);
				frames.data(1, body, true);
				return Answer.of(frames.response(1));
			}
		}
	};

	abstract Answer call(int port, Duration timeout, String path, String contentType, byte[] body, String... headers)
			throws IOException;

	/**
	 * Sends the request head and the first part of the body, then nothing more, and reads the answer. Over HTTP/1.1
	 * the head declares {@code contentLength} (chunked when negative); over h2c the stream is left open.
	 */
	Answer stall(int port, Duration timeout, String path, String contentType, long contentLength, byte[] part,
			String... headers) throws IOException {
		if (this == HTTP_1_1) {
			try (Http1Socket socket = Http1Socket.connect(port, timeout)) {
				if (contentLength >= 0) {
					socket.write(Http1Socket.postHead(path, contentType, contentLength, headers));
					socket.write(part);
				}
				else {
					String[] chunked = Arrays.copyOf(headers, headers.length + 2);
					chunked[headers.length] = "transfer-encoding";
					chunked[headers.length + 1] = "chunked";
					socket.write(Http1Socket.postHead(path, contentType, -1, chunked));
					socket.write(Messages.concat(Messages.utf8(Integer.toHexString(part.length) + "\r\n"), part,
							Messages.utf8("\r\n")));
				}
				return Answer.of(socket.read());
			}
		}
		try (H2cFrames frames = H2cFrames.connect(port, timeout)) {
			frames.headers(1, H2cFrames.post(path, contentType, headers), false);
			frames.data(1, part, false);
			return Answer.of(frames.response(1));
		}
	}

}
