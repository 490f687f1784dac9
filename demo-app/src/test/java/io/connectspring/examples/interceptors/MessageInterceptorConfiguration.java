package io.connectspring.examples.interceptors;

import io.connectspring.ConnectInterceptor;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.log.LogMessage;

/** A message interceptor as a lambda bean: it validates every request and logs every response. */
@Configuration(proxyBeanMethods = false)
public class MessageInterceptorConfiguration {

	private static final Log log = LogFactory.getLog(MessageInterceptorConfiguration.class);

	// tag::validating[]
	@Bean
	ConnectInterceptor validating(RequestValidator validator) {
		return (call, requests, next) -> next
			.proceed(requests.doOnNext(validator::check))   // throw ConnectException(INVALID_ARGUMENT) to reject
			.doOnNext((response) -> log.debug(LogMessage.format("%s -> %s", call.method().procedure(), response)));
	}
	// end::validating[]

}
