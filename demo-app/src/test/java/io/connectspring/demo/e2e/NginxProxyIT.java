package io.connectspring.demo.e2e;

import io.connectspring.CallSide;
import io.connectspring.Code;
import io.connectspring.ConnectException;
import io.connectspring.ConnectInterceptor;
import io.connectspring.InterceptorScope;
import io.connectspring.client.CallOptions;
import io.connectspring.client.HttpConnectTransport;
import io.connectspring.client.HttpVersion;
import io.connectspring.client.ResponseMetadata;
import io.connectspring.client.WireProtocol;
import io.connectspring.demo.DemoApplication;
import io.connectspring.demo.greet.v1.GreetRequest;
import io.connectspring.demo.greet.v1.GreetResponse;
import io.connectspring.demo.greet.v1.GreetServiceClient;
import io.connectspring.demo.greet.v1.GreetServiceGrpc;
import io.connectspring.demo.greet.v1.GreetStreamRequest;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.google.protobuf.Any;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The demo behind nginx configured with exactly {@code docs/nginx/connect.conf} (see {@link NginxProxy}): Connect and
 * gRPC-Web through the HTTP/1.1 proxy, from the HTTP/1.1 and the HTTP/2 listener, with the generated clients over
 * {@link HttpConnectTransport}; gRPC through {@code grpc_pass}, with grpc-java and with the generated clients. All four
 * kinds of call, errors keeping their code, and streams that nginx passes on message by message: a server stream's
 * first message arrives while the server still holds back the second ({@link StreamGate}), and over HTTP/2 a bidi
 * call's answer arrives before the next request is sent. Skipped when {@code nginx} is not on the PATH.
 */
@SpringBootTest(classes = { DemoApplication.class, TestTriggersConfiguration.class, NginxProxyIT.StreamGate.class },
		webEnvironment = WebEnvironment.RANDOM_PORT)
@Timeout(60)
class NginxProxyIT {

	/** How long a message may take through the proxy before the test calls it held back. */
	private static final Duration ARRIVAL = Duration.ofSeconds(10);

	private static NginxProxy nginx;

	@LocalServerPort
	private int port;

	@Autowired
	private StreamGate gate;

	private final List<HttpConnectTransport> transports = new ArrayList<>();

	private ManagedChannel channel;

	record Target(WireProtocol protocol, HttpVersion httpVersion) {

		@Override
		public String toString() {
			return this.protocol + " " + this.httpVersion;
		}

	}

	static Stream<Target> targets() {
		return Stream.of(new Target(WireProtocol.CONNECT, HttpVersion.HTTP_1_1),
				new Target(WireProtocol.CONNECT, HttpVersion.H2C), new Target(WireProtocol.GRPC_WEB, HttpVersion.HTTP_1_1),
				new Target(WireProtocol.GRPC_WEB, HttpVersion.H2C), new Target(WireProtocol.GRPC, HttpVersion.H2C));
	}

	static Stream<Target> http2Targets() {
		return targets().filter((target) -> target.httpVersion() == HttpVersion.H2C);
	}

	@BeforeAll
	static void nginxIsInstalled() {
		Assumptions.assumeTrue(NginxProxy.onPath(),
				"nginx is not on the PATH: install Debian's nginx package to run the reverse-proxy tests");
	}

	@BeforeEach
	void startNginxAndOpenChannel() throws Exception {
		if (nginx == null) {
			nginx = NginxProxy.start(NginxProxy.documentedConfig(), this.port);
		}
		this.channel = ManagedChannelBuilder.forAddress("127.0.0.1", nginx.h2cPort()).usePlaintext().build();
		this.gate.close();
	}

	@AfterEach
	void closeClients() throws InterruptedException {
		this.gate.open();
		this.transports.forEach(HttpConnectTransport::close);
		this.channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
	}

	@AfterAll
	static void stopNginx() throws Exception {
		if (nginx != null) {
			nginx.close();
			nginx = null;
		}
	}

	private GreetServiceClient client(Target target) {
		String baseUrl = (target.httpVersion() == HttpVersion.H2C) ? nginx.h2cUrl() : nginx.http1Url();
		HttpConnectTransport transport = HttpConnectTransport.builder(baseUrl)
			.protocol(target.protocol())
			.httpVersion(target.httpVersion())
			.build();
		this.transports.add(transport);
		return new GreetServiceClient(transport);
	}

	private static GreetRequest named(String name) {
		return GreetRequest.newBuilder().setName(name).build();
	}

	private static GreetStreamRequest stream(String name, int count) {
		return GreetStreamRequest.newBuilder().setName(name).setCount(count).build();
	}

	// The generated clients: Connect and gRPC-Web through proxy_pass, gRPC through grpc_pass.

