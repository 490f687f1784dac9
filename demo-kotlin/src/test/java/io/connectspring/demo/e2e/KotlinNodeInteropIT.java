package io.connectspring.demo.e2e;

import io.connectspring.demo.kotlin.DemoKotlinApplication;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * demo-app's whole Node end-to-end suite (connect-es over HTTP/1.1 and h2c with both codecs, gRPC and gRPC-Web,
 * raw Connect protocol checks, {@code buf curl}, health and reflection) against the Kotlin demo as it ships.
 */
@SpringBootTest(classes = DemoKotlinApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class KotlinNodeInteropIT {

	@LocalServerPort
	private int port;

	@Test
	void nodeSuitePassesAgainstTheRunningKotlinDemo() throws Exception {
		NodeSuite.passes(this.port, List.of(), Map.of());
	}

}
