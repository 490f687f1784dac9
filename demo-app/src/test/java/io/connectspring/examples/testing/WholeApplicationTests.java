package io.connectspring.examples.testing;

import io.connectspring.boot.test.AutoConfigureInMemoryConnectTransport;
import io.connectspring.demo.DemoApplication;
import io.connectspring.demo.greet.v1.GreetRequest;
import io.connectspring.demo.greet.v1.GreetServiceBlockingClient;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole demo application, with its authentication on, called in memory over gRPC-Web through a transport that
 * carries the token (docs/testing.md).
 */
// tag::test[]
@SpringBootTest(classes = DemoApplication.class, properties = "demo.auth.token=s3cret")
@AutoConfigureInMemoryConnectTransport
@Import(TokenTransportConfiguration.class)
class WholeApplicationTests {

	@Autowired
	private GreetServiceBlockingClient client;

	@Test
	void theWholeApplicationAnswersWithoutAPort() {
		GreetRequest request = GreetRequest.newBuilder().setName("Ada").build();
		assertThat(this.client.greet(request).getGreeting()).isEqualTo("Hello, Ada!");
	}

}
// end::test[]