	@ParameterizedTest(name = "{0}")
	@MethodSource("targets")
	void unaryPassesWithItsResponseHeaders(Target target) {
		ResponseMetadata metadata = new ResponseMetadata();
		StepVerifier.create(client(target).greet(named("Ada"), CallOptions.defaults().withResponseMetadata(metadata)))
			.assertNext((response) -> assertThat(response.getGreeting()).isEqualTo("Hello, Ada!"))
			.verifyComplete();
		assertThat(metadata.headers().getFirst("greet-version")).isEqualTo("v1");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("targets")
	void clientStreamPasses(Target target) {
		StepVerifier.create(client(target).greetEveryone(Flux.just(named("Ada"), named("Grace"))))
			.assertNext((response) -> assertThat(response.getGreeting()).isEqualTo("Hello, Ada!\nHello, Grace!\n"))
			.verifyComplete();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("targets")
	void serverStreamPasses(Target target) {
		StepVerifier.create(client(target).greetStream(stream("Ada", 1000)).map(GreetResponse::getGreeting))
			.expectNext("Hello, Ada! #1")
			.expectNextCount(998)
			.expectNext("Hello, Ada! #1000")
			.verifyComplete();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("targets")
	void bidiStreamPasses(Target target) {
		StepVerifier.create(client(target).converse(Flux.just(named("Ada"), named("Grace"))).map(GreetResponse::getGreeting))
			.expectNext("Hello, Ada!", "Hello, Grace!")
			.verifyComplete();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("targets")
	void errorsKeepTheirCode(Target target) {
		GreetServiceClient client = client(target);
		StepVerifier.create(client.greet(named("")))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOfSatisfying(ConnectException.class, (error) -> {
				assertThat(error.code()).isEqualTo(Code.INVALID_ARGUMENT);
				assertThat(error.rawMessage()).isEqualTo("name is required");
			}))
			.verify(ARRIVAL);
		StepVerifier.create(client.greetStream(stream("Ada", -1)))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOfSatisfying(ConnectException.class,
					(error) -> assertThat(error.code()).isEqualTo(Code.INVALID_ARGUMENT)))
			.verify(ARRIVAL);
		ConnectException failed = catchThrowableOfType(ConnectException.class,
				() -> client.greet(named("Ada"), CallOptions.defaults().withHeader("x-fail", "permission_denied"))
					.block(ARRIVAL));
		assertThat(failed.code()).isEqualTo(Code.PERMISSION_DENIED);
		assertThat(failed.details()).singleElement()
			.satisfies((detail) -> assertThat(detail.unpack(GreetResponse.class))
				.contains(TestTriggersConfiguration.FAILURE_DETAIL));
		assertThat(failed.metadata().getFirst("x-error-meta")).isEqualTo("m");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("targets")
	void serverStreamIsNotBuffered(Target target) {
		StepVerifier
			.create(client(target).greetStream(stream("Ada", 2), CallOptions.defaults().withHeader(StreamGate.HEADER, "1"))
				.map(GreetResponse::getGreeting))
			.assertNext((first) -> {
				assertThat(first).isEqualTo("Hello, Ada! #1");
				assertThat(this.gate.isOpen()).as("the server still holds back the second message").isFalse();
			})
			.then(this.gate::open)
			.expectNext("Hello, Ada! #2")
			.expectComplete()
			.verify(ARRIVAL);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("http2Targets")
	void bidiIsFullDuplexOverHttp2(Target target) {
		Sinks.Many<GreetRequest> requests = Sinks.many().unicast().onBackpressureBuffer();
		StepVerifier.create(client(target).converse(requests.asFlux()).map(GreetResponse::getGreeting))
			.then(() -> requests.tryEmitNext(named("Ada")))
			.expectNext("Hello, Ada!")
			.then(() -> requests.tryEmitNext(named("Grace")))
			.expectNext("Hello, Grace!")
			.then(requests::tryEmitComplete)
			.expectComplete()
			.verify(ARRIVAL);
	}

	// grpc-java through grpc_pass.

	@Test
	void grpcJavaUnaryAndErrorsPass() {
		GreetServiceGrpc.GreetServiceBlockingStub stub = GreetServiceGrpc.newBlockingStub(this.channel);
		assertThat(stub.greet(named("Ada")).getGreeting()).isEqualTo("Hello, Ada!");
		assertThatExceptionOfType(StatusRuntimeException.class).isThrownBy(() -> stub.greet(named("")))
			.satisfies((ex) -> {
				assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
				assertThat(ex.getStatus().getDescription()).isEqualTo("name is required");
			});
		Metadata headers = new Metadata();
		headers.put(Metadata.Key.of("x-fail", Metadata.ASCII_STRING_MARSHALLER), "failed_precondition");
		assertThatExceptionOfType(StatusRuntimeException.class)
			.isThrownBy(() -> stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
				.greet(named("Ada")))
			.satisfies((ex) -> {
				assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
				assertThat(StatusProto.fromThrowable(ex).getDetailsList())
					.containsExactly(Any.pack(TestTriggersConfiguration.FAILURE_DETAIL));
			});
	}

	@Test
	void grpcJavaStreamsPass() throws Exception {
		Recorder everyone = new Recorder();
		StreamObserver<GreetRequest> names = GreetServiceGrpc.newStub(this.channel).greetEveryone(everyone);
		names.onNext(named("Ada"));
		names.onNext(named("Grace"));
		names.onCompleted();
		assertThat(everyone.next()).isEqualTo("Hello, Ada!\nHello, Grace!\n");
		assertThat(everyone.done.get(ARRIVAL.toSeconds(), TimeUnit.SECONDS)).isNull();

		Iterator<GreetResponse> greetings = GreetServiceGrpc.newBlockingStub(this.channel)
			.greetStream(stream("Ada", 1000));
		int count = 0;
		while (greetings.hasNext()) {
			assertThat(greetings.next().getGreeting()).isEqualTo("Hello, Ada! #" + ++count);
		}
		assertThat(count).isEqualTo(1000);
	}

	@Test
	void grpcJavaBidiIsFullDuplex() throws Exception {
		Recorder answers = new Recorder();
		StreamObserver<GreetRequest> requests = GreetServiceGrpc.newStub(this.channel).converse(answers);
		requests.onNext(named("Ada"));
		assertThat(answers.next()).isEqualTo("Hello, Ada!");
		requests.onNext(named("Grace"));
		assertThat(answers.next()).isEqualTo("Hello, Grace!");
		requests.onCompleted();
		assertThat(answers.done.get(ARRIVAL.toSeconds(), TimeUnit.SECONDS)).isNull();
	}

	@Test
	void grpcJavaServerStreamIsNotBuffered() throws Exception {
		Metadata headers = new Metadata();
		headers.put(Metadata.Key.of(StreamGate.HEADER, Metadata.ASCII_STRING_MARSHALLER), "1");
		Recorder greetings = new Recorder();
		GreetServiceGrpc.newStub(this.channel)
			.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
			.greetStream(stream("Ada", 2), greetings);
		assertThat(greetings.next()).isEqualTo("Hello, Ada! #1");
		assertThat(this.gate.isOpen()).as("the server still holds back the second message").isFalse();
		this.gate.open();
		assertThat(greetings.next()).isEqualTo("Hello, Ada! #2");
		assertThat(greetings.done.get(ARRIVAL.toSeconds(), TimeUnit.SECONDS)).isNull();
	}

	/** Hands over a response stream's greetings one at a time, as they arrive; {@link #done} ends with the call. */
	private static final class Recorder implements StreamObserver<GreetResponse> {

		private final BlockingQueue<String> greetings = new LinkedBlockingQueue<>();

		private final CompletableFuture<Void> done = new CompletableFuture<>();

		/** The next greeting; fails when none arrives within {@link #ARRIVAL}. */
		String next() throws InterruptedException {
			String greeting = this.greetings.poll(ARRIVAL.toMillis(), TimeUnit.MILLISECONDS);
			assertThat(greeting).as("a greeting within %s (call ended: %s)", ARRIVAL, this.done).isNotNull();
			return greeting;
		}

		@Override
		public void onNext(GreetResponse value) {
			this.greetings.add(value.getGreeting());
		}

		@Override
		public void onError(Throwable error) {
			this.done.completeExceptionally(error);
		}

		@Override
		public void onCompleted() {
			this.done.complete(null);
		}

	}

	/**
	 * A server-side interceptor that, for calls with the header {@code x-gate}, sends the first response and holds back
	 * the rest until the test {@linkplain #open() opens} the gate: a client that sees the first message before the
	 * gate opens got it while the server had not finished, so the proxy did not buffer the stream.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class StreamGate {

		static final String HEADER = "x-gate";

		private volatile Sinks.Empty<Void> gate = Sinks.empty();

		private volatile boolean open;

		void close() {
			this.open = false;
			this.gate = Sinks.empty();
		}

		void open() {
			this.open = true;
			this.gate.tryEmitEmpty();
		}

		boolean isOpen() {
			return this.open;
		}

		@Bean
		@InterceptorScope(CallSide.SERVER)
		ConnectInterceptor streamGate() {
			return (call, requests, next) -> {
				if (!call.requestHeaders().containsHeader(HEADER)) {
					return next.proceed(requests);
				}
				Mono<Void> opened = this.gate.asMono();
				return next.proceed(requests)
					.index()
					.concatMap((indexed) -> (indexed.getT1() == 0) ? Mono.just(indexed.getT2())
							: opened.then(Mono.just(indexed.getT2())));
			};
		}

	}

}
