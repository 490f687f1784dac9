package io.connectspring.demo.e2e;

import io.connectspring.demo.DemoApplication;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Starts the demo on a random port and runs the whole Node end-to-end suite against it: connect-es over HTTP/1.1
 * and h2c with both codecs, raw Connect protocol checks, {@code buf curl}, and calls without a bearer token (the demo
 * runs without {@code demo.auth.token}, so they pass).
 */
@SpringBootTest(classes = DemoApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class NodeInteropIT {

	@LocalServerPort
	private int port;

	@Test
	void nodeSuitePassesAgainstTheRunningDemo() throws Exception {
		NodeSuite.passes(this.port, List.of(), Map.of());
	}

}
