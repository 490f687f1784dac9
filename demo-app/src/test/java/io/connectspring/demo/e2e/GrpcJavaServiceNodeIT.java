package io.connectspring.demo.e2e;

import io.connectspring.examples.grpcjava.GrpcJavaGreetApplication;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Runs the Node end-to-end suite against {@code greet.v1.GreetService} served by its grpc-java implementation
 * ({@link io.connectspring.examples.grpcjava.GrpcJavaGreetService}) instead of the demo's Connect one: connect-es over
 * HTTP/1.1 and h2c with both codecs, the raw Connect protocol checks, {@code buf curl}, connect-es's gRPC and
 * gRPC-Web transports (with the test triggers), health and reflection. The same tests pass against the demo
 * ({@link NodeInteropIT}), so a team moving from grpc-java sees the same behaviour.
 */
@SpringBootTest(classes = { GrpcJavaGreetApplication.class, TestTriggersConfiguration.class },
		webEnvironment = WebEnvironment.RANDOM_PORT)
class GrpcJavaServiceNodeIT {

	@LocalServerPort
	private int port;

	@Test
	void nodeSuitePassesAgainstTheGrpcJavaService() throws Exception {
		NodeSuite.passes(this.port, List.of(), Map.of("TEST_TRIGGERS", "1"));
	}

}
