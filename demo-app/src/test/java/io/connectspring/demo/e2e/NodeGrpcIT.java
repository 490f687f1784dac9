package io.connectspring.demo.e2e;

import io.connectspring.demo.DemoApplication;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Runs the Node gRPC and gRPC-Web tests ({@code tests/grpc.test.js}: connect-es {@code createGrpcTransport} and
 * {@code createGrpcWebTransport}) with the test triggers on, so that errors with details, metadata and deadlines are
 * covered too. {@link NodeInteropIT} runs the same file without triggers, with the demo as it ships.
 */
@SpringBootTest(classes = { DemoApplication.class, TestTriggersConfiguration.class },
		webEnvironment = WebEnvironment.RANDOM_PORT)
class NodeGrpcIT {

	@LocalServerPort
	private int port;

	@Test
	void connectEsGrpcAndGrpcWebTestsPassWithTriggers() throws Exception {
		NodeSuite.passes(this.port, List.of("tests/grpc.test.js"), Map.of("TEST_TRIGGERS", "1"));
	}

}
