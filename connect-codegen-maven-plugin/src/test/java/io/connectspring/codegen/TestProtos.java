package io.connectspring.codegen;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.compiler.PluginProtos.CodeGeneratorRequest;
import com.google.protobuf.compiler.PluginProtos.CodeGeneratorResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared fixture of the generator tests: the real protoc (copied into {@code target/protoc} by the build and
 * passed as the {@code protoc.path} system property), the golden {@code .proto} files, and the in-process path from
 * {@code .proto} files to generated sources, as the Maven goal takes it.
 */
final class TestProtos {

	/**
	 * The test protos every golden file is generated from: {@code src/test/proto-golden} of this module, or the
	 * {@code golden.protos} system property where another module's tests use this fixture.
	 */
	static final Path GOLDEN_PROTOS = Path.of(System.getProperty("golden.protos", "src/test/proto-golden"))
		.toAbsolutePath()
		.normalize();

	private TestProtos() {
	}

	/** Returns the protoc executable of the build, made executable. */
	static Protoc protoc() {
		String path = System.getProperty("protoc.path");
		assertThat(path).as("system property protoc.path (set by the build)").isNotBlank();
		Path executable = Path.of(path);
		assertThat(executable).exists();
		Protoc.makeExecutable(executable);
		return new Protoc(executable);
	}

	/** Returns the path of protoc's executable. */
	static Path protocPath() {
		protoc();
		return Path.of(System.getProperty("protoc.path"));
	}

	/** Returns the names of the {@code .proto} files under a root, relative to it, with {@code /} separators. */
	static List<String> protoNames(Path root) throws IOException {
		List<String> names = new ArrayList<>();
		for (Path file : InputStamp.protoFiles(root)) {
			names.add(root.relativize(file).toString().replace('\\', '/'));
		}
		return names;
	}

	/** Returns the proto path arguments for a root, with the well-known types extracted under the work directory. */
	static List<String> protoPaths(Path root, Path work) throws IOException {
		Path include = work.resolve("include");
		Protoc.extractWellKnownTypes(include);
		return List.of("--proto_path=" + root, "--proto_path=" + include);
	}

	/**
	 * Runs protoc over every file under the root and returns the request the Maven goal builds from its output, with
	 * the given plugin parameter.
	 */
	static CodeGeneratorRequest request(Path root, Path work, String parameter) throws IOException {
		return request(root, work).toBuilder().setParameter(parameter).build();
	}

	/** Runs protoc over every file under the root and returns the request the Maven goal builds from its output. */
	static CodeGeneratorRequest request(Path root, Path work) throws IOException {
		Protoc protoc = protoc();
		Path descriptorSet = work.resolve("descriptor-set.binpb");
		List<String> arguments = new ArrayList<>(protoPaths(root, work));
		arguments.add("--descriptor_set_out=" + descriptorSet);
		arguments.add("--include_imports");
		arguments.add("--include_source_info");
		arguments.addAll(protoNames(root));
		Protoc.Result result = protoc.run(arguments);
		assertThat(result.succeeded()).as(result.output()).isTrue();
		FileDescriptorSet files = FileDescriptorSet.parseFrom(Files.readAllBytes(descriptorSet));
		return CodeGeneratorRequests.of(files, protoNames(root), CodeGeneratorRequests.parseVersion(protoc.version()));
	}

	/** Runs the generator in-process and returns each file's content by path; fails on a generator error. */
	static Map<String, String> generate(CodeGeneratorRequest request) {
		CodeGeneratorResponse response = ConnectCodeGenerator.generate(request);
		assertThat(response.hasError()).as(response.getError()).isFalse();
		Map<String, String> files = new LinkedHashMap<>();
		for (CodeGeneratorResponse.File file : response.getFileList()) {
			files.put(file.getName(), file.getContent());
		}
		return files;
	}

	/** Runs protoc's {@code --java_out} over every file under the root. */
	static void javaOut(Path root, Path work, Path output) throws IOException {
		Files.createDirectories(output);
		List<String> arguments = new ArrayList<>(protoPaths(root, work));
		arguments.add("--java_out=" + output);
		arguments.addAll(protoNames(root));
		Protoc.Result result = protoc().run(arguments);
		assertThat(result.succeeded()).as(result.output()).isTrue();
	}

	/** Reads every regular file under a directory, keyed by relative path with {@code /} separators. */
	static Map<String, String> readTree(Path directory) throws IOException {
		Map<String, String> files = new LinkedHashMap<>();
		try (var paths = Files.walk(directory)) {
			for (Path file : paths.filter(Files::isRegularFile).sorted().toList()) {
				files.put(directory.relativize(file).toString().replace('\\', '/'), Files.readString(file));
			}
		}
		return files;
	}

}
