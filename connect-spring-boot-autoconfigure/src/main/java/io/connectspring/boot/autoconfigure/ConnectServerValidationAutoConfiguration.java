package io.connectspring.boot.autoconfigure;

import io.connectspring.CallSide;
import io.connectspring.InterceptorScope;
import io.connectspring.validation.ValidationInterceptor;

import build.buf.protovalidate.Validator;
import build.buf.protovalidate.ValidatorFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Checks the request messages of every served call against their {@code buf.validate} rules, with a
 * {@link ValidationInterceptor} on the server side, when {@code connect.server.validation.enabled=true} and buf's
 * protovalidate is present. A {@link Validator} bean of the application's replaces the default one; a
 * {@link ValidationInterceptor} bean of its own replaces the interceptor (and validates without the property).
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass(Validator.class)
@ConditionalOnBooleanProperty("connect.server.validation.enabled")
@EnableConfigurationProperties(ConnectServerValidationProperties.class)
public final class ConnectServerValidationAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	Validator connectValidator() {
		return ValidatorFactory.newBuilder().build();
	}

	@Bean
	@ConditionalOnMissingBean
	@InterceptorScope(CallSide.SERVER)
	ValidationInterceptor connectValidationInterceptor(Validator validator) {
		return ValidationInterceptor.create(validator);
	}

}
