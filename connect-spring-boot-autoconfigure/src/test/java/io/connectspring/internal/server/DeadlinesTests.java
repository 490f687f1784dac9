package io.connectspring.internal.server;

import io.connectspring.fixtures.EchoService;
import io.connectspring.internal.protocol.InheritedDeadline;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

class DeadlinesTests {

	private static CallState state() {
		return TestCallStates.of(EchoService.ECHO);
	}

	@Test
	void aDeadlineAppliedToAServiceIsInTheContextOfItsPipeline() {
		CallState state = state();
		Flux<Instant> seen = Flux.deferContextual((context) -> Mono.justOrEmpty(InheritedDeadline.find(context)));
		StepVerifier.create(Deadlines.apply(seen, Duration.ofSeconds(5), state))
			.assertNext((deadline) -> assertThat(deadline).isEqualTo(state.deadline()))
			.verifyComplete();
	}

	@Test
	void aCallWithoutTimeoutPutsNoDeadlineInTheContext() {
		Flux<Instant> seen = Flux.deferContextual((context) -> Mono.justOrEmpty(InheritedDeadline.find(context)));
		StepVerifier.create(Deadlines.apply(seen, null, state())).verifyComplete();
	}

}
