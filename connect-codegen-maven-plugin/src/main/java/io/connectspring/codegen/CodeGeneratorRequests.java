package io.connectspring.codegen;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.compiler.PluginProtos.CodeGeneratorRequest;
import com.google.protobuf.compiler.PluginProtos.Version;

/**
 * Builds the {@code CodeGeneratorRequest} protoc would send a plugin, from a descriptor set protoc wrote with
 * {@code --include_imports --include_source_info}, so that the generator can run in-process.
 */
final class CodeGeneratorRequests {

	private CodeGeneratorRequests() {
	}

	/**
	 * Returns a request to generate the given files, with every file of the set in dependency order (each file after
	 * the files it imports) and no parameter.
	 * @param descriptorSet the files to generate and all their imports
	 * @param filesToGenerate names relative to the proto path, such as {@code greet/v1/greet.proto}
	 * @param compilerVersion the version of the protoc that parsed the files
	 * @throws IllegalArgumentException if a file to generate or an import is missing from the set
	 */
	static CodeGeneratorRequest of(FileDescriptorSet descriptorSet, List<String> filesToGenerate,
			Version compilerVersion) {
		Map<String, FileDescriptorProto> byName = new LinkedHashMap<>();
		for (FileDescriptorProto file : descriptorSet.getFileList()) {
			byName.put(file.getName(), file);
		}
		Set<String> ordered = new LinkedHashSet<>();
		for (FileDescriptorProto file : descriptorSet.getFileList()) {
			visit(file.getName(), byName, ordered, new LinkedHashSet<>());
		}
		for (String name : filesToGenerate) {
			if (!byName.containsKey(name)) {
				throw new IllegalArgumentException("The descriptor set has no file " + name);
			}
		}
		List<FileDescriptorProto> files = new ArrayList<>();
		for (String name : ordered) {
			files.add(byName.get(name));
		}
		return CodeGeneratorRequest.newBuilder()
			.addAllFileToGenerate(filesToGenerate)
			.addAllProtoFile(files)
			.setCompilerVersion(compilerVersion)
			.build();
	}

	private static void visit(String name, Map<String, FileDescriptorProto> byName, Set<String> ordered,
			Set<String> visiting) {
		if (ordered.contains(name) || !visiting.add(name)) {
			return;
		}
		FileDescriptorProto file = byName.get(name);
		if (file == null) {
			throw new IllegalArgumentException("The descriptor set has no file " + name
					+ "; was it written with --include_imports?");
		}
		for (String dependency : file.getDependencyList()) {
			visit(dependency, byName, ordered, visiting);
		}
		ordered.add(name);
	}

	/**
	 * Parses protoc's {@code --version} output, such as {@code libprotoc 35.1}, into the version protoc puts in
	 * requests. A two-part version leaves the major unset: protoc sends its C++ runtime's major (such as 7 for
	 * 35.1), which {@code --version} does not report. The version is informational; the generator does not read it.
	 */
	static Version parseVersion(String versionOutput) {
		String text = versionOutput.trim();
		text = text.substring(text.lastIndexOf(' ') + 1);
		Version.Builder version = Version.newBuilder().setSuffix("");
		int dash = text.indexOf('-');
		if (dash >= 0) {
			version.setSuffix(text.substring(dash));
			text = text.substring(0, dash);
		}
		String[] parts = text.split("\\.");
		try {
			if (parts.length == 2) {
				version.setMinor(Integer.parseInt(parts[0])).setPatch(Integer.parseInt(parts[1]));
			}
			else if (parts.length >= 3) {
				version.setMajor(Integer.parseInt(parts[0]))
					.setMinor(Integer.parseInt(parts[1]))
					.setPatch(Integer.parseInt(parts[2]));
			}
		}
		catch (NumberFormatException ex) {
			// An unexpected format: the version is informational only.
		}
		return version.build();
	}

}
