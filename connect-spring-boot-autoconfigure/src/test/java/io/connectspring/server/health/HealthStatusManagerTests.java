package io.connectspring.server.health;

import io.connectspring.grpc.health.v1.HealthCheckResponse.ServingStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.entry;

class HealthStatusManagerTests {

	private final HealthStatusManager statuses = new HealthStatusManager();

	@Test
	void unknownServiceHasNoStatusUntilOneIsSet() {
		assertThat(this.statuses.getStatus("a.v1.A")).isNull();
		this.statuses.setStatus("a.v1.A", ServingStatus.SERVING);
		assertThat(this.statuses.getStatus("a.v1.A")).isEqualTo(ServingStatus.SERVING);
		this.statuses.clearStatus("a.v1.A");
		assertThat(this.statuses.getStatus("a.v1.A")).isNull();
	}

	@Test
	void serviceUnknownCannotBeSetAsAStatus() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.statuses.setStatus("a.v1.A", ServingStatus.SERVICE_UNKNOWN))
			.withMessageContaining("clearStatus");
	}

	@Test
	void watchSendsTheCurrentStatusThenEachChangeOnce() {
		this.statuses.setStatus("a.v1.A", ServingStatus.SERVING);
		StepVerifier.create(this.statuses.watch("a.v1.A"))
			.expectNext(ServingStatus.SERVING)
			.then(() -> this.statuses.setStatus("a.v1.A", ServingStatus.SERVING))
			.then(() -> this.statuses.setStatus("b.v1.B", ServingStatus.NOT_SERVING))
			.then(() -> this.statuses.setStatus("a.v1.A", ServingStatus.NOT_SERVING))
			.expectNext(ServingStatus.NOT_SERVING)
			.then(() -> this.statuses.clearStatus("a.v1.A"))
			.expectNext(ServingStatus.SERVICE_UNKNOWN)
			.thenCancel()
			.verify();
	}

	@Test
	void watchOfAnUnknownServiceSendsServiceUnknownAndStaysOpenUntilTheServiceIsKnown() {
		StepVerifier.create(this.statuses.watch("late.v1.Late"))
			.expectNext(ServingStatus.SERVICE_UNKNOWN)
			.then(() -> this.statuses.setStatus("late.v1.Late", ServingStatus.SERVING))
			.expectNext(ServingStatus.SERVING)
			.thenCancel()
			.verify();
	}

	@Test
	void cancelledWatchesLeaveNothingBehind() {
		List<Disposable> watches = new ArrayList<>();
		for (int i = 0; i < 10_000; i++) {
			watches.add(this.statuses.watch("a.v1.A").subscribe());
		}
		assertThat(this.statuses.watchCount()).isEqualTo(10_000);
		watches.forEach(Disposable::dispose);
		assertThat(this.statuses.watchCount()).isZero();
	}

	@Test
	void manyWatchersShareOneStreamOfChangesAndEachSeesTheChange() {
		List<AtomicReference<ServingStatus>> seen = new ArrayList<>();
		List<Disposable> watches = new ArrayList<>();
		for (int i = 0; i < 1_000; i++) {
			AtomicReference<ServingStatus> last = new AtomicReference<>();
			seen.add(last);
			watches.add(this.statuses.watch("a.v1.A").subscribe(last::set));
		}
		this.statuses.setStatus("a.v1.A", ServingStatus.NOT_SERVING);
		assertThat(seen).allSatisfy((last) -> assertThat(last).hasValue(ServingStatus.NOT_SERVING));
		watches.forEach(Disposable::dispose);
	}

	@Test
	void slowWatcherSkipsToTheLatestStatus() {
		this.statuses.setStatus("a.v1.A", ServingStatus.SERVING);
		StepVerifier.create(this.statuses.watch("a.v1.A"), 1)
			.expectNext(ServingStatus.SERVING)
			.then(() -> {
				this.statuses.setStatus("a.v1.A", ServingStatus.NOT_SERVING);
				this.statuses.setStatus("a.v1.A", ServingStatus.UNKNOWN);
				this.statuses.setStatus("a.v1.A", ServingStatus.NOT_SERVING);
			})
			.thenRequest(1)
			.expectNext(ServingStatus.NOT_SERVING)
			.thenCancel()
			.verify();
	}

	@Test
	void terminalStateSetsEveryServiceNotServingEndsWatchesAndIgnoresLaterChanges() {
		this.statuses.setStatus("", ServingStatus.SERVING);
		this.statuses.setStatus("a.v1.A", ServingStatus.SERVING);
		StepVerifier.create(this.statuses.watch("a.v1.A"))
			.expectNext(ServingStatus.SERVING)
			.then(this.statuses::enterTerminalState)
			.expectNext(ServingStatus.NOT_SERVING)
			.verifyComplete();
		this.statuses.setStatus("a.v1.A", ServingStatus.SERVING);
		assertThat(this.statuses.getStatuses()).containsOnly(
				entry("", ServingStatus.NOT_SERVING),
				entry("a.v1.A", ServingStatus.NOT_SERVING));
		StepVerifier.create(this.statuses.watch("a.v1.A")).expectNext(ServingStatus.NOT_SERVING).verifyComplete();
	}

}
