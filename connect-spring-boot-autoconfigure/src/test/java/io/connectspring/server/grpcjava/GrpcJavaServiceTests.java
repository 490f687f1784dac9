package io.connectspring.server.grpcjava;

import io.connectspring.Code;
import io.connectspring.ConnectException;
import io.connectspring.IdempotencyLevel;
import io.connectspring.Metadata;
import io.connectspring.MethodDescriptor;
import io.connectspring.StreamType;
import io.connectspring.client.CallOptions;
import io.connectspring.client.HttpConnectTransport;
import io.connectspring.client.HttpVersion;
import io.connectspring.client.ResponseMetadata;
import io.connectspring.client.WireProtocol;
import io.connectspring.fixtures.ConnectServerExtension;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.google.protobuf.Int32Value;
import com.google.protobuf.StringValue;
import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCalls;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import static io.connectspring.server.grpcjava.GrpcEchoService.int32;
import static io.connectspring.server.grpcjava.GrpcEchoService.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * A grpc-java service, written with grpc-java's stubs and interceptors, served by {@link GrpcJavaService} on a port
 * and called over Connect (both codecs), gRPC and gRPC-Web.
 */
class GrpcJavaServiceTests {

	private static final io.grpc.Metadata.Key<String> IN = asciiKey("x-in");

	private static final io.grpc.Metadata.Key<byte[]> IN_BIN = io.grpc.Metadata.Key.of("x-in-bin",
			io.grpc.Metadata.BINARY_BYTE_MARSHALLER);

	private static final io.grpc.Metadata.Key<String> SEEN = asciiKey("x-seen");

	private static final io.grpc.Metadata.Key<String> TRACK = asciiKey("x-track");

	private static final MethodDescriptor<StringValue, StringValue> ECHO = client("Echo", StreamType.UNARY,
			StringValue.getDefaultInstance(), StringValue.getDefaultInstance());

	private static final MethodDescriptor<Int32Value, Int32Value> SUM = client("Sum", StreamType.CLIENT,
			Int32Value.getDefaultInstance(), Int32Value.getDefaultInstance());

	private static final MethodDescriptor<Int32Value, StringValue> COUNT = client("Count", StreamType.SERVER,
			Int32Value.getDefaultInstance(), StringValue.getDefaultInstance());

	private static final MethodDescriptor<StringValue, StringValue> CHAT = client("Chat", StreamType.BIDI,
			StringValue.getDefaultInstance(), StringValue.getDefaultInstance());

	private static final GrpcEchoService service = new GrpcEchoService();

	private static final Tracker tracker = new Tracker();

	@RegisterExtension
	static final ConnectServerExtension server = ConnectServerExtension.serving(GrpcJavaService.of(
			service.bindService(), List.of(new Recorder("first"), new Recorder("second"), new Gatekeeper(), tracker,
					new MetadataEcho())));

	private static final List<HttpConnectTransport> transports = new ArrayList<>();

	private static io.grpc.Metadata.Key<String> asciiKey(String name) {
		return io.grpc.Metadata.Key.of(name, io.grpc.Metadata.ASCII_STRING_MARSHALLER);
	}

	private static <Req extends com.google.protobuf.Message, Res extends com.google.protobuf.Message>
			MethodDescriptor<Req, Res> client(String name, StreamType type, Req request, Res response) {
		return new MethodDescriptor<>(GrpcEchoService.NAME, name, type, IdempotencyLevel.IDEMPOTENCY_UNKNOWN, request,
				response);
	}

	static Stream<Arguments> protocols() {
		return Stream.of(Arguments.of(WireProtocol.CONNECT, "proto"), Arguments.of(WireProtocol.CONNECT, "json"),
				Arguments.of(WireProtocol.GRPC, "proto"), Arguments.of(WireProtocol.GRPC_WEB, "proto"));
	}

	private static HttpConnectTransport transport(WireProtocol protocol, String codec) {
		HttpConnectTransport transport = HttpConnectTransport.builder(server.baseUrl())
			.protocol(protocol)
			.codec(codec)
			.httpVersion(HttpVersion.H2C)
			.build();
		transports.add(transport);
		return transport;
	}

