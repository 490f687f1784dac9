package io.connectspring.demo.e2e;

import io.connectspring.demo.kotlin.DemoKotlinApplication;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The Node gRPC and gRPC-Web tests with the test triggers on (errors with details, metadata, deadlines). */
@SpringBootTest(classes = { DemoKotlinApplication.class, TestTriggersConfiguration.class },
		webEnvironment = WebEnvironment.RANDOM_PORT)
class KotlinNodeGrpcIT {

	@LocalServerPort
	private int port;

	@Test
	void connectEsGrpcAndGrpcWebTestsPassWithTriggers() throws Exception {
		NodeSuite.passes(this.port, List.of("tests/grpc.test.js"), Map.of("TEST_TRIGGERS", "1"));
	}

}
