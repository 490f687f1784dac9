package io.connectspring.demo.e2e.badclient;

import java.io.IOException;
import java.time.Duration;

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

}
