package io.connectspring.server.health;

import io.connectspring.Code;
import io.connectspring.ConnectException;
import io.connectspring.client.HttpConnectTransport;
import io.connectspring.fixtures.ConnectServerExtension;
import io.connectspring.grpc.health.v1.HealthCheckRequest;
import io.connectspring.grpc.health.v1.HealthCheckResponse;
import io.connectspring.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.connectspring.grpc.health.v1.HealthClient;
import io.connectspring.grpc.health.v1.HealthListRequest;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The health service over HTTP, called with the generated client. */
class HealthServiceTests {

	private static final HealthStatusManager statuses = new HealthStatusManager();

	@RegisterExtension
	static final ConnectServerExtension server = ConnectServerExtension.serving(new HealthService(statuses));

	private static final HttpConnectTransport transport = HttpConnectTransport.builder(server.baseUrl()).build();

	private final HealthClient client = new HealthClient(transport);

	@AfterAll
	static void closeTransport() {
		transport.close();
	}

	@Test
	void checkAnswersTheStatusOfAKnownService() {
		statuses.setStatus("", ServingStatus.SERVING);
		StepVerifier.create(this.client.check(request("")))
			.assertNext((response) -> assertThat(response.getStatus()).isEqualTo(ServingStatus.SERVING))
			.verifyComplete();
	}

	@Test
	void checkOfAnUnknownServiceFailsWithNotFound() {
		StepVerifier.create(this.client.check(request("nope.v1.Nope")))
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOfSatisfying(ConnectException.class,
					(connect) -> assertThat(connect.code()).isEqualTo(Code.NOT_FOUND)))
			.verify();
	}

	@Test
	void listReturnsEveryKnownStatus() {
		statuses.setStatus("list.v1.A", ServingStatus.NOT_SERVING);
		StepVerifier.create(this.client.list(HealthListRequest.getDefaultInstance()))
			.assertNext((response) -> assertThat(response.getStatusesMap()).containsEntry("list.v1.A",
					HealthCheckResponse.newBuilder().setStatus(ServingStatus.NOT_SERVING).build()))
			.verifyComplete();
	}

	@Test
	void listOfMoreThanAHundredServicesFailsWithResourceExhausted() {
		HealthStatusManager many = new HealthStatusManager();
		for (int i = 0; i <= HealthService.MAX_LISTED_SERVICES; i++) {
			many.setStatus("many.v1.S" + i, ServingStatus.SERVING);
		}
		StepVerifier.create(new HealthService(many).list(HealthListRequest.getDefaultInstance(), null))
			.expectErrorSatisfies((error) -> assertThat(((ConnectException) error).code())
				.isEqualTo(Code.RESOURCE_EXHAUSTED))
			.verify();
	}

	@Test
	void watchStreamsTheStatusAndItsChangesUntilTheClientCancels() {
		statuses.setStatus("watch.v1.W", ServingStatus.SERVING);
		StepVerifier.create(this.client.watch(request("watch.v1.W")).map(HealthCheckResponse::getStatus))
			.expectNext(ServingStatus.SERVING)
			.then(() -> statuses.setStatus("watch.v1.W", ServingStatus.NOT_SERVING))
			.expectNext(ServingStatus.NOT_SERVING)
			.then(() -> assertThat(statuses.watchCount()).isEqualTo(1))
			.thenCancel()
			.verify();
		await().until(() -> statuses.watchCount() == 0);
	}

	@Test
	void watchOfAnUnknownServiceSendsServiceUnknown() {
		StepVerifier.create(this.client.watch(request("unknown.v1.U")).map(HealthCheckResponse::getStatus))
			.expectNext(ServingStatus.SERVICE_UNKNOWN)
			.thenCancel()
			.verify();
	}

	private static HealthCheckRequest request(String service) {
		return HealthCheckRequest.newBuilder().setService(service).build();
	}

}
