package io.connectspring.boot.test;

import io.connectspring.Code;
import io.connectspring.ConnectException;
import io.connectspring.boot.test.sample.ProtocolRecordingInterceptor;
import io.connectspring.boot.test.sample.SampleAdvice;
import io.connectspring.boot.test.sample.SampleApplication;
import io.connectspring.boot.test.sample.SampleEchoService;
import io.connectspring.boot.test.sample.SampleRepository;
import io.connectspring.boot.test.sample.UpperClient;
import io.connectspring.boot.test.sample.UpperService;
import io.connectspring.client.CallOptions;
import io.connectspring.client.ResponseMetadata;
import io.connectspring.fixtures.EchoClient;
import io.connectspring.fixtures.EchoService;
import io.connectspring.server.ConnectServiceRegistry;

import com.google.protobuf.StringValue;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.web.context.reactive.ReactiveWebApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.ContextConfiguration;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code @ConnectTest} with its defaults: every service of the application, called in memory. */
@ConnectTest
@ContextConfiguration(classes = SampleApplication.class)
class ConnectTestTests {

	@Autowired
	private ApplicationContext context;

	@Autowired
	private EchoClient echo;

	@Autowired
	private UpperClient upper;

	@Test
	void everyConnectServiceIsServed() {
		assertThat(this.context.getBean(ConnectServiceRegistry.class).services().values())
			.hasExactlyElementsOfTypes(SampleEchoService.class, UpperService.class);
		StepVerifier.create(this.echo.echo("hi")).expectNext(StringValue.of("hi")).verifyComplete();
		StepVerifier.create(this.upper.upper("hi")).expectNext(StringValue.of("HI")).verifyComplete();
	}

	@Test
	void interceptorComponentsRunOnTheServerWithTheConnectProtocolAndProto() {
		assertThat(this.context.getBeansOfType(ProtocolRecordingInterceptor.class)).hasSize(1);
		ResponseMetadata metadata = new ResponseMetadata();
		StepVerifier
			.create(this.echo.transport()
				.unary(EchoService.ECHO, EchoService.string("hi"),
						CallOptions.defaults().withResponseMetadata(metadata)))
			.expectNext(StringValue.of("hi"))
			.verifyComplete();
		assertThat(metadata.headers().getFirst("x-intercepted")).isEqualTo("connect");
		assertThat(metadata.headers().getFirst("x-request-content-type")).isEqualTo("application/proto");
	}

	@Test
	void exceptionAdviceMapsTheServicesExceptions() {
		assertThat(this.context.getBeansOfType(SampleAdvice.class)).hasSize(1);
		StepVerifier.create(this.upper.upper("illegal"))
			.expectErrorSatisfies((error) -> assertThat(((ConnectException) error).code())
				.isEqualTo(Code.FAILED_PRECONDITION))
			.verify();
	}

	@Test
	void componentsAndConfigurationTheServicesDoNotNeedAreLeftOut() {
		assertThat(this.context.getBeanNamesForType(SampleRepository.class)).isEmpty();
		assertThat(this.context.containsBean("sampleGreeting")).isFalse();
	}

	@Test
	void noServerListens() {
		assertThat(this.context).isInstanceOf(ReactiveWebApplicationContext.class)
			.isNotInstanceOf(WebServerApplicationContext.class);
		assertThat(this.context.getEnvironment().getProperty("local.server.port")).isNull();
	}

	@Test
	void injectedClientsAreBuiltOnTheInMemoryTransport() {
		assertThat(this.echo.transport()).isSameAs(this.context.getBean(InMemoryConnectTransport.class));
	}

	@Nested
	class InANestedClass {

		@Autowired
		private EchoClient nested;

		@Test
		void clientsAreInjectedToo() {
			StepVerifier.create(this.nested.echo("nested")).expectNext(StringValue.of("nested")).verifyComplete();
		}

	}

}
