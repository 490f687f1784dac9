package io.connectspring.demo.e2e;

import io.connectspring.demo.DemoApplication;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Starts the demo with {@code demo.auth.token} set and runs the Node bearer-token tests: connect-es calls of all four
 * stream types fail with {@code unauthenticated} without the token or with a wrong one, and pass with it.
 */
@SpringBootTest(classes = DemoApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "demo.auth.token=" + NodeAuthIT.TOKEN)
class NodeAuthIT {

	static final String TOKEN = "e2e-s3cret";

	@LocalServerPort
	private int port;

	@Test
	void connectEsCallsNeedTheBearerToken() throws Exception {
		NodeSuite.passes(this.port, List.of("tests/auth.test.js"), Map.of("AUTH_TOKEN", TOKEN));
	}

}
