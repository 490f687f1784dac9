package io.connectspring.boot.autoconfigure;

import io.connectspring.CallSide;
import io.connectspring.ConnectCall;
import io.connectspring.Code;
import io.connectspring.ConnectException;
import io.connectspring.ConnectInterceptor;
import io.connectspring.InterceptorScope;
import io.connectspring.fixtures.EchoService;
import io.connectspring.server.ConnectAdvice;
import io.connectspring.server.ConnectExceptionHandler;
import io.connectspring.server.ConnectService;

import com.google.protobuf.Message;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import reactor.core.publisher.Flux;

import static org.assertj.core.api.Assertions.assertThat;

/** Interceptor and exception-handler beans wired around served calls. */
class InterceptorBeansTests {

	private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ConnectServerAutoConfiguration.class));

	private static WebTestClient.ResponseSpec echo(ApplicationContext context, String message) {
		return WebTestClient.bindToRouterFunction(context.getBean("connectRouterFunction", RouterFunction.class))
			.build()
			.post()
			.uri("/test.v1.EchoService/Echo")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("\"" + message + "\"")
			.exchange();
	}

	/** Records its name in the {@code x-order} response header as the call enters it. */
	static ConnectInterceptor recording(String name) {
		return (call, requests, next) -> {
			call.responseHeaders().add("x-order", name);
			return next.proceed(requests);
		};
	}

	@Test
	void interceptorBeansRunInSpringOrderFirstOutermost() {
		this.runner.withUserConfiguration(EchoConfiguration.class, OrderedInterceptors.class)
			.run((context) -> echo(context, "hi").expectHeader().valueEquals("x-order", "first", "second", "last"));
	}

	@Test
	void interceptorScopedToClientsDoesNotRunOnServer() {
		this.runner.withUserConfiguration(EchoConfiguration.class, ScopedInterceptors.class)
			.run((context) -> echo(context, "hi").expectHeader().valueEquals("x-order", "server", "both"));
	}

	@Test
	void serviceAddsItsOwnInterceptorsInsideGlobalOnesAndExcludesSome() {
		this.runner.withUserConfiguration(AnnotatedEchoConfiguration.class)
			.run((context) -> echo(context, "hi").expectHeader()
				.valueEquals("x-order", "first", "last", "service"));
	}

	@Test
	void adviceBeanMapsServiceExceptions() {
		this.runner.withUserConfiguration(EchoConfiguration.class, AdviceConfiguration.class)
			.run((context) -> echo(context, "boom").expectStatus()
				.isBadRequest()
				.expectBody(String.class)
				.isEqualTo("{\"code\":\"failed_precondition\",\"message\":\"mapped by advice\"}"));
	}

	@Test
	void exceptionHandlingRunsInsideOuterInterceptorsSoTheySeeTheMappedError() {
		this.runner.withUserConfiguration(EchoConfiguration.class, AdviceConfiguration.class)
			.run((context) -> echo(context, "boom").expectHeader().valueEquals("x-seen-code", "failed_precondition"));
	}

	@Configuration(proxyBeanMethods = false)
	static class EchoConfiguration {

		@Bean
		EchoService echo() {
			return new AnnotatedEcho();
		}

	}

	@ConnectService
	static class AnnotatedEcho extends EchoService {

	}

	@Configuration(proxyBeanMethods = false)
	static class OrderedInterceptors {

		@Bean
		ConnectInterceptor last() {
			return recording("last");
		}

		@Bean
		@Order(1)
		ConnectInterceptor second() {
			return recording("second");
		}

		@Bean
		FirstInterceptor first() {
			return new FirstInterceptor();
		}

	}

	/** Ordered by its own {@link Ordered}, ahead of {@code @Order(1)}. */
	static class FirstInterceptor implements ConnectInterceptor, Ordered {

		@Override
		public Flux<Message> intercept(ConnectCall call,
				Flux<Message> requests, Next next) {
			return recording("first").intercept(call, requests, next);
		}

		@Override
		public int getOrder() {
			return 0;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ScopedInterceptors {

		@Bean
		@Order(1)
		@InterceptorScope(CallSide.SERVER)
		ConnectInterceptor server() {
			return recording("server");
		}

		@Bean
		@Order(2)
		@InterceptorScope(CallSide.CLIENT)
		ConnectInterceptor client() {
			return recording("client");
		}

		@Bean
		@Order(3)
		ConnectInterceptor both() {
			return recording("both");
		}

	}

	/** Leaves out the global {@link NamedSecond} and adds its own {@link ServiceOnly}. */
	@ConnectService(interceptors = ServiceOnly.class, excludeInterceptors = NamedSecond.class)
	static class EchoWithInterceptors extends EchoService {

	}

	/** Created for the service alone, not a bean. */
	static class ServiceOnly implements ConnectInterceptor {

		@Override
		public Flux<Message> intercept(ConnectCall call,
				Flux<Message> requests, Next next) {
			return recording("service").intercept(call, requests, next);
		}

	}

	static class NamedSecond implements ConnectInterceptor {

		@Override
		public Flux<Message> intercept(ConnectCall call,
				Flux<Message> requests, Next next) {
			return recording("second").intercept(call, requests, next);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class AnnotatedEchoConfiguration {

		@Bean
		EchoWithInterceptors echo() {
			return new EchoWithInterceptors();
		}

		@Bean
		FirstInterceptor first() {
			return new FirstInterceptor();
		}

		@Bean
		@Order(1)
		NamedSecond second() {
			return new NamedSecond();
		}

		@Bean
		ConnectInterceptor last() {
			return recording("last");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class AdviceConfiguration {

		@Bean
		Advice advice() {
			return new Advice();
		}

		@Bean
		ConnectInterceptor outermost() {
			return new Outermost();
		}

	}

	@ConnectAdvice
	static class Advice {

		@ConnectExceptionHandler
		ConnectException illegalState(IllegalStateException ex) {
			return new ConnectException(Code.FAILED_PRECONDITION, "mapped by advice");
		}

	}

	/** Runs before exception handling and records the code it sees. */
	static class Outermost implements ConnectInterceptor, Ordered {

		@Override
		public Flux<Message> intercept(ConnectCall call,
				Flux<Message> requests, Next next) {
			return next.proceed(requests).doOnError(ConnectException.class,
					(ex) -> call.responseHeaders().set("x-seen-code", ex.code().protocolName()));
		}

		@Override
		public int getOrder() {
			return ConnectInterceptor.OBSERVATION_ORDER;
		}

	}

}
