package io.connectspring.examples.interceptors;

import io.connectspring.ConnectCall;
import io.connectspring.ConnectInterceptor;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import com.google.protobuf.Message;
import reactor.core.publisher.Flux;

/** Logs each call's procedure and outcome: an interceptor a service opts into with {@code @ConnectService}. */
public class AuditInterceptor implements ConnectInterceptor {

	private static final Log log = LogFactory.getLog(AuditInterceptor.class);

	@Override
	public Flux<Message> intercept(ConnectCall call, Flux<Message> requests, Next next) {
		return next.proceed(requests)
			.doOnError((ex) -> log.info(call.method().procedure() + " failed"))
			.doOnComplete(() -> log.info(call.method().procedure() + " completed"));
	}

}
