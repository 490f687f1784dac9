package io.connectspring.demo;

import io.connectspring.Code;
import io.connectspring.ConnectException;
import io.connectspring.demo.greet.v1.GreetResponse;
import io.connectspring.demo.greet.v1.GreetStreamRequest;
import io.connectspring.server.ConnectContext;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/** The pacing of {@code GreetStream} by {@code interval_ms}, on Reactor's virtual clock. */
class GreetServiceImplTests {

	private final GreetServiceImpl service = new GreetServiceImpl();

	private final ConnectContext context = mock(ConnectContext.class);

	@Test
	void streamWithAnIntervalWaitsThatLongBeforeEachGreeting() {
		GreetStreamRequest request = GreetStreamRequest.newBuilder().setName("Ada").setCount(3).setIntervalMs(500).build();
		StepVerifier.withVirtualTime(() -> this.service.greetStream(request, this.context).map(GreetResponse::getGreeting))
			.expectSubscription()
			.expectNoEvent(Duration.ofMillis(500))
			.expectNext("Hello, Ada! #1")
			.expectNoEvent(Duration.ofMillis(500))
			.expectNext("Hello, Ada! #2")
			.expectNoEvent(Duration.ofMillis(500))
			.expectNext("Hello, Ada! #3")
			.verifyComplete();
	}

	@Test
	void streamWithoutAnIntervalSendsEveryGreetingAtOnce() {
		GreetStreamRequest request = GreetStreamRequest.newBuilder().setName("Ada").setCount(2).build();
		StepVerifier.withVirtualTime(() -> this.service.greetStream(request, this.context).map(GreetResponse::getGreeting))
			.expectNext("Hello, Ada! #1", "Hello, Ada! #2")
			.verifyComplete();
	}

	@Test
	void negativeIntervalIsAnInvalidArgument() {
		GreetStreamRequest request = GreetStreamRequest.newBuilder().setName("Ada").setCount(1).setIntervalMs(-1).build();
		StepVerifier.create(this.service.greetStream(request, this.context)).verifyErrorSatisfies((error) -> {
			assertThat(error).isInstanceOf(ConnectException.class);
			assertThat(((ConnectException) error).code()).isEqualTo(Code.INVALID_ARGUMENT);
			assertThat(((ConnectException) error).rawMessage()).isEqualTo("interval_ms must not be negative");
		});
	}

}
