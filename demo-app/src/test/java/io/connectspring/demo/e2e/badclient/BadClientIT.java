package io.connectspring.demo.e2e.badclient;

import io.connectspring.demo.DemoApplication;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static io.connectspring.demo.e2e.badclient.Messages.COMPRESSED;
import static io.connectspring.demo.e2e.badclient.Messages.envelope;
import static io.connectspring.demo.e2e.badclient.Messages.greet;
import static io.connectspring.demo.e2e.badclient.Messages.greetStream;
import static io.connectspring.demo.e2e.badclient.Messages.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Hostile clients against the demo over real sockets, HTTP/1.1 and h2c, with hand-written bytes ({@link Http1Socket},
 * {@link H2cFrames}): every bad input the Connect, gRPC and gRPC-Web protocols list, headers past the limits, bodies
 * and header blocks that never end, streams never read, a flood of {@code RST_STREAM}s, a client that sends a byte a
 * second. Each gets the protocol's answer within {@link #ANSWER} (the sockets' read timeout), the answer names no
 * exception or internal class, the server logs no ERROR and no stack trace for any of it ({@link ServerLog}), and the
 * heap after the suite is back to where it was before ({@link Heap}).
 * <p>
 * The demo runs with {@code server.netty.idle-timeout=2s}, the bound on a client that sends nothing, or only part of a
 * request head, for that long; Spring Boot sets no idle timeout by default (docs/reliability.md).
 */
