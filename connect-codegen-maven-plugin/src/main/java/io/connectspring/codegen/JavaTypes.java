package io.connectspring.codegen;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;

/**
 * The Java class of every message in a set of files, keyed by fully qualified Protobuf name with a leading dot (as
 * method descriptors refer to them), so that a service may use messages of any file it imports.
 */
final class JavaTypes {

	private final Map<String, String> classNames = new HashMap<>();

	JavaTypes(List<FileDescriptorProto> files) {
		for (FileDescriptorProto file : files) {
			String javaPackage = JavaNames.javaPackage(file);
			String prefix = javaPackage.isEmpty() ? "" : javaPackage + ".";
			// With java_multiple_files off, protoc nests every message in the file's outer class. The editions
			// feature (pb.java).nest_in_file_class cannot be set on files up to edition 2023, so it is not read.
			if (!file.getOptions().getJavaMultipleFiles()) {
				prefix = prefix + JavaNames.outerClassName(file) + ".";
			}
			String protoPrefix = file.getPackage().isEmpty() ? "." : "." + file.getPackage() + ".";
			for (DescriptorProto message : file.getMessageTypeList()) {
				add(message, protoPrefix, prefix);
			}
		}
	}

	private void add(DescriptorProto message, String protoPrefix, String javaPrefix) {
		String protoName = protoPrefix + message.getName();
		String javaName = javaPrefix + message.getName();
		this.classNames.put(protoName, javaName);
		for (DescriptorProto nested : message.getNestedTypeList()) {
			add(nested, protoName + ".", javaName + ".");
		}
	}

	/**
	 * Returns the fully qualified Java class name of a message, such as {@code com.google.protobuf.Empty} for
	 * {@code .google.protobuf.Empty}.
	 * @throws CodeGenerationException if no file of the request defines the message
	 */
	String className(String protoTypeName) {
		String name = this.classNames.get(protoTypeName);
		if (name == null) {
			throw new CodeGenerationException("Message type " + protoTypeName.substring(1)
					+ " is not defined in any file of the request; is its file imported?");
		}
		return name;
	}

}
