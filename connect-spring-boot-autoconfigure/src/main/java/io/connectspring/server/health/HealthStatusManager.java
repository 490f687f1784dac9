package io.connectspring.server.health;

import io.connectspring.grpc.health.v1.HealthCheckResponse.ServingStatus;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Sinks;

/**
 * Holds the serving status of each service the health service reports on; the empty name stands for the whole
 * server. Something sets statuses (in a Spring Boot application, the Actuator health updater does); the
 * {@link HealthService} reads them.
 * <p>
 * Thread-safe. Reading never blocks. Every watcher shares one stream of changes: a change costs one filter per open
 * watcher, and a watcher holds at most one undelivered status (the latest), so a slow watcher costs no memory.
 *
 * @see <a href="https://github.com/grpc/grpc/blob/master/doc/health-checking.md">gRPC Health Checking Protocol</a>
 */
public final class HealthStatusManager {

	/** The name that stands for the whole server. */
	public static final String SERVER = "";

	private final Object lock = new Object();

	private final Map<String, ServingStatus> statuses = new ConcurrentHashMap<>();

	private final Sinks.Many<Change> changes = Sinks.many().multicast().directBestEffort();

	private boolean terminal;

	/**
	 * Sets the status of a service; watchers of the service see it if it differs from the previous one. Ignored once
	 * {@link #enterTerminalState()} was called.
	 * @param service the fully qualified service name, or {@link #SERVER}
	 * @param status {@code SERVING}, {@code NOT_SERVING} or {@code UNKNOWN}
	 * @throws IllegalArgumentException for {@code SERVICE_UNKNOWN} (use {@link #clearStatus(String)}) or
	 * {@code UNRECOGNIZED}
	 */
	public void setStatus(String service, ServingStatus status) {
		Objects.requireNonNull(service, "service");
		if (status == ServingStatus.SERVICE_UNKNOWN || status == ServingStatus.UNRECOGNIZED) {
			throw new IllegalArgumentException("A service's status is SERVING, NOT_SERVING or UNKNOWN, not " + status
					+ "; forget a service with clearStatus");
		}
		synchronized (this.lock) {
			if (!this.terminal && this.statuses.put(service, status) != status) {
				this.changes.tryEmitNext(new Change(service, status));
			}
		}
	}

	/**
	 * Forgets a service: {@code Check} fails with {@code not_found} for it, and its watchers see
	 * {@code SERVICE_UNKNOWN}. Ignored once {@link #enterTerminalState()} was called.
	 */
	public void clearStatus(String service) {
		synchronized (this.lock) {
			if (!this.terminal && this.statuses.remove(service) != null) {
				this.changes.tryEmitNext(new Change(service, ServingStatus.SERVICE_UNKNOWN));
			}
		}
	}

	/** Returns the status of a service, or {@code null} if the service is unknown. */
	public @Nullable ServingStatus getStatus(String service) {
		return this.statuses.get(service);
	}

	/** Returns a snapshot of every known service's status, sorted by name. */
	public Map<String, ServingStatus> getStatuses() {
		return new TreeMap<>(this.statuses);
	}

	/**
	 * Returns the status of a service at once ({@code SERVICE_UNKNOWN} if unknown), then each change, until the
	 * subscriber cancels or {@link #enterTerminalState()} is called. Consecutive equal statuses are sent once; a
	 * subscriber that reads slowly skips to the latest status.
	 */
	public Flux<ServingStatus> watch(String service) {
		return Flux.<ServingStatus>create((sink) -> {
			Disposable subscription;
			// Under the lock no change can slip between the current status and the subscription to changes.
			synchronized (this.lock) {
				sink.next(this.statuses.getOrDefault(service, ServingStatus.SERVICE_UNKNOWN));
				if (this.terminal) {
					sink.complete();
					return;
				}
				subscription = this.changes.asFlux()
					.filter((change) -> change.service().equals(service))
					.subscribe((change) -> sink.next(change.status()), sink::error, sink::complete);
			}
			sink.onDispose(subscription);
		}, FluxSink.OverflowStrategy.LATEST).distinctUntilChanged();
	}

	/**
	 * Sets every known service {@code NOT_SERVING}, ends every watch after it, and ignores later changes; for a server
	 * shutting down, so that clients move to other servers and no watch holds a graceful shutdown back. Idempotent.
	 */
	public void enterTerminalState() {
		synchronized (this.lock) {
			if (this.terminal) {
				return;
			}
			this.statuses.replaceAll((service, status) -> {
				if (status != ServingStatus.NOT_SERVING) {
					this.changes.tryEmitNext(new Change(service, ServingStatus.NOT_SERVING));
				}
				return ServingStatus.NOT_SERVING;
			});
			this.terminal = true;
			this.changes.tryEmitComplete();
		}
	}

	/** Returns how many watches are open. */
	int watchCount() {
		return this.changes.currentSubscriberCount();
	}

	private record Change(String service, ServingStatus status) {
	}

}
