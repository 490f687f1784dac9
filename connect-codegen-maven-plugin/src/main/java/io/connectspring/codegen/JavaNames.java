package io.connectspring.codegen;

import java.util.Locale;
import java.util.Set;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.ServiceDescriptorProto;

/**
 * Java names of Protobuf elements, following protoc's own Java rules (so that generated code finds the classes
 * {@code --java_out} writes) and grpc-java's rules for method names.
 */
final class JavaNames {

	/** Java keywords and literals, plus the no-argument methods of {@link Object}, which a method may not reuse. */
	private static final Set<String> RESERVED = Set.of("abstract", "assert", "boolean", "break", "byte", "case",
			"catch", "char", "class", "const", "continue", "default", "do", "double", "else", "enum", "extends",
			"final", "finally", "float", "for", "goto", "if", "implements", "import", "instanceof", "int",
			"interface", "long", "native", "new", "package", "private", "protected", "public", "return", "short",
			"static", "strictfp", "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try",
			"void", "volatile", "while", "true", "false", "null", "_", "var", "yield", "record", "sealed", "permits",
			"getClass", "hashCode", "toString", "clone", "finalize", "notify", "notifyAll", "wait");

	private JavaNames() {
	}

	/**
	 * Returns the Java package of a file's classes: the {@code java_package} option, else the Protobuf package, else
	 * the empty (default) package.
	 */
	static String javaPackage(FileDescriptorProto file) {
		if (file.getOptions().hasJavaPackage()) {
			return file.getOptions().getJavaPackage();
		}
		return file.getPackage();
	}

	/**
	 * Returns the name of a file's outer class: the {@code java_outer_classname} option, else the file's base name
	 * in CamelCase, with {@code OuterClass} appended when a type of the file already has that name.
	 */
	static String outerClassName(FileDescriptorProto file) {
		if (file.getOptions().hasJavaOuterClassname()) {
			return file.getOptions().getJavaOuterClassname();
		}
		String baseName = file.getName().substring(file.getName().lastIndexOf('/') + 1);
		if (baseName.endsWith(".protodevel")) {
			baseName = baseName.substring(0, baseName.length() - ".protodevel".length());
		}
		else if (baseName.endsWith(".proto")) {
			baseName = baseName.substring(0, baseName.length() - ".proto".length());
		}
		String name = underscoresToCamelCase(baseName, true);
		return hasTypeNamed(file, name) ? name + "OuterClass" : name;
	}

	/** Returns whether a type of the file (at any nesting depth, for messages) or a service has the given name. */
	private static boolean hasTypeNamed(FileDescriptorProto file, String name) {
		for (EnumDescriptorProto type : file.getEnumTypeList()) {
			if (type.getName().equals(name)) {
				return true;
			}
		}
		for (ServiceDescriptorProto service : file.getServiceList()) {
			if (service.getName().equals(name)) {
				return true;
			}
		}
		for (DescriptorProto message : file.getMessageTypeList()) {
			if (messageHasTypeNamed(message, name)) {
				return true;
			}
		}
		return false;
	}

	private static boolean messageHasTypeNamed(DescriptorProto message, String name) {
		if (message.getName().equals(name)) {
			return true;
		}
		for (EnumDescriptorProto type : message.getEnumTypeList()) {
			if (type.getName().equals(name)) {
				return true;
			}
		}
		for (DescriptorProto nested : message.getNestedTypeList()) {
			if (messageHasTypeNamed(nested, name)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Converts {@code snake_case} (or any name with separators) to CamelCase as protoc does: separators are dropped
	 * and capitalize the next letter, so does a digit; other letters are kept, except that a leading capital is
	 * lowered unless {@code capitalizeFirst}.
	 */
	static String underscoresToCamelCase(String input, boolean capitalizeFirst) {
		StringBuilder result = new StringBuilder(input.length());
		boolean capitalizeNext = capitalizeFirst;
		for (int i = 0; i < input.length(); i++) {
			char c = input.charAt(i);
			if (c >= 'a' && c <= 'z') {
				result.append(capitalizeNext ? Character.toUpperCase(c) : c);
				capitalizeNext = false;
			}
			else if (c >= 'A' && c <= 'Z') {
				result.append((i == 0 && !capitalizeNext) ? Character.toLowerCase(c) : c);
				capitalizeNext = false;
			}
			else if (c >= '0' && c <= '9') {
				result.append(c);
				capitalizeNext = true;
			}
			else {
				capitalizeNext = true;
			}
		}
		return result.toString();
	}

	/**
	 * Returns the Java method name of an rpc, as grpc-java names it: lowerCamelCase, underscores removed, with a
	 * trailing underscore when the result is a Java keyword or the name of a no-argument {@link Object} method.
	 */
	static String methodName(String rpcName) {
		StringBuilder result = new StringBuilder(rpcName.length());
		boolean afterUnderscore = false;
		for (int i = 0; i < rpcName.length(); i++) {
			char c = rpcName.charAt(i);
			if (c == '_') {
				afterUnderscore = true;
				continue;
			}
			if (result.length() == 0) {
				result.append(Character.toLowerCase(c));
			}
			else {
				result.append(afterUnderscore ? Character.toUpperCase(c) : c);
			}
			afterUnderscore = false;
		}
		String name = result.toString();
		return RESERVED.contains(name) ? name + "_" : name;
	}

	/** Returns the constant name of an rpc: {@code GreetEveryone} becomes {@code GREET_EVERYONE}. */
	static String constantName(String rpcName) {
		StringBuilder result = new StringBuilder(rpcName.length() + 4);
		for (int i = 0; i < rpcName.length(); i++) {
			char c = rpcName.charAt(i);
			result.append(Character.toUpperCase(c));
			if (i + 1 < rpcName.length() && Character.isLowerCase(c) && Character.isUpperCase(rpcName.charAt(i + 1))) {
				result.append('_');
			}
		}
		return result.toString().toUpperCase(Locale.ROOT);
	}

}
