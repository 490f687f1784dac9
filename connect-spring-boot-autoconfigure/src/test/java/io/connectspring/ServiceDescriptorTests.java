package io.connectspring;

import io.connectspring.grpc.health.v1.HealthConnect;
import io.connectspring.grpc.health.v1.HealthProto;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ServiceDescriptorTests {

	@Test
	void suppliedSchemaIsLookedUpOnFirstUseOnly() {
		AtomicInteger lookups = new AtomicInteger();
		ServiceDescriptor service = new ServiceDescriptor(HealthConnect.SERVICE_NAME,
				HealthConnect.DESCRIPTOR.methods(),
				() -> {
					lookups.incrementAndGet();
					return HealthProto.getDescriptor().findServiceByName("Health");
				});
		assertThat(lookups).hasValue(0);
		assertThat(service.schema().getFullName()).isEqualTo("grpc.health.v1.Health");
		assertThat(service.schema()).isSameAs(service.schema());
		assertThat(lookups).hasValue(1);
	}

	@Test
	void suppliedSchemaOfAnotherServiceFailsWhenLookedUp() {
		ServiceDescriptor service = new ServiceDescriptor("other.v1.Other", List.of(),
				() -> HealthProto.getDescriptor().findServiceByName("Health"));
		assertThatIllegalArgumentException().isThrownBy(service::schema)
			.withMessage("Schema of service grpc.health.v1.Health does not describe service other.v1.Other");
	}

	@Test
	void givenSchemaOfAnotherServiceFailsAtOnce() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ServiceDescriptor("other.v1.Other", List.of(),
				HealthProto.getDescriptor().findServiceByName("Health")));
	}

	@Test
	void serviceWithoutSchemaHasNone() {
		assertThat(new ServiceDescriptor("other.v1.Other", List.of()).schema()).isNull();
	}

	@Test
	void methodOfAnotherServiceIsRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ServiceDescriptor("other.v1.Other", HealthConnect.DESCRIPTOR.methods()))
			.withMessageContaining("does not belong to service other.v1.Other");
	}

	@Test
	void descriptorsWithTheSameNameAndMethodsAreEqual() {
		ServiceDescriptor copy = new ServiceDescriptor(HealthConnect.SERVICE_NAME, HealthConnect.DESCRIPTOR.methods());
		assertThat(copy).isEqualTo(HealthConnect.DESCRIPTOR).hasSameHashCodeAs(HealthConnect.DESCRIPTOR);
	}

}
