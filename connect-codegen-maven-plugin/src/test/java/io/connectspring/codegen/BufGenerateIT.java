package io.connectspring.codegen;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs {@code buf generate} with the executable jar ({@code -protoc-plugin} classifier) as a local plugin over the
 * golden protos, as {@code docs/code-generation.md} shows, and checks that it writes byte for byte what the in-process
 * generator writes. An integration test because the jar exists only after {@code package}. buf comes from npm
 * ({@code src/test/buf/package.json}); when it is not installed yet, the test runs {@code npm ci} there.
 */
class BufGenerateIT {

	private static final Path BUF_PROJECT = Path.of("src/test/buf").toAbsolutePath();

	@TempDir
	Path work;

	@Test
	void bufGenerateWithTheExecutableJarWritesWhatTheInProcessGeneratorWrites() throws Exception {
		Path workspace = bufGenerate("");
		Map<String, String> expected = TestProtos.generate(TestProtos.request(TestProtos.GOLDEN_PROTOS, this.work));
		assertThat(TestProtos.readTree(workspace.resolve("gen/connect"))).isEqualTo(expected);
		assertThat(workspace.resolve("gen/java/greet/v1/GreetRequest.java")).isRegularFile();
	}

	@Test
	void bufGenerateWithTheKotlinOptionAlsoWritesTheKotlinSources() throws Exception {
		Path workspace = bufGenerate("    opt: kotlin=true\n");
		Map<String, String> expected = TestProtos
			.generate(TestProtos.request(TestProtos.GOLDEN_PROTOS, this.work, "kotlin=true"));
		assertThat(TestProtos.readTree(workspace.resolve("gen/connect"))).isEqualTo(expected)
			.containsKey("greet/v1/GreetServiceCoroutineClient.kt");
	}

	/** Runs {@code buf generate} over the golden protos, with the given lines added to the Connect plugin's entry. */
	private Path bufGenerate(String pluginOptions) throws Exception {
		Path jar = Path.of(System.getProperty("protoc.plugin.jar", "")).toAbsolutePath();
		assertThat(jar).as("system property protoc.plugin.jar (set by the build)").isRegularFile();
		Path workspace = Files.createDirectories(this.work.resolve("workspace"));
		copyTree(TestProtos.GOLDEN_PROTOS, workspace.resolve("proto"));
		Files.writeString(workspace.resolve("buf.yaml"), """
				version: v2
				modules:
				  - path: proto
				""");
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Files.writeString(workspace.resolve("buf.gen.yaml"), """
				version: v2
				plugins:
				  - local: ["%s", "-jar", "%s"]
				    out: gen/connect
				%s  - protoc_builtin: java
				    protoc_path: "%s"
				    out: gen/java
				""".formatted(java, jar, pluginOptions, TestProtos.protocPath()));
		run(workspace, List.of(buf().toString(), "generate"));
		return workspace;
	}

	private static Path buf() throws Exception {
		Path buf = BUF_PROJECT.resolve("node_modules/.bin/buf");
		if (!Files.isExecutable(buf)) {
			run(BUF_PROJECT, List.of(isWindows() ? "npm.cmd" : "npm", "ci", "--no-audit", "--no-fund"));
		}
		assertThat(buf).isExecutable();
		return buf;
	}

	private static void run(Path directory, List<String> command) throws Exception {
		Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
		process.getOutputStream().close();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("%s timed out", command).isTrue();
		assertThat(process.exitValue()).as("%s failed:%n%s", command, output).isZero();
	}

	private static void copyTree(Path from, Path to) throws IOException {
		try (var paths = Files.walk(from)) {
			for (Path path : paths.toList()) {
				Path target = to.resolve(from.relativize(path).toString());
				if (Files.isDirectory(path)) {
					Files.createDirectories(target);
				}
				else {
					Files.copy(path, target, StandardCopyOption.REPLACE_EXISTING);
				}
			}
		}
	}

	private static boolean isWindows() {
		return File.separatorChar == '\\';
	}

}
