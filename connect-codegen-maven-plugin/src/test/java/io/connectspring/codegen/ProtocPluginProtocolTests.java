package io.connectspring.codegen;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.compiler.PluginProtos.CodeGeneratorRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the generator as protoc runs a plugin, a separate process speaking over standard input and output, and checks
 * that it writes exactly what the in-process path (the Maven goal's) writes. Needs a Unix shell for the plugin script.
 */
class ProtocPluginProtocolTests {

	@TempDir
	Path work;

	@Test
	void protocRunningThePluginWritesWhatTheInProcessGeneratorWrites() throws IOException {
		Path output = Files.createDirectories(this.work.resolve("out"));
		Path captured = this.work.resolve("request.binpb");
		Protoc.Result result = runPlugin(output, captured);
		assertThat(result.succeeded()).as(result.output()).isTrue();
		assertThat(TestProtos.readTree(output))
			.isEqualTo(TestProtos.generate(TestProtos.request(TestProtos.GOLDEN_PROTOS, this.work)));
	}

	@Test
	void theKotlinOptionReachesThePluginAsItsParameter() throws IOException {
		Path output = Files.createDirectories(this.work.resolve("out"));
		Path captured = this.work.resolve("request.binpb");
		Protoc.Result result = runPlugin(output, captured, "--connect_opt=kotlin=true");
		assertThat(result.succeeded()).as(result.output()).isTrue();
		assertThat(CodeGeneratorRequest.parseFrom(Files.readAllBytes(captured)).getParameter()).isEqualTo("kotlin=true");
		assertThat(TestProtos.readTree(output)).containsKey("greet/v1/GreetServiceCoroutine.kt")
			.isEqualTo(TestProtos.generate(TestProtos.request(TestProtos.GOLDEN_PROTOS, this.work, "kotlin=true")));
	}

	@Test
	void anUnknownOptionFailsProtocWithTheGeneratorsMessage() throws IOException {
		Path output = Files.createDirectories(this.work.resolve("out"));
		Protoc.Result result = runPlugin(output, this.work.resolve("request.binpb"), "--connect_opt=kotlinn=true");
		assertThat(result.succeeded()).isFalse();
		assertThat(result.output()).contains("Unknown option 'kotlinn'");
	}

	@Test
	void inProcessRequestMatchesTheRequestProtocSends() throws IOException {
		Path captured = this.work.resolve("request.binpb");
		Protoc.Result result = runPlugin(Files.createDirectories(this.work.resolve("out")), captured);
		assertThat(result.succeeded()).as(result.output()).isTrue();
		CodeGeneratorRequest sent = CodeGeneratorRequest.parseFrom(Files.readAllBytes(captured));
		CodeGeneratorRequest built = TestProtos.request(TestProtos.GOLDEN_PROTOS, this.work);
		assertThat(built.getFileToGenerateList()).containsExactlyInAnyOrderElementsOf(sent.getFileToGenerateList());
		assertThat(built.getProtoFileList()).extracting(FileDescriptorProto::getName)
			.containsExactlyInAnyOrderElementsOf(
					sent.getProtoFileList().stream().map(FileDescriptorProto::getName).toList());
		assertThat(built.getParameter()).isEqualTo(sent.getParameter());
		// "protoc --version" reports 35.1 where protoc sends 7.35.1 (the C++ major), so the major is left unset.
		assertThat(built.getCompilerVersion().getMinor()).isEqualTo(sent.getCompilerVersion().getMinor());
		assertThat(built.getCompilerVersion().getPatch()).isEqualTo(sent.getCompilerVersion().getPatch());
		assertThat(built.getCompilerVersion().getSuffix()).isEqualTo(sent.getCompilerVersion().getSuffix());
	}

	private Protoc.Result runPlugin(Path output, Path captured, String... options) throws IOException {
		Path script = this.work.resolve("protoc-gen-connect");
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		Files.writeString(script, "#!/bin/sh\ntee '" + captured + "' | exec '" + java + "' -cp '" + classPath
				+ "' " + ConnectCodeGenerator.class.getName() + "\n");
		assertThat(script.toFile().setExecutable(true)).isTrue();
		List<String> arguments = new ArrayList<>(TestProtos.protoPaths(TestProtos.GOLDEN_PROTOS, this.work));
		arguments.add("--plugin=protoc-gen-connect=" + script);
		arguments.add("--connect_out=" + output);
		arguments.addAll(List.of(options));
		arguments.addAll(TestProtos.protoNames(TestProtos.GOLDEN_PROTOS));
		assertThat(classPath).doesNotContain("'").doesNotContain(File.pathSeparator + File.pathSeparator + "'");
		return TestProtos.protoc().run(arguments);
	}

}
