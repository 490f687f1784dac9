package io.connectspring.client;

import io.connectspring.Code;
import io.connectspring.ConnectException;
import io.connectspring.ConnectInterceptor;
import io.connectspring.fixtures.ConnectServerExtension;
import io.connectspring.fixtures.EchoService;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.google.protobuf.StringValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import static io.connectspring.fixtures.EchoService.int32;
import static io.connectspring.fixtures.EchoService.string;
import static org.assertj.core.api.Assertions.assertThat;

/** Errors from a Connect server, timeouts and unreachable servers. */
class HttpConnectTransportErrorTests {

	private static volatile CountDownLatch serverCancellation = new CountDownLatch(1);

	private static final ConnectInterceptor cancellationRecorder = (call, requests, next) -> next.proceed(requests)
		.doOnCancel(() -> serverCancellation.countDown());

	@RegisterExtension
	static final ConnectServerExtension server = new ConnectServerExtension(List.of(cancellationRecorder));

	private static final HttpConnectTransport h1 = HttpConnectTransport.builder(server.baseUrl()).build();

	private static final HttpConnectTransport h2c = HttpConnectTransport.builder(server.baseUrl())
		.httpVersion(HttpVersion.H2C)
		.build();

	@AfterAll
	static void close() {
		h1.close();
		h2c.close();
	}

	private static HttpConnectTransport transport(HttpVersion version) {
		return (version == HttpVersion.H2C) ? h2c : h1;
	}

	@ParameterizedTest
	@EnumSource(names = { "HTTP_1_1", "H2C" })
	void unaryErrorKeepsCodeMessageDetailsAndMetadata(HttpVersion version) {
		StepVerifier
			.create(transport(version).unary(EchoService.ECHO, string("fail:not_found"), CallOptions.defaults()))
			.expectErrorSatisfies((error) -> {
				assertThat(error).isInstanceOf(ConnectException.class);
				ConnectException connect = (ConnectException) error;
				assertThat(connect.code()).isEqualTo(Code.NOT_FOUND);
				assertThat(connect.rawMessage()).isEqualTo("failed as asked");
				assertThat(connect.details()).hasSize(1);
				assertThat(connect.details().get(0).unpack(StringValue.class)).contains(string("detail"));
				assertThat(connect.metadata().getFirst("x-error-meta")).isEqualTo("m");
				assertThat(connect.metadata().getFirst("x-trailer")).isEqualTo("t");
			})
			.verify(Duration.ofSeconds(5));
	}

	@ParameterizedTest
	@EnumSource(names = { "HTTP_1_1", "H2C" })
	void unaryErrorOfAnotherKindIsUnknownWithoutInternals(HttpVersion version) {
		StepVerifier.create(transport(version).unary(EchoService.ECHO, string("boom"), CallOptions.defaults()))
			.expectErrorSatisfies((error) -> {
				assertThat(((ConnectException) error).code()).isEqualTo(Code.UNKNOWN);
				assertThat(error.getMessage()).doesNotContain("secret");
			})
			.verify(Duration.ofSeconds(5));
	}

	@ParameterizedTest
	@EnumSource(names = { "HTTP_1_1", "H2C" })
	void streamErrorArrivesAfterTheMessagesSentBeforeIt(HttpVersion version) {
		ResponseMetadata metadata = new ResponseMetadata();
		StepVerifier
			.create(transport(version).serverStream(EchoService.COUNT, int32(-1),
					CallOptions.defaults().withResponseMetadata(metadata)))
			.expectNext(string("1"))
			.expectErrorSatisfies((error) -> {
				ConnectException connect = (ConnectException) error;
				assertThat(connect.code()).isEqualTo(Code.OUT_OF_RANGE);
				assertThat(connect.rawMessage()).isEqualTo("negative");
				assertThat(connect.metadata().getFirst("x-error-meta")).isEqualTo("m");
			})
			.verify(Duration.ofSeconds(5));
		assertThat(metadata.trailers().getFirst("x-trailer")).isEqualTo("t");
	}

