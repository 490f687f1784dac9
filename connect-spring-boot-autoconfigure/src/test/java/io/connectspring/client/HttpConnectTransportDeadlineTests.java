package io.connectspring.client;

import io.connectspring.Code;
import io.connectspring.ConnectException;

import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.time.Instant;

import com.google.protobuf.Message;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

class HttpConnectTransportDeadlineTests {

	private static final CallTimeout THIRTY_SECONDS = new CallTimeout(Duration.ofSeconds(30), false);

	@Test
	void streamClosedAfterTheDeadlinePassedIsDeadlineExceededEvenBeforeTheTimerFires() {
		// A server enforcing the same deadline (grpc-go resets the stream) can beat a busy client's own timer.
		Flux<Message> closed = Flux.error(new ClosedChannelException());
		StepVerifier
			.create(HttpConnectTransport.withDeadline(closed, THIRTY_SECONDS, Instant.now().minusMillis(1)))
			.verifyErrorSatisfies((error) -> assertThat(error).isInstanceOfSatisfying(ConnectException.class,
					(connect) -> assertThat(connect.code()).isEqualTo(Code.DEADLINE_EXCEEDED)));
	}

	@Test
	void streamClosedBeforeTheDeadlineIsLeftAsItIs() {
		Flux<Message> closed = Flux.error(new ClosedChannelException());
		StepVerifier
			.create(HttpConnectTransport.withDeadline(closed, THIRTY_SECONDS, Instant.now().plusSeconds(30)))
			.verifyError(ClosedChannelException.class);
	}

	@Test
	void statusTheServerSentAfterTheDeadlineIsKept() {
		Flux<Message> failed = Flux.error(new ConnectException(Code.UNAVAILABLE, "overloaded"));
		StepVerifier
			.create(HttpConnectTransport.withDeadline(failed, THIRTY_SECONDS, Instant.now().minusMillis(1)))
			.verifyErrorSatisfies((error) -> assertThat(((ConnectException) error).code()).isEqualTo(Code.UNAVAILABLE));
	}

	@Test
	void timerFiringEndsTheCallWithDeadlineExceeded() {
		StepVerifier
			.create(HttpConnectTransport.withDeadline(Flux.never(), new CallTimeout(Duration.ofMillis(20), false),
					Instant.now().plusMillis(20)))
			.verifyErrorSatisfies((error) -> assertThat(((ConnectException) error).code())
				.isEqualTo(Code.DEADLINE_EXCEEDED));
	}

}
