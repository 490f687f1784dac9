package io.connectspring.internal.protocol;

import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class MessageCheckTests {

	private static Flux<Object> check(Flux<Object> messages, boolean exactlyOne) {
		return MessageCheck.check(messages, String.class, exactlyOne,
				(message) -> new IllegalArgumentException("wrong " + message), () -> new IllegalStateException("none"),
				() -> new IllegalStateException("many"));
	}

	@Test
	void exactlyOneMessageOfTheTypePasses() {
		StepVerifier.create(check(Flux.just("a"), true)).expectNext("a").verifyComplete();
	}

	@Test
	void completionWithoutAMessageFailsWhenOneIsPromised() {
		StepVerifier.create(check(Flux.empty(), true)).verifyErrorMessage("none");
		StepVerifier.create(check(Flux.empty(), false)).verifyComplete();
	}

	@Test
	void secondMessageFailsAndCancelsTheUpstream() {
		AtomicBoolean cancelled = new AtomicBoolean();
		StepVerifier.create(check(Flux.<Object>just("a", "b", "c").doOnCancel(() -> cancelled.set(true)), true))
			.expectNext("a")
			.verifyErrorMessage("many");
		StepVerifier.create(check(Flux.just("a", "b"), false)).expectNext("a", "b").verifyComplete();
		org.assertj.core.api.Assertions.assertThat(cancelled).isTrue();
	}

	@Test
	void messageOfAnotherTypeFails() {
		StepVerifier.create(check(Flux.just("a", 2), false)).expectNext("a").verifyErrorMessage("wrong 2");
	}

	@Test
	void upstreamErrorPassesUnchanged() {
		StepVerifier.create(check(Mono.error(new UnsupportedOperationException("own")).flux(), true))
			.verifyErrorMessage("own");
	}

	@Test
	void fuseableSourceWithAFuseableOperatorAfterTheCheckStillWorks() {
		StepVerifier.create(check(Flux.<Object>just("a").map((message) -> message), false).map((message) -> message))
			.expectNext("a")
			.verifyComplete();
	}

	@Test
	void exactlyOneAcceptsAnyType() {
		StepVerifier.create(MessageCheck.exactlyOne(Flux.just(1), () -> new IllegalStateException("none"),
				() -> new IllegalStateException("many")))
			.expectNext(1)
			.verifyComplete();
	}

}
