package io.connectspring.internal.server;

import io.connectspring.fixtures.ConnectServerExtension;
import io.connectspring.fixtures.EchoService;
import io.connectspring.server.ConnectRouterFunctionBuilder;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import com.google.protobuf.StringValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.web.reactive.function.server.RouterFunctions;
import reactor.netty.DisposableServer;
import reactor.netty.http.Http2SslContextSpec;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.server.HttpServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An HTTP/1.1 client that keeps writing a request the server has already refused (a message over the receive
 * limit), as Go's client does, is never left blocked: the server answers, then reads the rest of the body or closes
 * the connection, and a connection it kept serves the next call; in clear text and over TLS (HTTP/1.1 chosen by ALPN,
 * where the conformance suite once timed out on such a case).
 */
class Http1EarlyResponseTests {

	private static final int LIMIT = 1024;

	/** Far more than the kernel's socket buffers hold, so that a server that stops reading stops the writer. */
	private static final int BODY = 16 * 1024 * 1024;

	private static final int CHUNK = 64 * 1024;

	private static DisposableServer server;

	private static DisposableServer tlsServer;

	@BeforeAll
	static void start() {
		var router = new ConnectRouterFunctionBuilder().maxRequestMessageSize(LIMIT)
			.service("echo", new EchoService())
			.build();
		server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.protocol(HttpProtocol.HTTP11, HttpProtocol.H2C)
			.handle(new ReactorHttpHandlerAdapter(RouterFunctions.toHttpHandler(router)))
			.bindNow();
		tlsServer = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.protocol(HttpProtocol.HTTP11, HttpProtocol.H2)
			.secure((spec) -> spec
				.sslContext(Http2SslContextSpec.forServer(ConnectServerExtension.keyManagerFactory())))
			.handle(new ReactorHttpHandlerAdapter(RouterFunctions.toHttpHandler(router)))
			.bindNow();
	}

	@AfterAll
	static void stop() {
		server.disposeNow();
		tlsServer.disposeNow();
	}

	@ParameterizedTest(name = "{0} {1}, chunked: {2}, TLS: {3}")
	@CsvSource({ "Echo, application/proto, false, false", "Echo, application/proto, true, false",
			"Sum, application/connect+proto, true, false", "Sum, application/connect+proto, false, false",
			"Sum, application/grpc-web+proto, true, false", "Chat, application/connect+proto, true, false",
			"Echo, application/proto, true, true", "Sum, application/connect+proto, true, true",
			"Sum, application/connect+proto, false, true", "Sum, application/grpc-web+proto, true, true",
			"Chat, application/connect+proto, true, true" })
	void aRefusedRequestDoesNotBlockItsWriter(String method, String contentType, boolean chunked, boolean tls)
			throws Exception {
		try (Socket socket = tls ? tlsSocket() : new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", (tls ? tlsServer : server).port()));
			socket.setSoTimeout(30_000);
			OutputStream out = socket.getOutputStream();
			InputStream in = socket.getInputStream();
			for (int round = 0; round < 5; round++) {
				out.write(head(method, contentType, chunked ? -1 : BODY).getBytes(StandardCharsets.US_ASCII));
				out.flush();
				CompletableFuture<Void> written = CompletableFuture
					.runAsync(() -> writeBody(out, contentType, chunked));
				Response refusal = Response.read(in);
				assertThat(refusal.text()).containsAnyOf("resource_exhausted", "grpc-status:8");
				try {
					written.get(30, TimeUnit.SECONDS);
				}
				catch (java.util.concurrent.ExecutionException ex) {
					// The server closed the connection: the response said so.
					assertThat(refusal.closes()).as("closed after %s", refusal).isTrue();
					return;
				}
				if (refusal.closes()) {
					assertThat(in.read()).isEqualTo(-1);
					return;
				}
				byte[] message = StringValue.of("hi").toByteArray();
				out.write(head("Echo", "application/proto", message.length).getBytes(StandardCharsets.US_ASCII));
				out.write(message);
				out.flush();
				Response echo = Response.read(in);
				assertThat(echo.status()).isEqualTo(200);
			}
		}
	}

	/** A TLS socket that trusts the test certificate and offers only HTTP/1.1 with ALPN, as Go's client does. */
	private static Socket tlsSocket() throws Exception {
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(null, ConnectServerExtension.trustManagerFactory().getTrustManagers(), null);
		SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket();
		SSLParameters parameters = socket.getSSLParameters();
		parameters.setApplicationProtocols(new String[] { "http/1.1" });
		socket.setSSLParameters(parameters);
		return socket;
	}

	private static String head(String method, String contentType, long length) {
		return "POST /" + EchoService.NAME + "/" + method + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
				+ contentType + "\r\n"
				+ (length < 0 ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + length + "\r\n")
				+ "\r\n";
	}

	private static void writeBody(OutputStream out, String contentType, boolean chunked) {
		try {
			byte[] chunk = new byte[CHUNK];
			if (!contentType.equals("application/proto")) {
				ByteBuffer.wrap(chunk).put((byte) 0).putInt(BODY - 5);
			}
			for (int sent = 0; sent < BODY; sent += CHUNK) {
				if (chunked) {
					out.write((Integer.toHexString(CHUNK) + "\r\n").getBytes(StandardCharsets.US_ASCII));
				}
				out.write(chunk);
				if (chunked) {
					out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
				}
				java.util.Arrays.fill(chunk, 0, 5, (byte) 0);
			}
			if (chunked) {
				out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
			}
			out.flush();
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	/** A response read off the connection: status, whether it closes the connection, and its body as text. */
	private record Response(int status, boolean closes, String text) {

		static Response read(InputStream in) throws IOException {
			String statusLine = line(in);
			int status = Integer.parseInt(statusLine.split(" ")[1]);
			long length = -1;
			boolean chunked = false;
			boolean closes = false;
			StringBuilder headers = new StringBuilder();
			for (String header = line(in); !header.isEmpty(); header = line(in)) {
				headers.append(header.toLowerCase(Locale.ROOT).replace(" ", "")).append('\n');
				String lower = header.toLowerCase(Locale.ROOT);
				if (lower.startsWith("content-length:")) {
					length = Long.parseLong(lower.substring(15).trim());
				}
				chunked |= lower.startsWith("transfer-encoding:") && lower.contains("chunked");
				closes |= lower.startsWith("connection:") && lower.contains("close");
			}
			ByteArrayOutputStream body = new ByteArrayOutputStream();
			// A trailers-only gRPC-Web error carries its status in the headers.
			body.writeBytes(headers.toString().getBytes(StandardCharsets.ISO_8859_1));
			if (chunked) {
				for (int size = Integer.parseInt(line(in).trim(), 16); size > 0; size = Integer
					.parseInt(line(in).trim(), 16)) {
					body.writeBytes(in.readNBytes(size));
					line(in);
				}
				while (!line(in).isEmpty()) {
					// trailers
				}
			}
			else if (length > 0) {
				body.writeBytes(in.readNBytes((int) length));
			}
			return new Response(status, closes, body.toString(StandardCharsets.ISO_8859_1));
		}

		private static String line(InputStream in) throws IOException {
			StringBuilder line = new StringBuilder();
			for (int c = in.read(); c != '\n'; c = in.read()) {
				if (c < 0) {
					throw new EOFException("connection closed after " + line);
				}
				if (c != '\r') {
					line.append((char) c);
				}
			}
			return line.toString();
		}

	}

}
