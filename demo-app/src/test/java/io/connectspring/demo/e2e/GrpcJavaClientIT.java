package io.connectspring.demo.e2e;

import io.connectspring.demo.DemoApplication;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/** {@link GrpcJavaClientChecks grpc-java's calls} against the demo, with the test triggers on. */
@SpringBootTest(classes = { DemoApplication.class, TestTriggersConfiguration.class },
		webEnvironment = WebEnvironment.RANDOM_PORT)
class GrpcJavaClientIT extends GrpcJavaClientChecks {

}
