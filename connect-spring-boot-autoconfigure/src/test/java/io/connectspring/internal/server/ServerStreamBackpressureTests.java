package io.connectspring.internal.server;

import io.connectspring.fixtures.Envelopes;
import io.connectspring.fixtures.FloodService;
import io.connectspring.fixtures.StalledH2cReader;
import io.connectspring.server.ConnectRouterFunctionBuilder;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.google.protobuf.BytesValue;
import com.google.protobuf.ByteString;
import com.google.protobuf.Int32Value;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http2.Http2CodecUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.web.reactive.function.server.RouterFunctions;
import reactor.netty.DisposableServer;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.server.HttpServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A server stream whose reader stops reading holds a bounded number of bytes on the server, whatever the service
 * would produce: HTTP/2 flow control (or TCP's window, over HTTP/1.1) stops the writes, the writer stops asking the
 * {@link EnvelopeBatcher} for batches, the batcher stops asking the service for messages. The service
 * ({@link FloodService}) emits as fast as demand allows and counts what it produced; the server counts the body bytes
 * it handed to the network. What it produced and did not hand on is what the stream holds: the batch being written,
 * the batcher's read-ahead and, for a blocking service, the message its stream's iterator holds.
 */
class ServerStreamBackpressureTests {

	private static final FloodService flood = new FloodService();

	/** Body bytes the server handed to the network on the newest connection (an h2c stream counts as one). */
	private static volatile AtomicLong handedOn = new AtomicLong();

	private static DisposableServer server;

	@BeforeAll
	static void start() {
		var router = new ConnectRouterFunctionBuilder().service("flood", flood).build();
		server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.protocol(HttpProtocol.HTTP11, HttpProtocol.H2C)
			.doOnConnection((connection) -> {
				AtomicLong counter = new AtomicLong();
				handedOn = counter;
				// After the HTTP codec: body bytes only (no chunk or frame headers), counted once written.
				connection.addHandlerFirst("test.handedOn", new BodyBytesWritten(counter));
			})
			.handle(new ReactorHttpHandlerAdapter(RouterFunctions.toHttpHandler(router)))
			.bindNow();
	}

	@AfterAll
	static void stop() {
		server.disposeNow();
	}

	@BeforeEach
	void reset() {
		flood.reset();
	}

	@ParameterizedTest(name = "{0} {1}, {2}-byte messages")
	@CsvSource({ "Flood, connect, 1024", "BlockingFlood, connect, 1024", "Flood, grpc, 1024",
			"BlockingFlood, grpc, 1024", "Flood, connect, 1048576", "BlockingFlood, grpc, 1048576" })
	void aStalledH2cStreamHoldsABoundedNumberOfBytes(String method, String protocol, int size) throws Exception {
		Map<String, String> headers = protocol.equals("grpc")
				? Map.of("content-type", "application/grpc", "te", "trailers")
				: Map.of("content-type", "application/connect+proto");
		try (StalledH2cReader reader = StalledH2cReader.post(server.port(), "/" + FloodService.NAME + "/" + method,
				headers, request(size))) {
			awaitProductionStopped();
			// The server filled the stream's flow-control window, and went no further.
			assertThat(reader.receivedBytes()).isEqualTo(Http2CodecUtil.DEFAULT_WINDOW_SIZE);
			assertThat(flood.bytes() - handedOn.get()).as("bytes held for the stalled stream")
				.isLessThanOrEqualTo(bound(size, method.startsWith("Blocking")));
		}
		assertThat(flood.ended().await(10, TimeUnit.SECONDS)).as("the stream was cancelled").isTrue();
	}

	@ParameterizedTest(name = "{0}, {1}-byte messages")
	@CsvSource({ "Flood, 1024", "BlockingFlood, 1024", "Flood, 1048576" })
	void aStalledHttp1StreamHoldsABoundedNumberOfBytes(String method, int size) throws Exception {
		byte[] body = request(size);
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", server.port()));
			OutputStream out = socket.getOutputStream();
			out.write(("POST /" + FloodService.NAME + "/" + method + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
					+ "Content-Type: application/connect+proto\r\nContent-Length: " + body.length + "\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.write(body);
			out.flush();
			readStatusLine(socket.getInputStream());
			// Then nothing more is read: the kernel's buffers fill, and the server's writes wait.
			awaitProductionStopped();
			assertThat(flood.bytes() - handedOn.get()).as("bytes held for the stalled stream")
				.isLessThanOrEqualTo(bound(size, method.startsWith("Blocking")));
		}
		assertThat(flood.ended().await(10, TimeUnit.SECONDS)).as("the stream was cancelled").isTrue();
	}

	/** Waits until the service has produced something, then nothing more for a second. */
	private static void awaitProductionStopped() {
		await().atMost(Duration.ofSeconds(10)).until(() -> flood.messages() > 0);
		AtomicLong last = new AtomicLong(-1);
		await().pollInterval(Duration.ofMillis(100))
			.during(Duration.ofSeconds(1))
			.atMost(Duration.ofSeconds(30))
			.until(() -> last.getAndSet(flood.bytes()) == flood.bytes());
	}

	/**
	 * What a stalled stream may hold: the batch being written (up to {@link EnvelopeBatcher#MAX_BATCH_BYTES} and the
	 * message that crossed it), the batcher's read-ahead (as many messages as fit in
	 * {@link EnvelopeBatcher#MAX_READ_AHEAD_BYTES}, at least one) and, for a blocking service, the message its
	 * stream's iterator took ahead to answer {@code hasNext()}.
	 */
	private static long bound(int size, boolean blocking) {
		long message = messageBytes(size);
		long serialized = message - 5;
		long batch = EnvelopeBatcher.MAX_BATCH_BYTES - 1 + message;
		long window = Math.max(1,
				Math.min(EnvelopeBatcher.PREFETCH, EnvelopeBatcher.MAX_READ_AHEAD_BYTES / serialized));
		return batch + window * message + (blocking ? message : 0);
	}

	/** The enveloped size of one of the service's messages. */
	private static long messageBytes(int size) {
		return 5 + BytesValue.newBuilder().setValue(ByteString.copyFrom(new byte[size])).build().getSerializedSize();
	}

	private static byte[] request(int size) {
		return Envelopes.frame(0, Int32Value.newBuilder().setValue(size).build().toByteArray());
	}

	private static void readStatusLine(InputStream in) throws IOException {
		StringBuilder line = new StringBuilder();
		int c;
		while ((c = in.read()) != -1 && c != '\n') {
			line.append((char) c);
		}
		assertThat(line.toString()).startsWith("HTTP/1.1 200");
	}

	/** Counts the body bytes written through it, once the write is done. */
	private static final class BodyBytesWritten extends ChannelOutboundHandlerAdapter {

		private final AtomicLong counter;

		BodyBytesWritten(AtomicLong counter) {
			this.counter = counter;
		}

		@Override
		public void write(ChannelHandlerContext context, Object message, ChannelPromise promise) {
			int bytes = (message instanceof ByteBuf buffer) ? buffer.readableBytes()
					: (message instanceof ByteBufHolder holder) ? holder.content().readableBytes() : 0;
			if (bytes == 0) {
				context.write(message, promise);
				return;
			}
			ChannelPromise counted = promise.unvoid();
			counted.addListener((written) -> {
				if (written.isSuccess()) {
					this.counter.addAndGet(bytes);
				}
			});
			context.write(message, counted);
		}

	}

}
