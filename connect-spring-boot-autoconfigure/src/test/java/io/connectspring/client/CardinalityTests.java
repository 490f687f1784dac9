package io.connectspring.client;

import io.connectspring.Code;
import io.connectspring.ConnectException;
import io.connectspring.fixtures.EchoService;

import com.google.protobuf.Message;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import reactor.test.publisher.TestPublisher;

import static io.connectspring.fixtures.EchoService.string;
import static org.assertj.core.api.Assertions.assertThat;

class CardinalityTests {

	@Test
	void aUnaryRequestPassesAlone() {
		StepVerifier.create(Cardinality.requests(EchoService.ECHO, Flux.just(string("a"))))
			.expectNext(string("a"))
			.verifyComplete();
	}

	@Test
	void aSecondRequestOfAServerStreamFailsAndCancelsTheRest() {
		TestPublisher<Message> requests = TestPublisher.create();
		StepVerifier.create(Cardinality.requests(EchoService.COUNT, requests.flux()))
			.then(() -> requests.next(EchoService.int32(1), EchoService.int32(2)))
			.expectNext(EchoService.int32(1))
			.expectErrorSatisfies((error) -> assertCode(error, Code.INTERNAL, "more than one request message"))
			.verify();
		requests.assertCancelled();
	}

	@Test
	void noRequestOfAUnaryCallFails() {
		StepVerifier.create(Cardinality.requests(EchoService.ECHO, Flux.empty()))
			.expectErrorSatisfies((error) -> assertCode(error, Code.INTERNAL, "no request message"))
			.verify();
	}

	@Test
	void clientStreamsMayCarryAnyNumberOfRequests() {
		StepVerifier.create(Cardinality.requests(EchoService.SUM, Flux.empty()))
			.verifyComplete();
		StepVerifier
			.create(Cardinality.requests(EchoService.CHAT,
					Flux.just(string("a"), string("b"))))
			.expectNextCount(2)
			.verifyComplete();
	}

	@Test
	void aUnaryResponseWaitsForTheEndOfTheCall() {
		TestPublisher<Message> responses = TestPublisher.create();
		StepVerifier.create(Cardinality.responses(EchoService.ECHO, responses.flux()))
			.then(() -> responses.next(string("a")))
			.expectNext(string("a"))
			.then(() -> responses.error(new ConnectException(Code.DATA_LOSS, "trailers say so")))
			.expectErrorSatisfies((error) -> assertCode(error, Code.DATA_LOSS, "trailers say so"))
			.verify();
	}

	@Test
	void aSecondResponseOfAClientStreamIsUnimplemented() {
		StepVerifier
			.create(Cardinality.responses(EchoService.SUM,
					Flux.just(EchoService.int32(1), EchoService.int32(2))))
			.expectNextCount(1)
			.expectErrorSatisfies((error) -> assertCode(error, Code.UNIMPLEMENTED, "more than one response message"))
			.verify();
	}

	@Test
	void noResponseOfAUnaryCallIsUnimplemented() {
		StepVerifier.create(Cardinality.responses(EchoService.ECHO, Flux.empty()))
			.expectErrorSatisfies((error) -> assertCode(error, Code.UNIMPLEMENTED, "no response message"))
			.verify();
	}

	@Test
	void serverStreamsMayCarryAnyNumberOfResponses() {
		StepVerifier.create(Cardinality.responses(EchoService.COUNT, Flux.empty()))
			.verifyComplete();
	}

	private static void assertCode(Throwable error, Code code, String message) {
		assertThat(error).isInstanceOf(ConnectException.class).hasMessageContaining(message);
		assertThat(((ConnectException) error).code()).isEqualTo(code);
	}

}