@SpringBootTest(classes = DemoApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "server.netty.idle-timeout=" + BadClientIT.IDLE_TIMEOUT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class BadClientIT {

	static final String IDLE_TIMEOUT = "2s";

	/** How long any answer may take: every read of the tests' sockets fails after it. */
	static final Duration ANSWER = Duration.ofSeconds(10);

	/** How much more heap than before the suite the server may hold after it. */
	private static final long HEAP_TOLERANCE = 8 * 1024 * 1024;

	static final String GREET = "/greet.v1.GreetService/Greet";

	static final String GREET_STREAM = "/greet.v1.GreetService/GreetStream";

	/** What no answer may contain: names of exceptions, packages and stack frames. */
	private static final List<String> INTERNALS = List.of("Exception", "exception", "at io.", "at java.",
			"io.connectspring", "io.netty", "reactor.", "java.", "org.springframework", "\tat ");

	/** RFC 9113 error codes. */
	private static final long PROTOCOL_ERROR = 0x1;

	@LocalServerPort
	private int port;

	private final ServerLog log = new ServerLog();

	private long baseline;

	@BeforeAll
	void warmUpAndMeasureTheBaseline() throws IOException {
		ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
		for (int i = 0; i < 50; i++) {
			for (Transport transport : Transport.values()) {
				assertThat(transport.call(this.port, ANSWER, GREET, "application/proto", greet("Ada")).status())
					.isEqualTo(200);
				assertThat(transport.call(this.port, ANSWER, GREET, "application/json", utf8("{")).status())
					.isEqualTo(400);
				for (Enveloped protocol : Enveloped.values()) {
					if (protocol.servedOver(transport)) {
						protocol.call(transport, this.port, envelope(0, protocol.message()));
					}
				}
			}
		}
		this.baseline = Heap.usedAfterGc();
	}

	@BeforeEach
	void captureTheLog() {
		this.log.start();
		this.log.clear();
	}

	@AfterEach
	void nothingLoggedAsAFault() {
		assertThat(this.log.faults()).as("ERROR or stack traces in the server's log").isEmpty();
	}

	@AfterAll
	void heapReturnsToTheBaselineAndNoBufferLeaked() throws IOException {
		this.log.clear();
		long after = Heap.usedAfterGc();
		System.out.printf("BadClientIT heap after GC: baseline %s, after the suite %s, difference %s%n",
				Heap.mib(this.baseline), Heap.mib(after), Heap.mib(after - this.baseline));
		// A tracked buffer that was collected unreleased is reported when the next one is allocated.
		for (Transport transport : Transport.values()) {
			assertThat(transport.call(this.port, ANSWER, GREET, "application/proto", greet("Ada")).status())
				.isEqualTo(200);
		}
		try {
			assertThat(this.log.containing("LEAK")).as("Netty buffer leaks").isEmpty();
			assertThat(this.log.faults()).isEmpty();
			assertThat(after).as("heap after the suite, against the baseline").isLessThan(this.baseline + HEAP_TOLERANCE);
		}
		finally {
			this.log.stop();
		}
	}

	// Protocol inputs: the envelope.

	@ParameterizedTest(name = "{0} over {1}")
	@MethodSource("enveloped")
	void lyingLengthPrefixLongerThanTheBodyIsInvalidArgument(Enveloped protocol, Transport transport)
			throws IOException {
		byte[] message = protocol.message();
		Answer answer = protocol.call(transport, this.port, envelope(0, message.length + 100, message));
		assertThat(protocol.code(clean(answer))).isEqualTo("invalid_argument");
	}

	@ParameterizedTest(name = "{0} over {1}")
	@MethodSource("enveloped")
	void lyingLengthPrefixShorterThanTheMessageIsInvalidArgument(Enveloped protocol, Transport transport)
			throws IOException {
		// The prefix covers 3 bytes, a protobuf field cut short; the 2 bytes left over are an envelope cut short.
		byte[] message = protocol.message();
		Answer answer = protocol.call(transport, this.port, envelope(0, 3, Arrays.copyOf(message, 5)));
		assertThat(protocol.code(clean(answer))).isEqualTo("invalid_argument");
	}

	@ParameterizedTest(name = "{0} over {1}")
	@MethodSource("enveloped")
	void truncatedEnvelopePrefixIsInvalidArgument(Enveloped protocol, Transport transport) throws IOException {
		Answer answer = protocol.call(transport, this.port, new byte[] { 0, 0, 0 });
		assertThat(protocol.code(clean(answer))).isEqualTo("invalid_argument");
	}

	@Test
	void contentLengthShorterThanTheBodyOverHttp1CutsTheMessage() throws IOException {
		try (Http1Socket socket = Http1Socket.connect(this.port, ANSWER)) {
			byte[] message = greet("Ada");
			byte[] head = Http1Socket.postHead(GREET, "application/proto", message.length - 2);
			socket.write(Messages.concat(head, message));
			Answer answer = clean(Answer.of(socket.read()));
			assertThat(answer.status()).isEqualTo(400);
			assertThat(answer.connectUnaryCode()).isEqualTo("invalid_argument");
		}
	}

	@Test
	void contentLengthLongerThanTheBodyOverH2cResetsTheStream() throws IOException {
		try (H2cFrames frames = H2cFrames.connect(this.port, ANSWER)) {
			byte[] message = greet("Ada");
			frames.headers(1, H2cFrames.post(GREET, "application/proto", "content-length",
					Integer.toString(message.length + 100)), false);
			frames.data(1, message, true);
			// RFC 9113 section 8.1.1: a malformed request is a stream error of type PROTOCOL_ERROR.
			assertThat(frames.response(1).resetCode()).isEqualTo(PROTOCOL_ERROR);
			assertThat(greetOn(frames, 3).status()).isEqualTo(200);
		}
	}

	// Protocol inputs: compression, codecs, timeouts.

	@ParameterizedTest
	@EnumSource(Transport.class)
	void gzipBombIsResourceExhaustedInAUnaryCall(Transport transport) throws IOException {
		byte[] bomb = Messages.gzipBomb(64 * 1024 * 1024);
		assertThat(bomb.length).isLessThan(128 * 1024);
		Answer answer = clean(transport.call(this.port, ANSWER, GREET, "application/proto", bomb,
				"content-encoding", "gzip"));
		assertThat(answer.status()).isEqualTo(429);
		assertThat(answer.connectUnaryCode()).isEqualTo("resource_exhausted");
	}

	@ParameterizedTest(name = "{0} over {1}")
	@MethodSource("enveloped")
	void gzipBombIsResourceExhaustedInAnEnvelope(Enveloped protocol, Transport transport) throws IOException {
		Answer answer = protocol.call(transport, this.port,
				envelope(COMPRESSED, Messages.gzipBomb(64 * 1024 * 1024)), protocol.encodingHeader, "gzip");
		assertThat(protocol.code(clean(answer))).isEqualTo("resource_exhausted");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void badJsonIsInvalidArgument(Transport transport) throws IOException {
		Answer unary = clean(transport.call(this.port, ANSWER, GREET, "application/json", utf8("{\"name\": ")));
		assertThat(unary.status()).isEqualTo(400);
		assertThat(unary.connectUnaryCode()).isEqualTo("invalid_argument");
		Answer stream = clean(transport.call(this.port, ANSWER, GREET_STREAM, "application/connect+json",
				envelope(0, utf8("{\"count\": \"many\""))));
		assertThat(stream.connectEndStreamCode()).isEqualTo("invalid_argument");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void badProtobufIsInvalidArgument(Transport transport) throws IOException {
		byte[] garbage = { (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f };
		Answer unary = clean(transport.call(this.port, ANSWER, GREET, "application/proto", garbage));
		assertThat(unary.status()).isEqualTo(400);
		assertThat(unary.connectUnaryCode()).isEqualTo("invalid_argument");
	}

	@Test
	void badJsonOverGrpcIsInvalidArgument() throws IOException {
		Answer answer = clean(Transport.H2C.call(this.port, ANSWER, GREET, "application/grpc+json",
				envelope(0, utf8("{\"name\": 1, ")), "te", "trailers"));
		assertThat(answer.grpcCode()).isEqualTo("invalid_argument");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void unknownCodecIsUnsupportedMediaType(Transport transport) throws IOException {
		for (String[] call : new String[][] { { GREET, "application/xml" }, { GREET_STREAM, "application/connect+xml" },
				{ GREET, "application/grpc-web+xml" } }) {
			Answer answer = clean(transport.call(this.port, ANSWER, call[0], call[1], utf8("<name>Ada</name>")));
			assertThat(answer.status()).as(call[1]).isEqualTo(415);
			assertThat(answer.header("accept-post")).as(call[1]).contains("+proto");
		}
	}

	@Test
	void unknownCodecOverGrpcIsUnsupportedMediaType() throws IOException {
		Answer answer = clean(Transport.H2C.call(this.port, ANSWER, GREET, "application/grpc+xml",
				envelope(0, utf8("<name>Ada</name>")), "te", "trailers"));
		assertThat(answer.status()).isEqualTo(415);
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void unknownCompressionIsUnimplemented(Transport transport) throws IOException {
		Answer answer = clean(transport.call(this.port, ANSWER, GREET, "application/proto", greet("Ada"),
				"content-encoding", "snappy"));
		assertThat(answer.status()).isEqualTo(501);
		assertThat(answer.connectUnaryCode()).isEqualTo("unimplemented");
	}

	@ParameterizedTest(name = "{0} over {1}")
	@MethodSource("enveloped")
	void unknownCompressionInAStreamIsUnimplemented(Enveloped protocol, Transport transport) throws IOException {
		Answer answer = protocol.call(transport, this.port, envelope(COMPRESSED, protocol.message()),
				protocol.encodingHeader, "snappy");
		assertThat(protocol.code(clean(answer))).isEqualTo("unimplemented");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void badConnectTimeoutIsInvalidArgument(Transport transport) throws IOException {
		for (String timeout : List.of("soon", "-1", "12345678901")) {
			Answer unary = clean(transport.call(this.port, ANSWER, GREET, "application/proto", greet("Ada"),
					"connect-timeout-ms", timeout));
			assertThat(unary.status()).as(timeout).isEqualTo(400);
			assertThat(unary.connectUnaryCode()).as(timeout).isEqualTo("invalid_argument");
			Answer stream = clean(Enveloped.CONNECT_STREAM.call(transport, this.port,
					envelope(0, Enveloped.CONNECT_STREAM.message()), "connect-timeout-ms", timeout));
			assertThat(stream.connectEndStreamCode()).as(timeout).isEqualTo("invalid_argument");
		}
	}

	@ParameterizedTest(name = "{0} over {1}")
	@MethodSource("grpc")
	void badGrpcTimeoutIsInvalidArgument(Enveloped protocol, Transport transport) throws IOException {
		for (String timeout : List.of("1x", "S", "123456789S")) {
			Answer answer = clean(protocol.call(transport, this.port, envelope(0, protocol.message()),
					"grpc-timeout", timeout));
			assertThat(answer.grpcCode()).as(timeout).isEqualTo("invalid_argument");
		}
	}

	// Headers past the limits (server.max-http-request-header-size, 8 KiB by default).

	@Test
	void oversizedHeaderOverHttp1IsRequestHeaderFieldsTooLarge() throws IOException {
		try (Http1Socket socket = Http1Socket.connect(this.port, ANSWER)) {
			socket.write(Http1Socket.post(GREET, "application/proto", greet("Ada"), "x-big", "a".repeat(20_000)));
			Answer answer = clean(Answer.of(socket.read()));
			assertThat(answer.status()).isEqualTo(431);
			assertThat(socket.isClosedByServer()).isTrue();
		}
		// Reactor Netty's one WARN line, without a stack trace: the capture sees the server's log.
		assertThat(this.log.containing("HTTP header is larger than")).isNotEmpty();
		assertThat(Transport.HTTP_1_1.call(this.port, ANSWER, GREET, "application/proto", greet("Ada")).status())
			.isEqualTo(200);
	}

	@Test
	void tooManyHeadersOverHttp1IsRequestHeaderFieldsTooLarge() throws IOException {
		try (Http1Socket socket = Http1Socket.connect(this.port, ANSWER)) {
			socket.write(Http1Socket.post(GREET, "application/proto", greet("Ada"), manyHeaders(1000)));
			assertThat(clean(Answer.of(socket.read())).status()).isEqualTo(431);
		}
	}

	@Test
	void tooManyHeadersOverH2cAreRefusedOnTheStreamAlone() throws IOException {
		// Netty answers a header list between the advertised limit and 1.25 times it with 431 on the stream.
		try (H2cFrames frames = H2cFrames.connect(this.port, ANSWER)) {
			frames.headers(1, H2cFrames.post(GREET, "application/proto", manyHeaders(230)), false);
			frames.data(1, greet("Ada"), true);
			assertThat(clean(Answer.of(frames.response(1))).status()).isEqualTo(431);
			assertThat(greetOn(frames, 3).status()).isEqualTo(200);
		}
	}

	@Test
	void oversizedHeaderOverH2cEndsTheConnection() throws IOException {
		// Past 1.25 times the limit, Netty stops decoding: a connection error, GOAWAY (RFC 9113 section 10.5.1).
		try (H2cFrames frames = H2cFrames.connect(this.port, ANSWER)) {
			frames.headers(1, H2cFrames.post(GREET, "application/proto", "x-big", "a".repeat(20_000)), false);
			assertThat(frames.awaitGoAway()).isEqualTo(PROTOCOL_ERROR);
		}
		assertThat(Transport.H2C.call(this.port, ANSWER, GREET, "application/proto", greet("Ada")).status())
			.isEqualTo(200);
	}

	@Test
	void headerBlockThatNeverEndsEndsTheConnection() throws IOException {
		// HEADERS without END_HEADERS, then CONTINUATION frames without end: the CONTINUATION flood.
		try (H2cFrames frames = H2cFrames.connect(this.port, ANSWER)) {
			byte[] block = frames.encode(1, H2cFrames.post(GREET, "application/proto"));
			frames.frame(H2cFrames.HEADERS, 0, 1, block);
			// Eleven fragments of about 1 KiB: past 1.25 times the 8 KiB limit, and little left unread when the server
			// closes, which would reset the connection before GOAWAY is read.
			Http2Headers filler = new DefaultHttp2Headers(false);
			for (int i = 0; i < 11; i++) {
				filler.set("x-filler-" + i, "b".repeat(1000));
				frames.frame(H2cFrames.CONTINUATION, 0, 1, frames.encode(1, filler));
				filler.clear();
			}
			frames.flush();
			assertThat(frames.awaitGoAway()).isEqualTo(PROTOCOL_ERROR);
		}
	}

	// Requests that never end.

	@ParameterizedTest
	@EnumSource(Transport.class)
	void unaryBodyThatNeverEndsIsDeadlineExceededAtTheDeadline(Transport transport) throws IOException {
		byte[] part = Arrays.copyOf(greet("Ada"), 2);
		Answer answer = clean(transport.stall(this.port, ANSWER, GREET, "application/proto", 100, part,
				"connect-timeout-ms", "500"));
		assertThat(answer.status()).isEqualTo(504);
		assertThat(answer.connectUnaryCode()).isEqualTo("deadline_exceeded");
	}

	@ParameterizedTest(name = "{0} over {1}")
	@MethodSource("enveloped")
	void streamBodyThatNeverEndsIsDeadlineExceededAtTheDeadline(Enveloped protocol, Transport transport)
			throws IOException {
		String[] timeout = (protocol == Enveloped.CONNECT_STREAM) ? new String[] { "connect-timeout-ms", "500" }
				: new String[] { "grpc-timeout", "500m" };
		Answer answer = transport.stall(this.port, ANSWER, protocol.path, protocol.contentType, -1,
				new byte[] { 0, 0, 0 }, timeout);
		assertThat(protocol.code(clean(answer))).isEqualTo("deadline_exceeded");
	}

	@Test
	void callWithoutDeadlineWhoseClientGivesUpLeavesTheConnectionUsable() throws IOException {
		// Without a deadline the server waits for the body (a stream may be quiet for long); the client decides.
		try (H2cFrames frames = H2cFrames.connect(this.port, ANSWER)) {
			frames.headers(1, H2cFrames.post(GREET, "application/proto"), false);
			frames.data(1, new byte[] { 0x0a }, false);
			frames.rstStream(1, H2cFrames.CANCEL);
			assertThat(greetOn(frames, 3).status()).isEqualTo(200);
		}
		try (Http1Socket socket = Http1Socket.connect(this.port, ANSWER)) {
			socket.write(Http1Socket.postHead(GREET, "application/proto", 100));
			socket.write(new byte[] { 0x0a });
		}
		assertThat(Transport.HTTP_1_1.call(this.port, ANSWER, GREET, "application/proto", greet("Ada")).status())
			.isEqualTo(200);
	}

	// Clients that never read.

	@Test
	void streamsNeverReadHoldTheServerToTheFlowControlWindow() throws IOException {
		try (H2cFrames hostile = H2cFrames.connect(this.port, ANSWER)) {
			int streams = 100;
			for (int i = 0; i < streams; i++) {
				int id = 1 + 2 * i;
				hostile.headers(id, H2cFrames.post(GREET_STREAM, "application/connect+proto"), false);
				hostile.data(id, envelope(0, greetStream("Ada", 1_000_000_000)), true);
			}
			// Another client is served meanwhile.
			assertThat(Transport.H2C.call(this.port, ANSWER, GREET, "application/proto", greet("Ada")).status())
				.isEqualTo(200);
			long held = Heap.usedAfterGc() - this.baseline;
			System.out.printf("BadClientIT: heap held with %d streams never read: %s (%d KiB per stream)%n", streams,
					Heap.mib(held), held / streams / 1024);
			// The hostile client never sends WINDOW_UPDATE: the server sends no more than the connection's initial
			// window (65,535 bytes, RFC 9113 section 6.9.2) before the idle timeout sends GOAWAY.
			long data = 0;
			while (hostile.goAway() == null) {
				H2cFrames.Frame frame = hostile.read();
				if (frame.type() == H2cFrames.DATA) {
					data += frame.payload().length;
				}
			}
			System.out.printf("BadClientIT: %d streams never read received %d bytes of DATA before GOAWAY%n", streams,
					data);
			assertThat(data).isPositive().isLessThanOrEqualTo(65_535);
		}
	}

	@Test
	void serverStreamNeverReadOverHttp1LeavesOtherClientsServed() throws IOException {
		try (Http1Socket hostile = Http1Socket.connect(this.port, ANSWER)) {
			hostile.write(Http1Socket.post(GREET_STREAM, "application/connect+proto",
					envelope(0, greetStream("Ada", 1_000_000_000))));
			assertThat(Transport.HTTP_1_1.call(this.port, ANSWER, GREET, "application/proto", greet("Ada")).status())
				.isEqualTo(200);
		}
		assertThat(Transport.HTTP_1_1.call(this.port, ANSWER, GREET, "application/proto", greet("Ada")).status())
			.isEqualTo(200);
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void connectionResetByTheClientIsNotAFault(Transport transport) throws IOException {
		// A TCP reset on a connection at rest after a call, and on one in the middle of a server stream.
		if (transport == Transport.H2C) {
			H2cFrames idle = H2cFrames.connect(this.port, ANSWER);
			assertThat(greetOn(idle, 1).status()).isEqualTo(200);
			idle.reset();
			H2cFrames streaming = H2cFrames.connect(this.port, ANSWER);
			streaming.headers(1, H2cFrames.post(GREET_STREAM, "application/connect+proto"), false);
			streaming.data(1, envelope(0, greetStream("Ada", 1_000_000_000)), true);
			while (streaming.read().type() != H2cFrames.DATA) {
				// Until the stream is under way.
			}
			streaming.reset();
		}
		else {
			Http1Socket idle = Http1Socket.connect(this.port, ANSWER);
			idle.write(Http1Socket.post(GREET, "application/proto", greet("Ada")));
			assertThat(idle.read().status()).isEqualTo(200);
			idle.reset();
			Http1Socket streaming = Http1Socket.connect(this.port, ANSWER);
			streaming.write(Http1Socket.post(GREET_STREAM, "application/connect+proto",
					envelope(0, greetStream("Ada", 1_000_000_000))));
			assertThat(streaming.readStatus()).isEqualTo(200);
			streaming.reset();
		}
		assertThat(transport.call(this.port, ANSWER, GREET, "application/proto", greet("Ada")).status())
			.isEqualTo(200);
	}

	// HTTP/2 rapid reset (CVE-2023-44487).

	@Test
	void floodOfResetStreamsEndsTheConnectionAndOthersAreServed() throws IOException {
		int pairs = 10_000;
		int sent = 0;
		try (H2cFrames frames = H2cFrames.connect(this.port, ANSWER)) {
			try {
				for (; sent < pairs; sent++) {
					int id = 1 + 2 * sent;
					frames.headers(id, H2cFrames.post(GREET_STREAM, "application/connect+proto"), false);
					frames.rstStream(id, H2cFrames.CANCEL);
				}
				frames.flush();
			}
			catch (IOException ex) {
				// The server closed the connection while the flood was still being written.
			}
			// Netty counts RST_STREAMs per connection: 200 in 30 seconds by default, then GOAWAY and close. A server
			// that never closed would make awaitGoAway time out (ANSWER) and fail the test. The GOAWAY itself may be
			// lost: closing a socket with unread flood frames makes the kernel send a TCP reset, which discards what
			// this client had received but not yet read (null).
			Long goAway = frames.awaitGoAway();
			if (goAway != null) {
				assertThat(goAway).isEqualTo(H2cFrames.ENHANCE_YOUR_CALM);
			}
		}
		assertThat(Transport.H2C.call(this.port, ANSWER, GREET, "application/proto", greet("Ada")).status())
			.isEqualTo(200);
	}

	// A byte a second.

	@Test
	void requestHeadSentAByteASecondOverHttp1IsCutByTheIdleTimeout() throws IOException {
		try (Http1Socket socket = Http1Socket.connect(this.port, ANSWER)) {
			byte[] head = Http1Socket.postHead(GREET, "application/proto", 5);
			AtomicInteger sent = Trickle.start(head, socket::write);
			assertThat(socket.isClosedByServer()).isTrue();
			assertThat(sent.get()).as("bytes sent before the server closed").isBetween(2, head.length - 1);
		}
	}

	@Test
	void headersFrameSentAByteASecondOverH2cIsCutByTheIdleTimeout() throws IOException {
		try (H2cFrames frames = H2cFrames.connect(this.port, ANSWER)) {
			frames.awaitServerSettings();
			byte[] block = frames.encode(1, H2cFrames.post(GREET, "application/proto"));
			byte[] frameHeader = { 0, (byte) (block.length >>> 8), (byte) block.length, H2cFrames.HEADERS,
					H2cFrames.END_HEADERS, 0, 0, 0, 1 };
			byte[] frame = Messages.concat(frameHeader, block);
			AtomicInteger sent = Trickle.start(frame, frames::raw);
			assertThat(frames.isClosedByServer()).isTrue();
			assertThat(sent.get()).as("bytes sent before the server closed").isBetween(2, frame.length - 1);
		}
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void bodySentAByteASecondIsDeadlineExceededAtTheDeadline(Transport transport) throws IOException {
		byte[] message = greet("Ada Lovelace");
		String[] deadline = { "connect-timeout-ms", "2500" };
		if (transport == Transport.HTTP_1_1) {
			try (Http1Socket socket = Http1Socket.connect(this.port, ANSWER)) {
				socket.write(Http1Socket.postHead(GREET, "application/proto", message.length, deadline));
				AtomicInteger sent = Trickle.start(message, socket::write);
				Answer answer = clean(Answer.of(socket.read()));
				assertThat(answer.connectUnaryCode()).isEqualTo("deadline_exceeded");
				assertThat(sent.get()).isLessThan(message.length);
			}
		}
		else {
			try (H2cFrames frames = H2cFrames.connect(this.port, ANSWER)) {
				frames.awaitServerSettings();
				frames.headers(1, H2cFrames.post(GREET, "application/proto", deadline), false);
				AtomicInteger sent = Trickle.start(message, (bytes) -> frames.data(1, bytes, false));
				Answer answer = clean(Answer.of(frames.response(1)));
				assertThat(answer.connectUnaryCode()).isEqualTo("deadline_exceeded");
				assertThat(sent.get()).isLessThan(message.length);
			}
		}
	}

	// Support.

	static Stream<Arguments> enveloped() {
		List<Arguments> arguments = new ArrayList<>();
		for (Enveloped protocol : Enveloped.values()) {
			for (Transport transport : Transport.values()) {
				if (protocol.servedOver(transport)) {
					arguments.add(arguments(protocol, transport));
				}
			}
		}
		return arguments.stream();
	}

	static Stream<Arguments> grpc() {
		return enveloped().filter((arguments) -> arguments.get()[0] != Enveloped.CONNECT_STREAM);
	}

	/** Checks that the answer names no exception, class, package or stack frame, and returns it. */
	private static Answer clean(Answer answer) {
		String text = answer.allText();
		for (String internal : INTERNALS) {
			assertThat(text).as("answer %s", answer).doesNotContain(internal);
		}
		return answer;
	}

	/** Sends a normal unary call on the connection's stream and returns its answer. */
	private static Answer greetOn(H2cFrames frames, int streamId) throws IOException {
		frames.headers(streamId, H2cFrames.post(GREET, "application/proto"), false);
		frames.data(streamId, greet("Ada"), true);
		return Answer.of(frames.response(streamId));
	}

	private static String[] manyHeaders(int count) {
		String[] headers = new String[count * 2];
		for (int i = 0; i < count; i++) {
			headers[2 * i] = String.format("x-h%03d", i);
			headers[2 * i + 1] = "v";
		}
		return headers;
	}

}
