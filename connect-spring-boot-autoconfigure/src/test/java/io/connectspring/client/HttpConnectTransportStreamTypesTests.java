package io.connectspring.client;

import io.connectspring.fixtures.ConnectServerExtension;
import io.connectspring.fixtures.EchoService;
import io.connectspring.server.ConnectRouterFunctionBuilder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import com.google.protobuf.StringValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.test.web.reactive.server.HttpHandlerConnector;
import org.springframework.web.reactive.function.server.RouterFunctions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

import static io.connectspring.fixtures.EchoService.int32;
import static io.connectspring.fixtures.EchoService.string;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * All four stream types, with both codecs: over HTTP/1.1 and h2c against our own server, and over a Spring
 * {@code ClientHttpConnector} (spring-test's in-memory {@link HttpHandlerConnector} on our router, see
 * {@link HttpConnectTransportConnectorTests}) in the two protocols that need no HTTP trailers.
 */
class HttpConnectTransportStreamTypesTests {

	@RegisterExtension
	static final ConnectServerExtension server = new ConnectServerExtension();

	private static final List<HttpConnectTransport> transports = new ArrayList<>();

	/** Transports over a socket to {@link #server}. */
	static Stream<Named<Supplier<HttpConnectTransport>>> serverTransports() {
		List<Named<Supplier<HttpConnectTransport>>> arguments = new ArrayList<>();
		for (HttpVersion version : List.of(HttpVersion.HTTP_1_1, HttpVersion.H2C)) {
			for (String codec : List.of("proto", "json")) {
				arguments.add(Named.of(version + " " + codec, () -> track(
						HttpConnectTransport.builder(server.baseUrl()).httpVersion(version).codec(codec).build())));
			}
		}
		return arguments.stream();
	}

	/** {@link #serverTransports()}, and transports over the in-memory connector. */
	static Stream<Named<Supplier<HttpConnectTransport>>> transports() {
		List<Named<Supplier<HttpConnectTransport>>> arguments = new ArrayList<>(serverTransports().toList());
		HttpHandlerConnector connector = new HttpHandlerConnector(RouterFunctions
			.toHttpHandler(new ConnectRouterFunctionBuilder().service("echo", new EchoService()).build()));
		for (WireProtocol protocol : List.of(WireProtocol.CONNECT, WireProtocol.GRPC_WEB)) {
			for (String codec : List.of("proto", "json")) {
				arguments.add(Named.of("connector " + protocol + " " + codec,
						() -> track(HttpConnectTransport.builder("http://localhost")
							.clientHttpConnector(connector)
							.protocol(protocol)
							.codec(codec)
							.build())));
			}
		}
		return arguments.stream();
	}

	private static HttpConnectTransport track(HttpConnectTransport transport) {
		transports.add(transport);
		return transport;
	}

	@AfterAll
	static void closeTransports() {
		transports.forEach(HttpConnectTransport::close);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("transports")
	void unaryCallReturnsTheResponseWithHeadersAndTrailers(Supplier<HttpConnectTransport> transport) {
		ResponseMetadata metadata = new ResponseMetadata();
		StepVerifier
			.create(transport.get()
				.unary(EchoService.ECHO, string("hello"), CallOptions.defaults().withResponseMetadata(metadata)))
			.expectNext(string("hello"))
			.verifyComplete();
		assertThat(metadata.headers().get("x-multi")).containsExactly("a", "b");
		assertThat(metadata.trailers().getFirst("x-trailer")).isEqualTo("t");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("transports")
	void clientStreamSendsAllRequestsAndReturnsOneResponse(Supplier<HttpConnectTransport> transport) {
		StepVerifier
			.create(transport.get()
				.clientStream(EchoService.SUM, Flux.just(int32(1), int32(2), int32(39)), CallOptions.defaults()))
			.expectNext(int32(42))
			.verifyComplete();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("serverTransports")
	void clientStreamWithoutRequestsStillGetsTheResponse(Supplier<HttpConnectTransport> transport) {
		StepVerifier.create(transport.get().clientStream(EchoService.SUM, Flux.empty(), CallOptions.defaults()))
			.expectNext(int32(0))
			.verifyComplete();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("transports")
	void serverStreamReturnsEveryResponse(Supplier<HttpConnectTransport> transport) {
		StepVerifier.create(transport.get().serverStream(EchoService.COUNT, int32(3), CallOptions.defaults()))
			.expectNext(string("1"), string("2"), string("3"))
			.verifyComplete();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("transports")
	void bidiStreamIsFullDuplex(Supplier<HttpConnectTransport> transport) {
		// Each request is published only after the response to the previous one has arrived: a half-duplex exchange
		// (the request body collected before the service runs) would wait until the verification's time is up.
		Sinks.Many<StringValue> requests = Sinks.many().unicast().onBackpressureBuffer();
		StepVerifier.create(transport.get().bidiStream(EchoService.CHAT, requests.asFlux(), CallOptions.defaults()))
			.then(() -> requests.tryEmitNext(string("one")))
			.expectNext(string("you said one"))
			.then(() -> requests.tryEmitNext(string("two")))
			.expectNext(string("you said two"))
			.then(requests::tryEmitComplete)
			.expectComplete()
			.verify(Duration.ofSeconds(10));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("serverTransports")
	void largeServerStreamArrivesInOrder(Supplier<HttpConnectTransport> transport) {
		List<StringValue> responses = transport.get()
			.serverStream(EchoService.COUNT, int32(2000), CallOptions.defaults())
			.collectList()
			.block();
		assertThat(responses).hasSize(2000);
		assertThat(responses.get(1999)).isEqualTo(string("2000"));
	}

}