	@AfterAll
	static void closeTransports() {
		transports.forEach(HttpConnectTransport::close);
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("protocols")
	void unaryCallCarriesMetadataBothWaysThroughTheInterceptorsInOrder(WireProtocol protocol, String codec) {
		ResponseMetadata metadata = new ResponseMetadata();
		CallOptions options = CallOptions.defaults()
			.withHeader("x-in", "hello")
			.withHeader("x-in-bin", "AAEC/w")
			.withResponseMetadata(metadata);
		StepVerifier.create(transport(protocol, codec).unary(ECHO, string("hi"), options))
			.expectNext(string("hi"))
			.verifyComplete();
		assertThat(metadata.headers().get("x-out")).containsExactly("hello");
		assertThat(Metadata.getBinary(metadata.headers(), "x-out-bin")).singleElement()
			.isEqualTo(new byte[] { 0, 1, 2, (byte) 0xff });
		assertThat(metadata.headers().get("x-seen")).containsExactly("first", "second");
		assertThat(metadata.trailers().get("x-trailer")).containsExactly("t");
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("protocols")
	void clientStreamReadsEveryRequest(WireProtocol protocol, String codec) {
		StepVerifier
			.create(transport(protocol, codec).clientStream(SUM, Flux.just(int32(1), int32(2), int32(39)),
					CallOptions.defaults()))
			.expectNext(int32(42))
			.verifyComplete();
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("protocols")
	void serverStreamSendsEveryResponse(WireProtocol protocol, String codec) {
		StepVerifier.create(transport(protocol, codec).serverStream(COUNT, int32(3), CallOptions.defaults()))
			.expectNext(string("1"), string("2"), string("3"))
			.verifyComplete();
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("protocols")
	void bidiStreamAnswersEachRequest(WireProtocol protocol, String codec) {
		StepVerifier
			.create(transport(protocol, codec).bidiStream(CHAT, Flux.just(string("a"), string("b")),
					CallOptions.defaults()))
			.expectNext(string("you said a"), string("you said b"))
			.verifyComplete();
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("protocols")
	void statusBecomesTheErrorWithItsDetailsAndTrailers(WireProtocol protocol, String codec) {
		StepVerifier.create(transport(protocol, codec).unary(ECHO, string("fail"), CallOptions.defaults()))
			.expectErrorSatisfies((error) -> {
				ConnectException connect = ConnectException.from(error);
				assertThat(connect).isNotNull();
				assertThat(connect.code()).isEqualTo(Code.FAILED_PRECONDITION);
				assertThat(connect.rawMessage()).isEqualTo("failed as asked");
				assertThat(connect.details()).singleElement()
					.satisfies((detail) -> assertThat(detail.unpack(StringValue.class)).contains(string("detail")));
				assertThat(connect.metadata().get("x-error-meta")).containsExactly("m");
			})
			.verify(Duration.ofSeconds(10));
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("protocols")
	void exceptionThrownByTheServiceIsUnknownWithoutItsMessage(WireProtocol protocol, String codec) {
		StepVerifier.create(transport(protocol, codec).unary(ECHO, string("throw"), CallOptions.defaults()))
			.expectErrorSatisfies((error) -> {
				assertThat(ConnectException.from(error)).extracting(ConnectException::code).isEqualTo(Code.UNKNOWN);
				assertThat(error.getMessage()).doesNotContain("a bug in the service");
			})
			.verify(Duration.ofSeconds(10));
	}

	@Test
	void interceptorClosingTheCallAnswersWithItsStatus() {
		StepVerifier
			.create(transport(WireProtocol.CONNECT, "proto").unary(ECHO, string("hi"),
					CallOptions.defaults().withHeader("x-deny", "1")))
			.expectErrorSatisfies((error) -> assertThat(ConnectException.from(error))
				.satisfies((connect) -> assertThat(connect.code()).isEqualTo(Code.UNAUTHENTICATED))
				.extracting(ConnectException::rawMessage)
				.isEqualTo("denied"))
			.verify(Duration.ofSeconds(10));
	}

	@Test
	void interceptorThrowingAStatusExceptionAnswersWithItsStatus() {
		StepVerifier
			.create(transport(WireProtocol.GRPC, "proto").unary(ECHO, string("hi"),
					CallOptions.defaults().withHeader("x-throw", "1")))
			.expectErrorSatisfies((error) -> assertThat(ConnectException.from(error))
				.satisfies((connect) -> assertThat(connect.code()).isEqualTo(Code.PERMISSION_DENIED))
				.extracting(ConnectException::rawMessage)
				.isEqualTo("not you"))
			.verify(Duration.ofSeconds(10));
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("protocols")
	void theCallsDeadlineIsTheGrpcContextsDeadline(WireProtocol protocol, String codec) {
		HttpConnectTransport transport = transport(protocol, codec);
		StringValue left = transport.unary(ECHO, string("deadline"), CallOptions.defaults()
			.withTimeout(Duration.ofSeconds(30))).block(Duration.ofSeconds(10));
		assertThat(Long.parseLong(left.getValue())).isBetween(1L, 30_000L);
		assertThat(transport.unary(ECHO, string("deadline"), CallOptions.defaults()).block(Duration.ofSeconds(10)))
			.isEqualTo(string("none"));
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("protocols")
	void whenTheDeadlinePassesTheContextIsCancelledAndTheListenerHearsOnCancel(WireProtocol protocol, String codec)
			throws Exception {
		String id = "deadline-" + protocol + "-" + codec;
		StepVerifier
			.create(transport(protocol, codec).unary(ECHO, string("wait"),
					CallOptions.defaults().withTimeout(Duration.ofMillis(300)).withHeader("x-track", id)))
			.expectErrorSatisfies((error) -> assertThat(ConnectException.from(error)).extracting(ConnectException::code)
				.isEqualTo(Code.DEADLINE_EXCEEDED))
			.verify(Duration.ofSeconds(10));
		assertThat(tracker.end(id).get(10, TimeUnit.SECONDS)).isEqualTo("cancel");
		assertThat(service.waiting.tryAcquire()).isTrue();
		assertThat(service.cancellations.poll(10, TimeUnit.SECONDS)).isNotNull();
	}

	@Test
	void whenTheClientCancelsTheContextIsCancelledAndTheListenerHearsOnCancel() throws Exception {
		Disposable call = transport(WireProtocol.GRPC, "proto")
			.unary(ECHO, string("wait"), CallOptions.defaults().withHeader("x-track", "cancelled"))
			.subscribe((response) -> {
			}, (error) -> {
			});
		assertThat(service.waiting.tryAcquire(10, TimeUnit.SECONDS)).isTrue();
		call.dispose();
		assertThat(tracker.end("cancelled").get(10, TimeUnit.SECONDS)).isEqualTo("cancel");
		assertThat(Status.fromThrowable(service.cancellations.poll(10, TimeUnit.SECONDS)).getCode())
			.isEqualTo(Status.Code.CANCELLED);
	}

	@Test
	void aCompletedCallEndsWithOnComplete() throws Exception {
		StepVerifier
			.create(transport(WireProtocol.CONNECT, "proto").unary(ECHO, string("hi"),
					CallOptions.defaults().withHeader("x-track", "completed")))
			.expectNext(string("hi"))
			.verifyComplete();
		assertThat(tracker.end("completed").get(10, TimeUnit.SECONDS)).isEqualTo("complete");
	}

	@Test
	void aSafeMethodIsNoSideEffectsAndAnswersConnectGet() {
		assertThat(GrpcJavaService.of(service.bindService()).bindService().descriptor().method("Echo"))
			.extracting(MethodDescriptor::idempotencyLevel)
			.isEqualTo(IdempotencyLevel.NO_SIDE_EFFECTS);
		org.springframework.test.web.reactive.server.WebTestClient.bindToServer()
			.baseUrl(server.baseUrl())
			.build()
			.get()
			.uri(URI.create(
					server.baseUrl() + "/" + GrpcEchoService.NAME + "/Echo?encoding=json&connect=v1&message=%22hi%22"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.isEqualTo("\"hi\"");
	}

	@Test
	void aServiceWhoseMessagesAreNotProtobufIsRejectedNamingTheMethod() {
		io.grpc.MethodDescriptor.Marshaller<String> strings = new io.grpc.MethodDescriptor.Marshaller<>() {

			@Override
			public InputStream stream(String value) {
				return new ByteArrayInputStream(value.getBytes(StandardCharsets.UTF_8));
			}

			@Override
			public String parse(InputStream stream) {
				return "";
			}

		};
		io.grpc.MethodDescriptor<String, String> method = io.grpc.MethodDescriptor.<String, String>newBuilder()
			.setType(io.grpc.MethodDescriptor.MethodType.UNARY)
			.setFullMethodName("test.v1.Strings/Echo")
			.setRequestMarshaller(strings)
			.setResponseMarshaller(strings)
			.build();
		ServerServiceDefinition definition = ServerServiceDefinition.builder("test.v1.Strings")
			.addMethod(method, ServerCalls.asyncUnaryCall((request, responses) -> responses.onCompleted()))
			.build();
		assertThatIllegalArgumentException().isThrownBy(() -> GrpcJavaService.of(definition))
			.withMessageContaining("test.v1.Strings/Echo")
			.withMessageContaining("io.grpc.protobuf.ProtoUtils.marshaller");
	}

	/** Adds its name to the request metadata {@code x-seen}, so that {@link MetadataEcho} reports the order. */
	private record Recorder(String name) implements ServerInterceptor {

		@Override
		public <Req, Res> ServerCall.Listener<Req> interceptCall(ServerCall<Req, Res> call, io.grpc.Metadata headers,
				ServerCallHandler<Req, Res> next) {
			headers.put(SEEN, this.name);
			return next.startCall(call, headers);
		}

	}

	/**
	 * Answers {@code unauthenticated} itself to {@code x-deny}, and throws {@code permission_denied} at
	 * {@code x-throw}.
	 */
	private static final class Gatekeeper implements ServerInterceptor {

		@Override
		public <Req, Res> ServerCall.Listener<Req> interceptCall(ServerCall<Req, Res> call, io.grpc.Metadata headers,
				ServerCallHandler<Req, Res> next) {
			if (headers.containsKey(asciiKey("x-deny"))) {
				call.close(Status.UNAUTHENTICATED.withDescription("denied"), new io.grpc.Metadata());
				return new ServerCall.Listener<>() {
				};
			}
			if (headers.containsKey(asciiKey("x-throw"))) {
				throw new StatusRuntimeException(Status.PERMISSION_DENIED.withDescription("not you"));
			}
			return next.startCall(call, headers);
		}

	}

	/** Tells, for calls with {@code x-track: <id>}, how the listener heard them end. */
	private static final class Tracker implements ServerInterceptor {

		private final Map<String, CompletableFuture<String>> ends = new ConcurrentHashMap<>();

		CompletableFuture<String> end(String id) {
			return this.ends.computeIfAbsent(id, (key) -> new CompletableFuture<>());
		}

		@Override
		public <Req, Res> ServerCall.Listener<Req> interceptCall(ServerCall<Req, Res> call, io.grpc.Metadata headers,
				ServerCallHandler<Req, Res> next) {
			String id = headers.get(TRACK);
			ServerCall.Listener<Req> listener = next.startCall(call, headers);
			if (id == null) {
				return listener;
			}
			return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(listener) {

				@Override
				public void onComplete() {
					end(id).complete("complete");
					super.onComplete();
				}

				@Override
				public void onCancel() {
					end(id).complete("cancel");
					super.onCancel();
				}

			};
		}

	}

	/**
	 * Answers {@code x-in} as the response header {@code x-out}, {@code x-in-bin} as {@code x-out-bin}, and the
	 * values of {@code x-seen} as they arrived; adds the trailer {@code x-trailer: t}.
	 */
	private static final class MetadataEcho implements ServerInterceptor {

		@Override
		public <Req, Res> ServerCall.Listener<Req> interceptCall(ServerCall<Req, Res> call, io.grpc.Metadata headers,
				ServerCallHandler<Req, Res> next) {
			return next.startCall(new ForwardingServerCall.SimpleForwardingServerCall<>(call) {

				@Override
				public void sendHeaders(io.grpc.Metadata responseHeaders) {
					if (headers.containsKey(IN)) {
						responseHeaders.put(asciiKey("x-out"), headers.get(IN));
					}
					if (headers.containsKey(IN_BIN)) {
						responseHeaders.put(
								io.grpc.Metadata.Key.of("x-out-bin", io.grpc.Metadata.BINARY_BYTE_MARSHALLER),
								headers.get(IN_BIN));
					}
					Iterable<String> seen = headers.getAll(SEEN);
					if (seen != null) {
						seen.forEach((name) -> responseHeaders.put(SEEN, name));
					}
					super.sendHeaders(responseHeaders);
				}

				@Override
				public void close(Status status, io.grpc.Metadata trailers) {
					trailers.put(asciiKey("x-trailer"), "t");
					super.close(status, trailers);
				}

			}, headers);
		}

	}

}
