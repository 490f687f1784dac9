package io.connectspring.internal.protocol;

import java.time.Instant;

import io.micrometer.context.ThreadLocalAccessor;
import org.junit.jupiter.api.Test;
import reactor.util.context.Context;

import static org.assertj.core.api.Assertions.assertThat;

class InheritedDeadlineTests {

	private static final Instant DEADLINE = Instant.parse("2026-01-01T00:00:00Z");

	@Test
	void aContextWithoutDeadlineOnAThreadWithoutOneHasNone() {
		assertThat(InheritedDeadline.find(Context.empty())).isNull();
	}

	@Test
	void theDeadlineIsFoundInTheReactorContext() {
		assertThat(InheritedDeadline.find(InheritedDeadline.put(Context.empty(), DEADLINE))).isEqualTo(DEADLINE);
	}

	@Test
	void withoutOneInTheContextTheThreadsDeadlineIsFoundUntilTheAccessorResetsIt() {
		ThreadLocalAccessor<Instant> accessor = InheritedDeadline.threadLocalAccessor();
		accessor.setValue(DEADLINE);
		try {
			assertThat(accessor.getValue()).isEqualTo(DEADLINE);
			assertThat(InheritedDeadline.find(Context.empty())).isEqualTo(DEADLINE);
			Instant later = DEADLINE.plusSeconds(1);
			assertThat(InheritedDeadline.find(InheritedDeadline.put(Context.empty(), later))).isEqualTo(later);
		}
		finally {
			accessor.setValue();
		}
		assertThat(InheritedDeadline.find(Context.empty())).isNull();
	}

	@Test
	void theAccessorKeyIsTheContextKeySoThatContextPropagationRestoresIt() {
		assertThat(InheritedDeadline.threadLocalAccessor().key()).isEqualTo(InheritedDeadline.KEY);
	}

}
