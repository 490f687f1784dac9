package io.connectspring.client;

import io.connectspring.fixtures.ConnectServerExtension;
import io.connectspring.fixtures.FloodService;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.google.protobuf.BytesValue;
import com.google.protobuf.Int32Value;
import io.netty.handler.codec.http2.Http2CodecUtil;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Our client reading a server stream slowly: it asks for one message and then for nothing more. Reactor Netty then
 * stops reading the stream, HTTP/2 flow control (TCP's window, over HTTP/1.1) stops the server, and the server's
 * service ({@link FloodService}, which emits as fast as demand allows) stops producing. Nothing on the way buffers
 * without a bound.
 */
class HttpConnectTransportBackpressureTests {

	private static final FloodService flood = new FloodService();

	@RegisterExtension
	static final ConnectServerExtension server = ConnectServerExtension.serving(flood);

	private static final int MESSAGE_SIZE = 1024;

	/** One message on the wire: the payload, its field's tag and length, the envelope's prefix. */
	private static final long MESSAGE_BYTES = MESSAGE_SIZE + 3 + 5;

	/**
	 * What the server holds for a stalled stream of these messages (ServerStreamBackpressureTests proves it): the
	 * batch being written, 16 KiB and the message that crossed it, and 64 KiB of messages read ahead.
	 */
	private static final long SERVER_BOUND = 16 * 1024 + MESSAGE_BYTES + 64 * 1024;

	@BeforeEach
	void reset() {
		flood.reset();
	}

	@ParameterizedTest(name = "{0} over {1}")
	@CsvSource({ "CONNECT, H2C", "GRPC, H2C", "CONNECT, HTTP_1_1" })
	void aClientThatStopsAskingStopsTheServerAfterABoundedNumberOfBytes(WireProtocol protocol, HttpVersion version)
			throws InterruptedException {
		try (HttpConnectTransport transport = HttpConnectTransport.builder(server.baseUrl())
			.protocol(protocol)
			.httpVersion(version)
			.build()) {
			AtomicLong received = new AtomicLong();
			BaseSubscriber<BytesValue> reader = new BaseSubscriber<>() {

				@Override
				protected void hookOnSubscribe(Subscription subscription) {
					request(1);
				}

				@Override
				protected void hookOnNext(BytesValue message) {
					received.incrementAndGet();
				}

			};
			transport.serverStream(FloodService.FLOOD, Int32Value.newBuilder().setValue(MESSAGE_SIZE).build(),
					CallOptions.defaults())
				.subscribe(reader);
			await().atMost(Duration.ofSeconds(10)).until(() -> received.get() == 1);
			AtomicLong last = new AtomicLong(-1);
			await().pollInterval(Duration.ofMillis(100))
				.during(Duration.ofSeconds(1))
				.atMost(Duration.ofSeconds(30))
				.until(() -> last.getAndSet(flood.bytes()) == flood.bytes());
			assertThat(received).hasValue(1);
			if (version == HttpVersion.H2C) {
				// What the server holds, and the stream's flow-control window that the client took in and never
				// returned. Over HTTP/1.1 the kernel's socket buffers stand in for the window, and their size is the
				// machine's: there the production stopping is the proof.
				assertThat(flood.bytes()).isLessThanOrEqualTo(SERVER_BOUND + Http2CodecUtil.DEFAULT_WINDOW_SIZE);
			}
			reader.cancel();
		}
		assertThat(flood.ended().await(10, TimeUnit.SECONDS)).as("the server's stream was cancelled").isTrue();
	}

}
