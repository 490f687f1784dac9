package io.connectspring.client;

import io.connectspring.fixtures.ConnectServerExtension;
import io.connectspring.fixtures.EchoService;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.google.protobuf.StringValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

import static io.connectspring.fixtures.EchoService.int32;
import static io.connectspring.fixtures.EchoService.string;
import static org.assertj.core.api.Assertions.assertThat;

/** All four stream types, over HTTP/1.1 and h2c, with both codecs, against our own server. */
class HttpConnectTransportStreamTypesTests {

	@RegisterExtension
	static final ConnectServerExtension server = new ConnectServerExtension();

	private static final List<HttpConnectTransport> transports = new ArrayList<>();

	static Stream<Arguments> transports() {
		List<Arguments> arguments = new ArrayList<>();
		for (HttpVersion version : List.of(HttpVersion.HTTP_1_1, HttpVersion.H2C)) {
			for (String codec : List.of("proto", "json")) {
				arguments.add(Arguments.of(version, codec));
			}
		}
		return arguments.stream();
	}

	private static HttpConnectTransport transport(HttpVersion version, String codec) {
		HttpConnectTransport transport = HttpConnectTransport.builder(server.baseUrl())
			.httpVersion(version)
			.codec(codec)
			.build();
		transports.add(transport);
		return transport;
	}

	@AfterAll
	static void closeTransports() {
		transports.forEach(HttpConnectTransport::close);
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("transports")
	void unaryCallReturnsTheResponse(HttpVersion version, String codec) {
		StepVerifier.create(transport(version, codec).unary(EchoService.ECHO, string("hello"), CallOptions.defaults()))
			.expectNext(string("hello"))
			.verifyComplete();
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("transports")
	void clientStreamSendsAllRequestsAndReturnsOneResponse(HttpVersion version, String codec) {
		StepVerifier
			.create(transport(version, codec).clientStream(EchoService.SUM, Flux.just(int32(1), int32(2), int32(39)),
					CallOptions.defaults()))
			.expectNext(int32(42))
			.verifyComplete();
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("transports")
	void clientStreamWithoutRequestsStillGetsTheResponse(HttpVersion version, String codec) {
		StepVerifier
			.create(transport(version, codec).clientStream(EchoService.SUM, Flux.empty(), CallOptions.defaults()))
			.expectNext(int32(0))
			.verifyComplete();
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("transports")
	void serverStreamReturnsEveryResponse(HttpVersion version, String codec) {
		StepVerifier.create(transport(version, codec).serverStream(EchoService.COUNT, int32(3), CallOptions.defaults()))
			.expectNext(string("1"), string("2"), string("3"))
			.verifyComplete();
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("transports")
	void bidiStreamIsFullDuplex(HttpVersion version, String codec) {
		Sinks.Many<StringValue> requests = Sinks.many().unicast().onBackpressureBuffer();
		// Each request is sent only after the previous response arrived: this only ends if both directions flow.
		StepVerifier
			.create(transport(version, codec).bidiStream(EchoService.CHAT, requests.asFlux(), CallOptions.defaults()))
			.then(() -> requests.tryEmitNext(string("a")))
			.expectNext(string("you said a"))
			.then(() -> requests.tryEmitNext(string("b")))
			.expectNext(string("you said b"))
			.then(requests::tryEmitComplete)
			.verifyComplete();
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("transports")
	void largeServerStreamArrivesInOrder(HttpVersion version, String codec) {
		List<StringValue> responses = transport(version, codec)
			.serverStream(EchoService.COUNT, int32(2000), CallOptions.defaults())
			.collectList()
			.block();
		assertThat(responses).hasSize(2000);
		assertThat(responses.get(1999)).isEqualTo(string("2000"));
	}

}
