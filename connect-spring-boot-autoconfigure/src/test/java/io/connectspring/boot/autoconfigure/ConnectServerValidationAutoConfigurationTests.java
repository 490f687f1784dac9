package io.connectspring.boot.autoconfigure;

import io.connectspring.CallSide;
import io.connectspring.InterceptorScope;
import io.connectspring.fixtures.Persons;
import io.connectspring.server.ConnectRouterFunction;
import io.connectspring.server.ConnectService;
import io.connectspring.validation.ValidationInterceptor;

import build.buf.protovalidate.ValidationResult;
import build.buf.protovalidate.Validator;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectServerValidationAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ConnectServerAutoConfiguration.class,
				ConnectServerValidationAutoConfiguration.class))
		.withUserConfiguration(PersonsConfiguration.class);

	private static WebTestClient.ResponseSpec greet(org.springframework.context.ApplicationContext context,
			String json) {
		return WebTestClient.bindToRouterFunction(context.getBean(ConnectRouterFunction.class))
			.build()
			.post()
			.uri("/test.v1.PersonService/Greet")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(json)
			.exchange();
	}

	@Test
	void validationIsOffByDefault() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(ValidationInterceptor.class)
			.doesNotHaveBean(Validator.class));
	}

	@Test
	void whenEnabledThenInvalidRequestsAreAnsweredWithInvalidArgument() {
		this.runner.withPropertyValues("connect.server.validation.enabled=true").run((context) -> {
			assertThat(context).hasSingleBean(ValidationInterceptor.class).hasSingleBean(Validator.class);
			greet(context, "{\"name\":\"\"}").expectStatus()
				.isBadRequest()
				.expectBody()
				.jsonPath("$.code")
				.isEqualTo("invalid_argument")
				.jsonPath("$.details[0].type")
				.isEqualTo("buf.validate.Violations");
			greet(context, "{\"name\":\"Ada\"}").expectStatus().isOk();
		});
	}

	@Test
	void theInterceptorIsScopedToTheServer() {
		this.runner.withPropertyValues("connect.server.validation.enabled=true")
			.run((context) -> assertThat(context.getBeanFactory()
				.findAnnotationOnBean("connectValidationInterceptor", InterceptorScope.class)
				.value()).containsExactly(CallSide.SERVER));
	}

	@Test
	void withoutProtovalidateTheAutoConfigurationBacksOff() {
		this.runner.withPropertyValues("connect.server.validation.enabled=true")
			.withClassLoader(new FilteredClassLoader(Validator.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ValidationInterceptor.class));
	}

	@Test
	void userDefinedValidatorIsUsed() {
		this.runner.withPropertyValues("connect.server.validation.enabled=true")
			.withUserConfiguration(RejectingValidator.class)
			.run((context) -> greet(context, "{\"name\":\"Ada\"}").expectStatus().isBadRequest());
	}

	@Test
	void userDefinedInterceptorReplacesTheAutoConfiguredOne() {
		this.runner.withPropertyValues("connect.server.validation.enabled=true")
			.withUserConfiguration(OwnInterceptor.class)
			.run((context) -> assertThat(context).hasSingleBean(ValidationInterceptor.class)
				.hasBean("ownValidationInterceptor"));
	}

	@Configuration(proxyBeanMethods = false)
	static class PersonsConfiguration {

		@Bean
		PersonsBean personsService() {
			return new PersonsBean();
		}

	}

	@ConnectService
	static class PersonsBean extends Persons.Service {

	}

	@Configuration(proxyBeanMethods = false)
	static class RejectingValidator {

		@Bean
		Validator rejectingValidator() {
			return (message) -> new ValidationResult(java.util.List.of(new RejectAll()));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnInterceptor {

		@Bean
		ValidationInterceptor ownValidationInterceptor() {
			return ValidationInterceptor.create().validatingResponses();
		}

	}

	/** A violation of a rule of the test's own. */
	static final class RejectAll implements build.buf.protovalidate.Violation {

		@Override
		public build.buf.validate.Violation toProto() {
			return build.buf.validate.Violation.newBuilder().setRuleId("test.reject").setMessage("rejected").build();
		}

		@Override
		public FieldValue getFieldValue() {
			return null;
		}

		@Override
		public FieldValue getRuleValue() {
			return null;
		}

	}

}