	@ParameterizedTest
	@EnumSource(names = { "HTTP_1_1", "H2C" })
	void unaryTimeoutIsDeadlineExceededAndCancelsTheCallOnTheServer(HttpVersion version) throws Exception {
		serverCancellation = new CountDownLatch(1);
		StepVerifier
			.create(transport(version).unary(EchoService.ECHO, string("slow"),
					CallOptions.defaults().withTimeout(Duration.ofMillis(200))))
			.expectErrorSatisfies(
					(error) -> assertThat(((ConnectException) error).code()).isEqualTo(Code.DEADLINE_EXCEEDED))
			.verify(Duration.ofSeconds(5));
		// The server sees its call cancelled: by the client's reset or its own copy of the deadline.
		assertThat(serverCancellation.await(5, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void streamTimeoutFromTheTransportDefaultIsDeadlineExceeded() {
		try (HttpConnectTransport transport = HttpConnectTransport.builder(server.baseUrl())
			.httpVersion(HttpVersion.H2C)
			.timeout(Duration.ofMillis(200))
			.build()) {
			StepVerifier
				.create(transport.serverStream(EchoService.COUNT, int32(Integer.MAX_VALUE), CallOptions.defaults()))
				.expectErrorSatisfies(
						(error) -> assertThat(((ConnectException) error).code()).isEqualTo(Code.DEADLINE_EXCEEDED))
				.verify(Duration.ofSeconds(5));
		}
	}

	@Test
	void unknownProcedureIsUnimplemented() {
		var missing = new io.connectspring.MethodDescriptor<>(EchoService.NAME, "Missing",
				io.connectspring.StreamType.UNARY, io.connectspring.IdempotencyLevel.IDEMPOTENCY_UNKNOWN,
				StringValue.getDefaultInstance(), StringValue.getDefaultInstance());
		StepVerifier.create(h1.unary(missing, string("x"), CallOptions.defaults()))
			.expectErrorSatisfies(
					(error) -> assertThat(((ConnectException) error).code()).isEqualTo(Code.UNIMPLEMENTED))
			.verify(Duration.ofSeconds(5));
	}

	@ParameterizedTest
	@EnumSource(names = { "HTTP_1_1", "H2C" })
	void refusedConnectionIsUnavailable(HttpVersion version) throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		try (HttpConnectTransport transport = HttpConnectTransport.builder("http://127.0.0.1:" + port)
			.httpVersion(version)
			.build()) {
			StepVerifier.create(transport.unary(EchoService.ECHO, string("x"), CallOptions.defaults()))
				.expectErrorSatisfies(
						(error) -> assertThat(((ConnectException) error).code()).isEqualTo(Code.UNAVAILABLE))
				.verify(Duration.ofSeconds(5));
			StepVerifier.create(transport.bidiStream(EchoService.CHAT, Flux.just(string("x")), CallOptions.defaults()))
				.expectErrorSatisfies(
						(error) -> assertThat(((ConnectException) error).code()).isEqualTo(Code.UNAVAILABLE))
				.verify(Duration.ofSeconds(5));
		}
	}

	@Test
	void interceptorsSeeTheErrorTheCallerGetsNotTheTransportsException() throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		List<Throwable> seen = new CopyOnWriteArrayList<>();
		ConnectInterceptor recorder = (call, requests, next) -> next.proceed(requests).doOnError(seen::add);
		try (HttpConnectTransport transport = HttpConnectTransport.builder("http://127.0.0.1:" + port)
			.interceptors(List.of(recorder))
			.build()) {
			StepVerifier.create(transport.unary(EchoService.ECHO, string("x"), CallOptions.defaults()))
				.expectErrorSatisfies(
						(error) -> assertThat(((ConnectException) error).code()).isEqualTo(Code.UNAVAILABLE))
				.verify(Duration.ofSeconds(5));
		}
		assertThat(seen).singleElement()
			.isInstanceOfSatisfying(ConnectException.class, (error) -> assertThat(error.code()).isEqualTo(Code.UNAVAILABLE));
	}

	@Test
	void requestOverSendMaxBytesIsResourceExhaustedBeforeSending() {
		try (HttpConnectTransport transport = HttpConnectTransport.builder(server.baseUrl()).sendMaxBytes(5).build()) {
			StepVerifier.create(transport.unary(EchoService.ECHO, string("x".repeat(100)), CallOptions.defaults()))
				.expectErrorSatisfies(
						(error) -> assertThat(((ConnectException) error).code()).isEqualTo(Code.RESOURCE_EXHAUSTED))
				.verify(Duration.ofSeconds(5));
			StepVerifier.create(transport.clientStream(EchoService.SUM, Flux.just(int32(Integer.MIN_VALUE)),
					CallOptions.defaults()))
				.expectErrorSatisfies(
						(error) -> assertThat(((ConnectException) error).code()).isEqualTo(Code.RESOURCE_EXHAUSTED))
				.verify(Duration.ofSeconds(5));
		}
	}

	@Test
	void responseOverReadMaxBytesIsResourceExhausted() {
		try (HttpConnectTransport transport = HttpConnectTransport.builder(server.baseUrl()).readMaxBytes(10).build()) {
			StepVerifier.create(transport.unary(EchoService.ECHO, string("x".repeat(100)), CallOptions.defaults()))
				.expectErrorSatisfies(
						(error) -> assertThat(((ConnectException) error).code()).isEqualTo(Code.RESOURCE_EXHAUSTED))
				.verify(Duration.ofSeconds(5));
			StepVerifier.create(transport.bidiStream(EchoService.CHAT, Flux.just(string("x".repeat(100))),
					CallOptions.defaults()))
				.expectErrorSatisfies(
						(error) -> assertThat(((ConnectException) error).code()).isEqualTo(Code.RESOURCE_EXHAUSTED))
				.verify(Duration.ofSeconds(5));
		}
	}

}
