package io.connectspring.client;

import io.connectspring.Code;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CallTimeoutTests {

	private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

	@Test
	void withoutOwnTimeoutOrInheritedDeadlineThereIsNoLimit() {
		assertThat(CallTimeout.of(null, null, NOW)).isNull();
	}

	@Test
	void withOwnTimeoutOnlyTheCallTakesIt() {
		assertThat(CallTimeout.of(Duration.ofSeconds(2), null, NOW))
			.isEqualTo(new CallTimeout(Duration.ofSeconds(2), false));
	}

	@Test
	void withInheritedDeadlineOnlyTheCallTakesTheTimeLeft() {
		assertThat(CallTimeout.of(null, NOW.plusMillis(300), NOW))
			.isEqualTo(new CallTimeout(Duration.ofMillis(300), true));
	}

	@Test
	void whenTheInheritedDeadlineComesFirstTheCallTakesTheTimeLeft() {
		assertThat(CallTimeout.of(Duration.ofSeconds(5), NOW.plusMillis(300), NOW))
			.isEqualTo(new CallTimeout(Duration.ofMillis(300), true));
	}

	@Test
	void whenTheOwnTimeoutIsShorterTheCallTakesIt() {
		assertThat(CallTimeout.of(Duration.ofMillis(100), NOW.plusMillis(300), NOW))
			.isEqualTo(new CallTimeout(Duration.ofMillis(100), false));
	}

	@Test
	void whenBothAreEqualTheOwnTimeoutIsReported() {
		assertThat(CallTimeout.of(Duration.ofMillis(300), NOW.plusMillis(300), NOW))
			.isEqualTo(new CallTimeout(Duration.ofMillis(300), false));
	}

	@Test
	void whenTheInheritedDeadlineHasPassedNoTimeIsLeft() {
		CallTimeout timeout = CallTimeout.of(Duration.ofSeconds(5), NOW.minusMillis(1), NOW);
		assertThat(timeout).isEqualTo(new CallTimeout(Duration.ZERO, true));
		assertThat(timeout.expired()).isTrue();
		assertThat(timeout.exceeded().code()).isEqualTo(Code.DEADLINE_EXCEEDED);
		assertThat(timeout.exceeded()).hasMessageContaining("inherited").hasMessageContaining("before it was sent");
	}

	@Test
	void theErrorSaysWhichLimitPassed() {
		assertThat(new CallTimeout(Duration.ofMillis(250), true).exceeded())
			.hasMessageContaining("250 ms left of the deadline it inherited");
		assertThat(new CallTimeout(Duration.ofSeconds(2), false).exceeded())
			.hasMessageContaining("within its timeout of 2000 ms");
	}

}
