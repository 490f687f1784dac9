package io.connectspring.client;

import io.connectspring.fixtures.EchoService;

import java.time.Duration;

import com.google.protobuf.StringValue;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

import static io.connectspring.fixtures.EchoService.int32;
import static io.connectspring.fixtures.EchoService.string;

/**
 * One call of each stream type to an {@link EchoService}, each verified to its end: what a transport must carry
 * alike whichever way it reaches the server (HTTP version, connector, protocol, codec).
 */
final class EchoCalls {

	private EchoCalls() {
	}

	/** A unary call with the given options answers its request. */
	static void unaryAnswers(HttpConnectTransport transport, CallOptions options) {
		StepVerifier.create(transport.unary(EchoService.ECHO, string("hello"), options))
			.expectNext(string("hello"))
			.verifyComplete();
	}

	/** A client stream sends every request: 1, 2 and 39 sum to 42. */
	static void clientStreamSendsEveryRequest(HttpConnectTransport transport) {
		StepVerifier
			.create(transport.clientStream(EchoService.SUM, Flux.just(int32(1), int32(2), int32(39)),
					CallOptions.defaults()))
			.expectNext(int32(42))
			.verifyComplete();
	}

	/** A server stream returns every response, in order. */
	static void serverStreamReturnsEveryResponse(HttpConnectTransport transport) {
		StepVerifier.create(transport.serverStream(EchoService.COUNT, int32(3), CallOptions.defaults()))
			.expectNext(string("1"), string("2"), string("3"))
			.verifyComplete();
	}

	/**
	 * A bidi stream is full duplex: each request is published only after the response to the previous one has
	 * arrived, so a half-duplex exchange (the request body collected before the service runs) fails after 10 seconds.
	 */
	static void bidiStreamIsFullDuplex(HttpConnectTransport transport) {
		Sinks.Many<StringValue> requests = Sinks.many().unicast().onBackpressureBuffer();
		StepVerifier.create(transport.bidiStream(EchoService.CHAT, requests.asFlux(), CallOptions.defaults()))
			.then(() -> requests.tryEmitNext(string("one")))
			.expectNext(string("you said one"))
			.then(() -> requests.tryEmitNext(string("two")))
			.expectNext(string("you said two"))
			.then(requests::tryEmitComplete)
			.expectComplete()
			.verify(Duration.ofSeconds(10));
	}

}
