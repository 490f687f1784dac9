package io.connectspring.demo.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import io.connectspring.Code;
import io.connectspring.ConnectException;
import io.connectspring.ConnectInterceptor;
import io.connectspring.client.BidiStreamCall;
import io.connectspring.client.CallOptions;
import io.connectspring.client.HttpConnectTransport;
import io.connectspring.client.HttpVersion;
import io.connectspring.client.ResponseMetadata;
import io.connectspring.client.WireProtocol;
import io.connectspring.demo.greet.v1.GreetRequest;
import io.connectspring.demo.greet.v1.GreetResponse;
import io.connectspring.demo.greet.v1.GreetServiceBlockingClient;
import io.connectspring.demo.greet.v1.GreetServiceClient;
import io.connectspring.demo.greet.v1.GreetStreamRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The generated clients over {@link HttpConnectTransport} against two real servers: connect-es
 * ({@code greet-server.mjs}, which nobody here wrote, serving Connect, gRPC and gRPC-Web on the same routes) and the
 * demo application. Every scenario runs for each server, each wire protocol, HTTP/1.1 and h2c (gRPC: h2c only),
 * proto and JSON. Scenarios that need the Node server's test-only triggers (chosen error codes with details, slow
 * answers, echoed headers and trailers) run against the Node server only, full-duplex ones over HTTP/2 only. Targets
 * a peer does not serve yet are skipped (see {@link GreetPeer#serves}).
 */
@Timeout(30)
class GreetClientIT {

	@RegisterExtension
	static final NodeGreetServer node = new NodeGreetServer();

	@RegisterExtension
	static final DemoGreetServer demo = new DemoGreetServer();

	private static final Duration SHORT_TIMEOUT = Duration.ofMillis(300);

	private final List<HttpConnectTransport> transports = new ArrayList<>();

	record Target(GreetPeer peer, WireProtocol protocol, HttpVersion httpVersion, String codec) {

		@Override
		public String toString() {
			return this.peer.name() + " " + this.protocol + " " + this.httpVersion + " " + this.codec;
		}

	}

	static Stream<Target> targets() {
		List<Target> targets = new ArrayList<>();
		for (GreetPeer peer : List.<GreetPeer>of(node, demo)) {
			for (WireProtocol protocol : WireProtocol.values()) {
				for (HttpVersion version : List.of(HttpVersion.HTTP_1_1, HttpVersion.H2C)) {
					if (protocol == WireProtocol.GRPC && version == HttpVersion.HTTP_1_1) {
						continue; // gRPC needs HTTP/2
					}
					for (String codec : List.of("proto", "json")) {
						targets.add(new Target(peer, protocol, version, codec));
					}
				}
			}
		}
		return targets.stream();
	}

	/** The Connect targets: the GET requests option applies to the Connect protocol only. */
	static Stream<Target> connectTargets() {
		return targets().filter((target) -> target.protocol() == WireProtocol.CONNECT);
	}

	/** The targets whose peer has the test-only triggers (the Node server). */
	static Stream<Target> triggerTargets() {
		return targets().filter((target) -> target.peer().hasTestTriggers());
	}

	/** The targets over HTTP/2, where streams are full-duplex. */
	static Stream<Target> http2Targets() {
		return targets().filter((target) -> target.httpVersion() == HttpVersion.H2C);
	}

	/**
	 * The targets that serve bidi streams: connect-es serves them over HTTP/2 only (over HTTP/1.1 it answers 505 HTTP
	 * Version Not Supported).
	 */
	static Stream<Target> bidiTargets() {
		return targets()
			.filter((target) -> target.httpVersion() != HttpVersion.HTTP_1_1 || target.peer().servesBidiOverHttp1());
	}

	@AfterEach
	void closeTransports() {
		this.transports.forEach(HttpConnectTransport::close);
	}

	private HttpConnectTransport transport(Target target, UnaryOperator<HttpConnectTransport.Builder> customizer) {
		HttpConnectTransport transport = customizer
			.apply(HttpConnectTransport.builder(target.peer().baseUrl(target.httpVersion()))
				.protocol(target.protocol())
				.httpVersion(target.httpVersion())
				.codec(target.codec()))
			.build();
		this.transports.add(transport);
		return transport;
	}

	private GreetServiceClient client(Target target) {
		return new GreetServiceClient(transport(target, UnaryOperator.identity()));
	}

	private GreetServiceBlockingClient blockingClient(Target target) {
		return new GreetServiceBlockingClient(transport(target, UnaryOperator.identity()));
	}

	private static GreetRequest named(String name) {
		return GreetRequest.newBuilder().setName(name).build();
	}

	private static List<String> greetings(List<GreetResponse> responses) {
		return responses.stream().map(GreetResponse::getGreeting).toList();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("targets")
	void unaryAnswersWithTheGreetingAndTheGreetVersionHeader(Target target) {
		ResponseMetadata metadata = new ResponseMetadata();
		GreetResponse response = client(target)
			.greet(named("Ada"), CallOptions.defaults().withResponseMetadata(metadata))
			.block();
		assertThat(response.getGreeting()).isEqualTo("Hello, Ada!");
		assertThat(metadata.headers().getFirst("greet-version")).isEqualTo("v1");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("targets")
	void blockingUnaryAnswersWithTheGreeting(Target target) {
		assertThat(blockingClient(target).greet(named("Grace")).getGreeting()).isEqualTo("Hello, Grace!");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("connectTargets")
	void unaryOverHttpGetAnswersWithTheGreeting(Target target) {
		GreetServiceClient client = new GreetServiceClient(transport(target, (builder) -> builder.getRequests(true)));
		assertThat(client.greet(named("Linus")).block().getGreeting()).isEqualTo("Hello, Linus!");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("targets")
	void clientStreamAnswersOneLinePerRequest(Target target) {
		StepVerifier.create(client(target).greetEveryone(Flux.just(named("Ada"), named("Grace"), named("Linus"))))
			.assertNext((response) -> assertThat(response.getGreeting())
				.isEqualTo("Hello, Ada!\nHello, Grace!\nHello, Linus!\n"))
			.verifyComplete();
		assertThat(blockingClient(target).greetEveryone(List.of(named("Ada"))).getGreeting())
			.isEqualTo("Hello, Ada!\n");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("targets")
	void serverStreamSendsCountGreetings(Target target) {
		GreetStreamRequest request = GreetStreamRequest.newBuilder().setName("Ada").setCount(3).build();
		List<String> expected = List.of("Hello, Ada! #1", "Hello, Ada! #2", "Hello, Ada! #3");
		assertThat(greetings(client(target).greetStream(request).collectList().block())).isEqualTo(expected);
		try (Stream<GreetResponse> responses = blockingClient(target).greetStream(request)) {
			assertThat(responses.map(GreetResponse::getGreeting)).containsExactlyElementsOf(expected);
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("bidiTargets")
	void bidiStreamAnswersEachRequest(Target target) {
		Flux<GreetResponse> responses = client(target)
			.converse(Flux.just(named("Ada"), named("Grace"), named("Linus")));
		assertThat(greetings(responses.collectList().block())).containsExactly("Hello, Ada!", "Hello, Grace!",
				"Hello, Linus!");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("bidiTargets")
	void blockingBidiSendsThenReceives(Target target) {
		try (BidiStreamCall<GreetRequest, GreetResponse> call = blockingClient(target).converse()) {
			call.send(named("Ada"));
			call.send(named("Grace"));
			call.closeSend();
			assertThat(call.receive().getGreeting()).isEqualTo("Hello, Ada!");
			assertThat(call.receive().getGreeting()).isEqualTo("Hello, Grace!");
			assertThat(call.receive()).isNull();
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("http2Targets")
	void blockingBidiIsFullDuplexOverHttp2(Target target) {
		try (BidiStreamCall<GreetRequest, GreetResponse> call = blockingClient(target).converse()) {
			for (String name : List.of("Ada", "Grace", "Linus")) {
				call.send(named(name));
				assertThat(call.receive().getGreeting()).isEqualTo("Hello, " + name + "!");
			}
			call.closeSend();
			assertThat(call.receive()).isNull();
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("http2Targets")
	void reactiveBidiIsFullDuplexOverHttp2(Target target) {
		Sinks.Many<GreetRequest> requests = Sinks.many().unicast().onBackpressureBuffer();
		StepVerifier.create(client(target).converse(requests.asFlux()))
			.then(() -> requests.tryEmitNext(named("Ada")))
			.assertNext((response) -> assertThat(response.getGreeting()).isEqualTo("Hello, Ada!"))
			.then(() -> requests.tryEmitNext(named("Grace")))
			.assertNext((response) -> assertThat(response.getGreeting()).isEqualTo("Hello, Grace!"))
			.then(requests::tryEmitComplete)
			.verifyComplete();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("targets")
	void gzipCompressesLargeMessagesBothWays(Target target) {
		String name = "Ada".repeat(1000);
		GreetServiceClient client = new GreetServiceClient(
				transport(target, (builder) -> builder.sendCompression("gzip")));
		assertThat(client.greet(named(name)).block().getGreeting()).isEqualTo("Hello, " + name + "!");
		GreetStreamRequest request = GreetStreamRequest.newBuilder().setName(name).setCount(2).build();
		assertThat(client.greetStream(request).collectList().block()).hasSize(2);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("targets")
	void invalidArgumentCarriesCodeAndMessage(Target target) {
		GreetServiceBlockingClient blocking = blockingClient(target);
		ConnectException unary = catchThrowableOfType(ConnectException.class, () -> blocking.greet(named("")));
		assertThat(unary.code()).isEqualTo(Code.INVALID_ARGUMENT);
		assertThat(unary.rawMessage()).isEqualTo("name is required");
		GreetStreamRequest negative = GreetStreamRequest.newBuilder().setName("Ada").setCount(-1).build();
		StepVerifier.create(client(target).greetStream(negative))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOfSatisfying(ConnectException.class,
					(error) -> {
						assertThat(error.code()).isEqualTo(Code.INVALID_ARGUMENT);
						assertThat(error.rawMessage()).isEqualTo("count must not be negative");
					}))
			.verify();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("triggerTargets")
	void errorsCarryTheServersCodeMessageAndDetails(Target target) {
		GreetServiceBlockingClient blocking = blockingClient(target);
		ConnectException error = catchThrowableOfType(ConnectException.class,
				() -> blocking.greet(named("fail:permission_denied")));
		assertThat(error.code()).isEqualTo(Code.PERMISSION_DENIED);
		assertThat(error.rawMessage()).isEqualTo("failed as asked: permission_denied");
		assertThat(error.details()).singleElement()
			.satisfies((detail) -> assertThat(detail.unpack(GreetResponse.class)).get()
				.extracting(GreetResponse::getGreeting)
				.isEqualTo("detail of permission_denied"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("triggerTargets")
	void errorsCarryTheResponseHeadersAndTrailersAsMetadata(Target target) {
		GreetServiceClient client = client(target);
		StepVerifier
			.create(client.greet(named("fail:aborted"), CallOptions.defaults().withHeader("x-echo", "unary")))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOfSatisfying(ConnectException.class, (error) -> {
				assertThat(error.code()).isEqualTo(Code.ABORTED);
				assertThat(error.metadata().getFirst("x-echo-trailer")).isEqualTo("unary");
			}))
			.verify();
		StepVerifier
			.create(client.greetStream(GreetStreamRequest.newBuilder().setName("fail:data_loss").setCount(1).build(),
					CallOptions.defaults().withHeader("x-echo", "stream")))
			.expectNextCount(1)
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOfSatisfying(ConnectException.class, (error) -> {
				assertThat(error.code()).isEqualTo(Code.DATA_LOSS);
				assertThat(error.details()).hasSize(1);
				assertThat(error.metadata().getFirst("x-echo")).isEqualTo("stream");
				assertThat(error.metadata().getFirst("x-echo-trailer")).isEqualTo("stream");
			}))
			.verify();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("targets")
	void callsSpeakTheChosenProtocolOnTheWire(Target target) {
		List<String> seen = new ArrayList<>();
		ConnectInterceptor recorder = (call, requests, next) -> next.proceed(requests)
			.doOnComplete(() -> seen.add(call.protocol() + " " + call.responseHeaders().getFirst("content-type")));
		GreetServiceClient client = new GreetServiceClient(
				transport(target, (builder) -> builder.interceptors(List.of(recorder))));
		StepVerifier.create(client.greet(named("Ada"))).expectNextCount(1).verifyComplete();
		String expected = switch (target.protocol()) {
			case CONNECT -> "connect application/" + target.codec();
			case GRPC -> "grpc application/grpc" + (target.codec().equals("json") ? "+json" : "");
			case GRPC_WEB -> "grpcweb application/grpc-web+" + target.codec();
		};
		assertThat(seen).singleElement().asString().startsWith(expected);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("triggerTargets")
	void streamErrorAfterMessagesArrivesAfterThem(Target target) {
		GreetStreamRequest request = GreetStreamRequest.newBuilder().setName("fail:resource_exhausted").setCount(2).build();
		StepVerifier.create(client(target).greetStream(request))
			.expectNextCount(2)
			.expectErrorSatisfies((ex) -> {
				assertThat(ex).isInstanceOf(ConnectException.class);
				ConnectException error = (ConnectException) ex;
				assertThat(error.code()).isEqualTo(Code.RESOURCE_EXHAUSTED);
				assertThat(error.details()).hasSize(1);
			})
			.verify();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("targets")
	void clientStreamThatNeverEndsExceedsItsDeadline(Target target) {
		Flux<GreetRequest> endless = Flux.concat(Flux.just(named("Ada")), Flux.never());
		StepVerifier.create(client(target).greetEveryone(endless, CallOptions.defaults().withTimeout(SHORT_TIMEOUT)))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOfSatisfying(ConnectException.class,
					(error) -> assertThat(error.code()).isEqualTo(Code.DEADLINE_EXCEEDED)))
			.verify();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("http2Targets")
	void bidiStreamThatNeverEndsExceedsItsDeadline(Target target) {
		Flux<GreetRequest> endless = Flux.concat(Flux.just(named("Ada")), Flux.never());
		// Long enough for the first answer even on a cold JVM, short enough to keep the test quick.
		CallOptions options = CallOptions.defaults().withTimeout(Duration.ofSeconds(2));
		StepVerifier.create(client(target).converse(endless, options))
			.assertNext((response) -> assertThat(response.getGreeting()).isEqualTo("Hello, Ada!"))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOfSatisfying(ConnectException.class,
					(error) -> assertThat(error.code()).isEqualTo(Code.DEADLINE_EXCEEDED)))
			.verify();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("triggerTargets")
	void slowUnaryExceedsTheTransportsDefaultTimeout(Target target) {
		GreetServiceBlockingClient client = new GreetServiceBlockingClient(
				transport(target, (builder) -> builder.timeout(SHORT_TIMEOUT)));
		ConnectException error = catchThrowableOfType(ConnectException.class,
				() -> client.greet(named("slow:10000")));
		assertThat(error.code()).isEqualTo(Code.DEADLINE_EXCEEDED);
		assertThat(client.greet(named("slow:1")).getGreeting()).isEqualTo("Hello, slow!");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("triggerTargets")
	void requestHeadersAreSentAndResponseHeadersAndTrailersReturned(Target target) {
		GreetServiceClient client = client(target);
		ResponseMetadata unary = new ResponseMetadata();
		// Trailers are filled when the call ends; Mono#block returns at the response, before the end, so wait for it.
		StepVerifier
			.create(client.greet(named("Ada"),
					CallOptions.defaults().withHeader("x-echo", "one").withResponseMetadata(unary)))
			.expectNextCount(1)
			.verifyComplete();
		assertThat(unary.headers().getFirst("x-echo")).isEqualTo("one");
		assertThat(unary.trailers().getFirst("x-echo-trailer")).isEqualTo("one");

		ResponseMetadata stream = new ResponseMetadata();
		GreetStreamRequest request = GreetStreamRequest.newBuilder().setName("Ada").setCount(1).build();
		client.greetStream(request, CallOptions.defaults().withHeader("x-echo", "two").withResponseMetadata(stream))
			.blockLast();
		assertThat(stream.headers().getFirst("x-echo")).isEqualTo("two");
		assertThat(stream.trailers().getFirst("x-echo-trailer")).isEqualTo("two");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("triggerTargets")
	void transportHeadersAreSentWithEveryCall(Target target) {
		GreetServiceClient client = new GreetServiceClient(
				transport(target, (builder) -> builder.header("x-echo", "always")));
		ResponseMetadata metadata = new ResponseMetadata();
		StepVerifier
			.create(client.greetEveryone(Flux.just(named("Ada")), CallOptions.defaults().withResponseMetadata(metadata)))
			.expectNextCount(1)
			.verifyComplete();
		assertThat(metadata.headers().getFirst("x-echo")).isEqualTo("always");
		assertThat(metadata.trailers().getFirst("x-echo-trailer")).isEqualTo("always");
	}

}
