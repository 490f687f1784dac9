package io.connectspring.boot.health;

import io.connectspring.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.connectspring.server.health.HealthStatusManager;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.StatusAggregator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;

/**
 * Copies Actuator's health into a {@link HealthStatusManager}, at start and then at a fixed interval, on a scheduler
 * that may block (health indicators often do), never on an event loop. One updater serves every health call and
 * watcher.
 * <p>
 * The server ({@code ""}) gets the status of the health endpoint ({@code /actuator/health}). A service with
 * health paths gets the aggregate of their statuses (each path names a health contributor or group, such as
 * {@code db} or {@code readiness}, nested with {@code /}); every other served service gets the server's status.
 * Actuator statuses map to serving statuses as {@code UP} → {@code SERVING}, {@code DOWN} and
 * {@code OUT_OF_SERVICE} → {@code NOT_SERVING}, anything else → {@code UNKNOWN}, unless the given mapping says
 * otherwise (status codes compare ignoring case). A path that names no contributor counts as {@code UNKNOWN}, with a
 * warning.
 * <p>
 * From start until the first reading, the statuses are {@code UNKNOWN}. A change of the application's availability
 * (readiness or liveness, such as the application becoming ready) triggers a reading at once, so the statuses need
 * not wait for the next interval. Readings never overlap. When the application stops, the statuses become
 * {@code NOT_SERVING} and every watch ends, before the web server shuts down gracefully.
 */
public final class ActuatorHealthUpdater implements SmartLifecycle, ApplicationListener<AvailabilityChangeEvent<?>> {

	private static final Log logger = LogFactory.getLog(ActuatorHealthUpdater.class);

	private final HealthStatusManager statuses;

	private final HealthEndpoint endpoint;

	private final StatusAggregator aggregator;

	private final Supplier<? extends Collection<String>> servedServices;

	private final Map<String, List<String>> servicePaths;

	private final Map<String, ServingStatus> mapping;

	private final Duration interval;

	private final Scheduler scheduler;

	private final Set<String> warnedPaths = ConcurrentHashMap.newKeySet();

	private final Object readingLock = new Object();

	private volatile @Nullable Disposable task;

	/**
	 * Creates an updater; nothing happens before {@link #start()}.
	 * @param statuses where statuses go
	 * @param endpoint Actuator's health endpoint
	 * @param aggregator combines the statuses of a service's paths
	 * @param servedServices the names of the served services, read at every update
	 * @param servicePaths the health paths of each service that has its own
	 * @param mapping Actuator status codes mapped to serving statuses, over the defaults
	 * @param interval the time between updates
	 * @param scheduler runs the updates; it must allow blocking
	 */
	public ActuatorHealthUpdater(HealthStatusManager statuses, HealthEndpoint endpoint, StatusAggregator aggregator,
			Supplier<? extends Collection<String>> servedServices, Map<String, List<String>> servicePaths,
			Map<String, ServingStatus> mapping, Duration interval, Scheduler scheduler) {
		if (interval.isNegative() || interval.isZero()) {
			throw new IllegalArgumentException(
					"connect.server.health.update-interval must be positive, not " + interval);
		}
		this.statuses = statuses;
		this.endpoint = endpoint;
		this.aggregator = aggregator;
		this.servedServices = servedServices;
		this.servicePaths = Map.copyOf(servicePaths);
		// Property binding may lower-case map keys; status codes compare case-insensitively here.
		Map<String, ServingStatus> upperCase = new HashMap<>();
		mapping.forEach((code, status) -> upperCase.put(code.toUpperCase(Locale.ROOT), status));
		this.mapping = Map.copyOf(upperCase);
		this.interval = interval;
		this.scheduler = scheduler;
	}

	/**
	 * Reads Actuator's health once and updates every status; blocks while health indicators run, and while another
	 * reading runs (so that an older reading never overwrites a newer one).
	 */
	public void update() {
		synchronized (this.readingLock) {
			Set<String> services = services();
			ServingStatus server = toServingStatus(this.endpoint.health().getStatus());
			this.statuses.setStatus(HealthStatusManager.SERVER, server);
			for (String service : services) {
				if (service.equals(HealthStatusManager.SERVER)) {
					continue;
				}
				List<String> paths = this.servicePaths.get(service);
				this.statuses.setStatus(service, (paths != null) ? aggregate(paths) : server);
			}
		}
	}

	/** Returns the server's name, the served services and the services with health paths. */
	private Set<String> services() {
		Set<String> services = new LinkedHashSet<>();
		services.add(HealthStatusManager.SERVER);
		services.addAll(this.servedServices.get());
		services.addAll(this.servicePaths.keySet());
		return services;
	}

	private ServingStatus aggregate(List<String> paths) {
		Set<Status> found = new LinkedHashSet<>();
		for (String path : paths) {
			HealthDescriptor health = this.endpoint.healthForPath(path.split("/"));
			if (health == null) {
				if (this.warnedPaths.add(path)) {
					logger.warn("Health path '" + path + "' in connect.server.health.services names no health"
							+ " contributor or group; it counts as UNKNOWN");
				}
				found.add(Status.UNKNOWN);
			}
			else {
				found.add(health.getStatus());
			}
		}
		return toServingStatus(this.aggregator.getAggregateStatus(found));
	}

	/** Returns the serving status of an Actuator status. */
	ServingStatus toServingStatus(Status status) {
		ServingStatus mapped = this.mapping.get(status.getCode().toUpperCase(Locale.ROOT));
		if (mapped != null) {
			return mapped;
		}
		return switch (status.getCode()) {
			case "UP" -> ServingStatus.SERVING;
			case "DOWN", "OUT_OF_SERVICE" -> ServingStatus.NOT_SERVING;
			default -> ServingStatus.UNKNOWN;
		};
	}

	private void updateAndLog() {
		try {
			update();
		}
		catch (RuntimeException ex) {
			// The previous statuses stay; the next update tries again.
			logger.warn("Could not update the gRPC health statuses from Actuator's health", ex);
		}
	}

	@Override
	public void start() {
		if (this.task == null) {
			// Until the first reading, known services are UNKNOWN rather than not found.
			for (String service : services()) {
				if (this.statuses.getStatus(service) == null) {
					this.statuses.setStatus(service, ServingStatus.UNKNOWN);
				}
			}
			this.task = this.scheduler.schedulePeriodically(this::updateAndLog, 0, this.interval.toMillis(),
					TimeUnit.MILLISECONDS);
		}
	}

	/** Reads Actuator's health at once, on the scheduler, when the application's availability changes. */
	@Override
	public void onApplicationEvent(AvailabilityChangeEvent<?> event) {
		if (this.task != null) {
			this.scheduler.schedule(this::updateAndLog);
		}
	}

	@Override
	public void stop() {
		Disposable running = this.task;
		if (running != null) {
			running.dispose();
			this.task = null;
		}
		this.statuses.enterTerminalState();
	}

	@Override
	public boolean isRunning() {
		return this.task != null;
	}

	/** Stops before the web server's graceful shutdown, so that watches end and clients move away first. */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE;
	}

}
