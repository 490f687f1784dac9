package io.connectspring.internal.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.server.HttpServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real Reactor Netty server (HTTP/1.1 and h2c on one port, as Spring Boot runs it) and a client that breaks the
 * HTTP/2 protocol on its connection: Netty answers with GOAWAY and closes, and the error it then passes down the
 * connection's pipeline reaches the log at DEBUG only when the handlers are installed.
 */
@ExtendWith(OutputCaptureExtension.class)
class Http2ClientErrorsTests {

	/** What Netty's pipeline tail logs at WARN, with a stack trace, for an error nothing handled. */
	private static final String UNHANDLED = "reached at the tail of the pipeline";

	@Test
	void connectionErrorOfAClientIsNotLoggedAsUnhandled(CapturedOutput output) throws IOException {
		breakProtocol(Http2ClientErrors::install);
		assertThat(output.getAll()).doesNotContain(UNHANDLED);
	}

	@Test
	void withoutTheHandlersNettyLogsTheClientsErrorAsUnhandled(CapturedOutput output) throws IOException {
		breakProtocol(UnaryOperator.identity());
		assertThat(output.getAll()).contains(UNHANDLED);
	}

	/**
	 * Sends the h2c preface and a SETTINGS frame of 5 bytes, which RFC 9113 section 6.5 makes a connection error of
	 * type FRAME_SIZE_ERROR, and reads until the server has closed the connection.
	 */
	private static void breakProtocol(UnaryOperator<HttpServer> customizer) throws IOException {
		DisposableServer server = customizer
			.apply(HttpServer.create()
				.host("127.0.0.1")
				.port(0)
				.protocol(HttpProtocol.HTTP11, HttpProtocol.H2C)
				.handle((request, response) -> response.sendString(Mono.just("ok"))))
			.bindNow();
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 10_000);
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
			out.write(new byte[] { 0, 0, 5, 0x4, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5 });
			out.flush();
			InputStream in = socket.getInputStream();
			while (in.read() != -1) {
				// GOAWAY, then the end of the connection: the error has been through the pipeline by then.
			}
		}
		finally {
			server.disposeNow();
		}
	}

}
