package io.connectspring.examples.validation;

import io.connectspring.CallSide;
import io.connectspring.InterceptorScope;
import io.connectspring.validation.ValidationInterceptor;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** A validation interceptor of the application's own, which checks responses too (docs/validation.md). */
// tag::bean[]
@Configuration(proxyBeanMethods = false)
public class StrictValidationConfiguration {

	@Bean
	@InterceptorScope(CallSide.SERVER)
	ValidationInterceptor strictValidation() {
		// A response that breaks its rules is the server's fault: the call fails with internal.
		return ValidationInterceptor.create().validatingResponses();
	}

}
// end::bean[]
