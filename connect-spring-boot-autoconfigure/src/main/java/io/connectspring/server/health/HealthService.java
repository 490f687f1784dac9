package io.connectspring.server.health;

import io.connectspring.Code;
import io.connectspring.ConnectException;
import io.connectspring.grpc.health.v1.Health;
import io.connectspring.grpc.health.v1.HealthCheckRequest;
import io.connectspring.grpc.health.v1.HealthCheckResponse;
import io.connectspring.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.connectspring.grpc.health.v1.HealthListRequest;
import io.connectspring.grpc.health.v1.HealthListResponse;
import io.connectspring.server.ConnectContext;
import io.connectspring.server.ConnectService;

import java.util.Map;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Serves {@code grpc.health.v1.Health} from a {@link HealthStatusManager}: {@code Check} answers at once (or fails
 * with {@link Code#NOT_FOUND} for an unknown service), {@code List} returns every known status, and {@code Watch}
 * streams a service's status until the client cancels. No method blocks.
 *
 * @see <a href="https://github.com/grpc/grpc/blob/master/doc/health-checking.md">gRPC Health Checking Protocol</a>
 */
@ConnectService
public final class HealthService implements Health {

	/** The most services {@code List} returns, as the protocol sets it. */
	static final int MAX_LISTED_SERVICES = 100;

	private final HealthStatusManager statuses;

	/** Serves the statuses of the given manager. */
	public HealthService(HealthStatusManager statuses) {
		this.statuses = statuses;
	}

	@Override
	public Mono<HealthCheckResponse> check(HealthCheckRequest request, ConnectContext context) {
		ServingStatus status = this.statuses.getStatus(request.getService());
		if (status == null) {
			return Mono.error(new ConnectException(Code.NOT_FOUND, "unknown service " + request.getService()));
		}
		return Mono.just(response(status));
	}

	@Override
	public Mono<HealthListResponse> list(HealthListRequest request, ConnectContext context) {
		Map<String, ServingStatus> all = this.statuses.getStatuses();
		if (all.size() > MAX_LISTED_SERVICES) {
			return Mono.error(new ConnectException(Code.RESOURCE_EXHAUSTED,
					"server has " + all.size() + " services, more than " + MAX_LISTED_SERVICES + " can be listed"));
		}
		HealthListResponse.Builder response = HealthListResponse.newBuilder();
		all.forEach((service, status) -> response.putStatuses(service, response(status)));
		return Mono.just(response.build());
	}

	@Override
	public Flux<HealthCheckResponse> watch(HealthCheckRequest request, ConnectContext context) {
		return this.statuses.watch(request.getService()).map(HealthService::response);
	}

	private static HealthCheckResponse response(ServingStatus status) {
		return HealthCheckResponse.newBuilder().setStatus(status).build();
	}

}
