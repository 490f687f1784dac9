package io.connectspring.examples.validation;

import io.connectspring.Code;
import io.connectspring.ConnectException;
import io.connectspring.boot.test.ConnectTest;
import io.connectspring.demo.DemoApplication;
import io.connectspring.demo.GreetServiceImpl;
import io.connectspring.demo.greet.v1.GreetRequest;
import io.connectspring.demo.greet.v1.GreetServiceBlockingClient;
import io.connectspring.validation.ValidationInterceptor;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@ConnectTest(GreetServiceImpl.class)
@ContextConfiguration(classes = DemoApplication.class)
@Import(StrictValidationConfiguration.class)
class StrictValidationConfigurationTests {

	@Autowired
	private ApplicationContext context;

	@Autowired
	private GreetServiceBlockingClient client;

	@Test
	void theApplicationsInterceptorReplacesTheAutoConfiguredOne() {
		assertThat(this.context.getBeansOfType(ValidationInterceptor.class)).containsOnlyKeys("strictValidation");
	}

	@Test
	void requestsAreStillChecked() {
		assertThatExceptionOfType(ConnectException.class)
			.isThrownBy(() -> this.client.greet(GreetRequest.newBuilder().setName("Ada\nLovelace").build()))
			.satisfies((error) -> assertThat(error.code()).isEqualTo(Code.INVALID_ARGUMENT));
		assertThat(this.client.greet(GreetRequest.newBuilder().setName("Ada").build()).getGreeting())
			.isEqualTo("Hello, Ada!");
	}

}
