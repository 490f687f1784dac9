package io.connectspring.codegen;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a protoc executable and supplies the well-known types' {@code .proto} files, which the protoc executables on
 * Maven Central do not carry (they are a bare binary, without protoc's {@code include} folder).
 */
final class Protoc {

	/** The well-known types, as protobuf-java ships their {@code .proto} files under {@code google/protobuf/}. */
	static final List<String> WELL_KNOWN_TYPES = List.of("any.proto", "api.proto", "descriptor.proto",
			"duration.proto", "empty.proto", "field_mask.proto", "java_features.proto", "source_context.proto",
			"struct.proto", "timestamp.proto", "type.proto", "wrappers.proto");

	private final Path executable;

	Protoc(Path executable) {
		this.executable = executable;
	}

	/**
	 * The outcome of one run.
	 *
	 * @param exitCode protoc's exit code, 0 on success
	 * @param output standard output and standard error, merged: protoc's {@code file:line:column: message} lines
	 */
	record Result(int exitCode, String output) {

		boolean succeeded() {
			return this.exitCode == 0;
		}

	}

	/** Runs protoc with the given arguments and waits for it to exit. */
	Result run(List<String> arguments) throws IOException {
		List<String> command = new ArrayList<>();
		command.add(this.executable.toString());
		command.addAll(arguments);
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		process.getOutputStream().close();
		String output;
		try (InputStream in = process.getInputStream()) {
			output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		try {
			return new Result(process.waitFor(), output);
		}
		catch (InterruptedException ex) {
			process.destroyForcibly();
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted while waiting for " + this.executable, ex);
		}
	}

	/** Returns the output of {@code protoc --version}, such as {@code libprotoc 35.1}. */
	String version() throws IOException {
		Result result = run(List.of("--version"));
		if (!result.succeeded()) {
			throw new IOException(this.executable + " --version failed: " + result.output());
		}
		return result.output().trim();
	}

	/** Makes a file executable by its owner, where the file system has such a permission. */
	static void makeExecutable(Path file) {
		if (!file.toFile().setExecutable(true) && !Files.isExecutable(file)) {
			throw new UncheckedIOException(new IOException("Cannot make " + file + " executable"));
		}
	}

	/**
	 * Writes the well-known types' {@code .proto} files from protobuf-java into {@code directory/google/protobuf},
	 * for use as the last proto path.
	 */
	static void extractWellKnownTypes(Path directory) throws IOException {
		Path target = directory.resolve("google/protobuf");
		Files.createDirectories(target);
		ClassLoader loader = Protoc.class.getClassLoader();
		for (String name : WELL_KNOWN_TYPES) {
			try (InputStream in = loader.getResourceAsStream("google/protobuf/" + name)) {
				if (in != null) {
					Files.copy(in, target.resolve(name), StandardCopyOption.REPLACE_EXISTING);
				}
			}
		}
	}

}
