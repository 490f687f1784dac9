package io.connectspring.demo.e2e;

import io.connectspring.demo.kotlin.DemoKotlinApplication;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/** demo-app's {@link GrpcJavaClientChecks grpc-java calls} against the Kotlin demo, with the test triggers on. */
@SpringBootTest(classes = { DemoKotlinApplication.class, TestTriggersConfiguration.class },
		webEnvironment = WebEnvironment.RANDOM_PORT)
class KotlinGrpcJavaClientIT extends GrpcJavaClientChecks {

}
