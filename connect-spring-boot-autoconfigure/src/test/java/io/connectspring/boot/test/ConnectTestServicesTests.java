package io.connectspring.boot.test;

import io.connectspring.Code;
import io.connectspring.ConnectException;
import io.connectspring.boot.test.sample.ProtocolRecordingInterceptor;
import io.connectspring.boot.test.sample.SampleApplication;
import io.connectspring.boot.test.sample.UpperClient;
import io.connectspring.boot.test.sample.UpperService;
import io.connectspring.client.CallOptions;
import io.connectspring.client.ResponseMetadata;
import io.connectspring.client.WireProtocol;
import io.connectspring.fixtures.EchoClient;
import io.connectspring.server.ConnectServiceRegistry;

import com.google.protobuf.StringValue;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.ContextConfiguration;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code @ConnectTest} naming the service under test, with gRPC-Web and JSON clients. */
@ConnectTest(services = UpperService.class, protocol = WireProtocol.GRPC_WEB, codec = "json")
@ContextConfiguration(classes = SampleApplication.class)
class ConnectTestServicesTests {

	@Autowired
	private ApplicationContext context;

	@Autowired
	private UpperClient upper;

	@Autowired
	private EchoClient echo;

	@Test
	void onlyTheNamedServicesAreServed() {
		assertThat(this.context.getBean(ConnectServiceRegistry.class).services().values())
			.hasExactlyElementsOfTypes(UpperService.class);
		StepVerifier.create(this.upper.upper("hi")).expectNext(StringValue.of("HI")).verifyComplete();
		StepVerifier.create(this.echo.echo("hi"))
			.expectErrorSatisfies(
					(error) -> assertThat(((ConnectException) error).code()).isEqualTo(Code.UNIMPLEMENTED))
			.verify();
	}

	@Test
	void interceptorsStayAndSeeTheChosenProtocolAndCodec() {
		assertThat(this.context.getBeansOfType(ProtocolRecordingInterceptor.class)).hasSize(1);
		ResponseMetadata metadata = new ResponseMetadata();
		StepVerifier
			.create(this.context.getBean(InMemoryConnectTransport.class)
				.unary(UpperService.UPPER, StringValue.of("hi"), CallOptions.defaults().withResponseMetadata(metadata)))
			.expectNext(StringValue.of("HI"))
			.verifyComplete();
		assertThat(metadata.headers().getFirst("x-intercepted")).isEqualTo("grpcweb");
		assertThat(metadata.headers().getFirst("x-request-content-type")).isEqualTo("application/grpc-web+json");
	}

}
