package io.connectspring.codegen;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the Connect classes of the protos bundled with the runtime (grpc.health.v1, grpc.reflection.v1 and v1alpha,
 * under {@code connect-spring-boot-autoconfigure/src/main/proto}) equal to what this generator writes for them. The
 * runtime module cannot run this plugin in its own build (this module's tests compile against it, a cycle), so their
 * output is committed there; {@code -Dgolden.update=true} rewrites it.
 */
class BundledProtosTests {

	private static final Path RUNTIME = Path.of("../connect-spring-boot-autoconfigure/src/main").toAbsolutePath().normalize();

	private static final Path PROTOS = RUNTIME.resolve("proto");

	private static final Path SOURCES = RUNTIME.resolve("java");

	@Test
	void committedConnectClassesOfTheBundledProtosAreTheGeneratorsOutput(@TempDir Path work) throws IOException {
		Map<String, String> generated = new TreeMap<>(TestProtos.generate(TestProtos.request(PROTOS, work)));
		assertThat(generated).containsKeys("io/connectspring/grpc/health/v1/HealthConnect.java",
				"io/connectspring/grpc/reflection/v1/ServerReflectionConnect.java",
				"io/connectspring/grpc/reflection/v1alpha/ServerReflectionBlockingClient.java");
		if (Boolean.getBoolean("golden.update")) {
			for (Map.Entry<String, String> file : generated.entrySet()) {
				Path target = SOURCES.resolve(file.getKey());
				Files.createDirectories(target.getParent());
				Files.writeString(target, file.getValue());
			}
		}
		for (Map.Entry<String, String> file : generated.entrySet()) {
			Path committed = SOURCES.resolve(file.getKey());
			assertThat(committed).as("committed %s (rewrite with -Dgolden.update=true)", file.getKey()).exists();
			assertThat(Files.readString(committed)).as(file.getKey()).isEqualTo(file.getValue());
		}
	}

}
