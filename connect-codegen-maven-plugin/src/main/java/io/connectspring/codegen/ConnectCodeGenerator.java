package io.connectspring.codegen;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.Edition;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.compiler.PluginProtos.CodeGeneratorRequest;
import com.google.protobuf.compiler.PluginProtos.CodeGeneratorResponse;

/**
 * The Connect code generator, a protoc plugin. For each service of each file to generate it writes, in the file's
 * Java package, {@code <Service>Connect} (names and descriptors), {@code <Service>} (the reactive server interface),
 * {@code <Service>Blocking} (the blocking server interface), {@code <Service>Client} and
 * {@code <Service>BlockingClient}. With the option {@code kotlin=true} it also writes, in Kotlin,
 * {@code <Service>Coroutine} (the coroutine server interface) and {@code <Service>CoroutineClient}, both thin
 * layers over the Java ones. Message classes are left to protoc's own {@code --java_out}.
 * <p>
 * Run as a protoc plugin, {@link #main} reads a {@code CodeGeneratorRequest} from standard input and writes a
 * {@code CodeGeneratorResponse} to standard output. Problems in the {@code .proto} files (such as a generated class
 * name that clashes with a message) are reported in the response's {@code error} field, as protoc expects. Instances
 * hold no state; {@link #generate} is safe to call concurrently.
 *
 * @see <a href="https://protobuf.dev/reference/other/#plugins">protoc plugins</a>
 */
public final class ConnectCodeGenerator {

	private ConnectCodeGenerator() {
	}

	/**
	 * Runs the generator as a protoc plugin over standard input and output.
	 * @param args ignored; protoc passes options in the request's {@code parameter} (see {@link GeneratorOptions})
	 * @throws IOException if standard input or output fails
	 */
	public static void main(String[] args) throws IOException {
		CodeGeneratorRequest request;
		try (InputStream in = System.in) {
			request = CodeGeneratorRequest.parseFrom(in);
		}
		CodeGeneratorResponse response = generate(request);
		OutputStream out = System.out;
		response.writeTo(out);
		out.flush();
	}

	/**
	 * Generates the Connect code of the request's files to generate. Never throws for a problem in the
	 * {@code .proto} files: the response then has its {@code error} set and no files.
	 * @param request the files to generate and every file they import, in dependency order
	 * @return the generated files, or an error
	 */
	public static CodeGeneratorResponse generate(CodeGeneratorRequest request) {
		CodeGeneratorResponse.Builder response = CodeGeneratorResponse.newBuilder()
			.setSupportedFeatures(CodeGeneratorResponse.Feature.FEATURE_PROTO3_OPTIONAL_VALUE
					| CodeGeneratorResponse.Feature.FEATURE_SUPPORTS_EDITIONS_VALUE)
			.setMinimumEdition(Edition.EDITION_PROTO2_VALUE)
			.setMaximumEdition(Edition.EDITION_2023_VALUE);
		try {
			GeneratorOptions options = GeneratorOptions.parse(request.getParameter());
			Map<String, FileDescriptorProto> files = new HashMap<>();
			for (FileDescriptorProto file : request.getProtoFileList()) {
				files.put(file.getName(), file);
			}
			JavaTypes types = new JavaTypes(request.getProtoFileList());
			List<CodeGeneratorResponse.File> generated = new ArrayList<>();
			for (String name : request.getFileToGenerateList()) {
				FileDescriptorProto file = files.get(name);
				if (file == null) {
					throw new CodeGenerationException(
							"The request asks to generate " + name + " but does not contain its descriptor");
				}
				generated.addAll(generate(file, types, options));
			}
			response.addAllFile(generated);
		}
		catch (CodeGenerationException ex) {
			response.clearFile().setError(ex.getMessage());
		}
		return response.build();
	}

	private static List<CodeGeneratorResponse.File> generate(FileDescriptorProto file, JavaTypes types,
			GeneratorOptions options) {
		List<ServiceModel> services = new ArrayList<>();
		for (int i = 0; i < file.getServiceCount(); i++) {
			services.add(ServiceModel.of(file, i, types));
		}
		checkNameClashes(file, services, options);
		List<CodeGeneratorResponse.File> generated = new ArrayList<>();
		for (ServiceModel service : services) {
			Map<String, String> sources = new LinkedHashMap<>(new ServiceWriter(service).write());
			if (options.kotlin()) {
				sources.putAll(new KotlinServiceWriter(service).write());
			}
			sources.forEach((path, content) -> generated
				.add(CodeGeneratorResponse.File.newBuilder().setName(path).setContent(content).build()));
		}
		return generated;
	}

	/**
	 * Fails when a class this generator writes would have the name of another class in the same Java package from
	 * the same file: the outer class, a top-level message or enum (when {@code java_multiple_files} puts them in the
	 * package), or a class written for another service.
	 */
	private static void checkNameClashes(FileDescriptorProto file, List<ServiceModel> services,
			GeneratorOptions options) {
		Map<String, String> taken = new HashMap<>();
		taken.put(JavaNames.outerClassName(file), "the outer class protoc writes for " + file.getName());
		if (file.getOptions().getJavaMultipleFiles()) {
			for (DescriptorProto message : file.getMessageTypeList()) {
				taken.putIfAbsent(message.getName(), "message " + qualified(file, message.getName()));
			}
			for (EnumDescriptorProto type : file.getEnumTypeList()) {
				taken.putIfAbsent(type.getName(), "enum " + qualified(file, type.getName()));
			}
		}
		if (file.getOptions().getJavaGenericServices()) {
			for (ServiceModel service : services) {
				taken.putIfAbsent(service.simpleName(),
						"the generic service class protoc writes for " + service.fullName());
			}
		}
		for (ServiceModel service : services) {
			for (String className : service.classNames(options)) {
				String previous = taken.putIfAbsent(className, "a class generated for service " + service.fullName());
				if (previous != null) {
					throw new CodeGenerationException(file.getName() + ": service " + service.fullName()
							+ " needs a Java class named " + service.qualified(className) + ", but that is "
							+ previous + ". Rename the service or the clashing type, or move the generated code "
							+ "elsewhere with option java_package (or java_outer_classname for the outer class).");
				}
			}
		}
	}

	private static String qualified(FileDescriptorProto file, String name) {
		return file.getPackage().isEmpty() ? name : file.getPackage() + "." + name;
	}

}
