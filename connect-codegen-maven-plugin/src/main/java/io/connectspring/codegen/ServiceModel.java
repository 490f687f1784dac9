package io.connectspring.codegen;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.MethodDescriptorProto;
import com.google.protobuf.DescriptorProtos.ServiceDescriptorProto;
import com.google.protobuf.DescriptorProtos.SourceCodeInfo;

/**
 * One service as the generator writes it: every Java name decided and checked for clashes, every comment found.
 *
 * @param protoFile the name of the {@code .proto} file, relative to its proto path
 * @param javaPackage the Java package of the file's classes, empty for the default package
 * @param fullName the fully qualified Protobuf name, such as {@code greet.v1.GreetService}
 * @param simpleName the service's name in its file, such as {@code GreetService}
 * @param comment the leading comment of the service, empty if none
 * @param deprecated whether the service has {@code option deprecated = true}
 * @param methods the service's methods, in file order
 * @param fileClass the fully qualified name of protoc's outer class of the file, which holds its descriptor
 */
record ServiceModel(String protoFile, String javaPackage, String fullName, String simpleName, String comment,
		boolean deprecated, List<Method> methods, String fileClass) {

	/** Field number of {@code FileDescriptorProto.service}, for source locations. */
	private static final int FILE_SERVICE = 6;

	/** Field number of {@code ServiceDescriptorProto.method}, for source locations. */
	private static final int SERVICE_METHOD = 2;

	/**
	 * One method.
	 *
	 * @param rpcName the name in the {@code .proto} file, such as {@code GreetEveryone}
	 * @param javaName the Java method name, such as {@code greetEveryone}
	 * @param constant the descriptor constant's name, such as {@code GREET_EVERYONE}
	 * @param requestClass the fully qualified Java class of the request
	 * @param responseClass the fully qualified Java class of the response
	 * @param streamType the name of the {@code io.connectspring.StreamType} constant
	 * @param idempotencyLevel the name of the {@code io.connectspring.IdempotencyLevel} constant
	 * @param deprecated whether the method has {@code option deprecated = true}
	 * @param comment the leading comment of the method, empty if none
	 */
	record Method(String rpcName, String javaName, String constant, String requestClass, String responseClass,
			String streamType, String idempotencyLevel, boolean deprecated, String comment) {

		/** Returns whether the client sends a stream of requests (client streaming or bidi). */
		boolean clientStreams() {
			return this.streamType.equals("CLIENT") || this.streamType.equals("BIDI");
		}

		/** Returns whether the server sends a stream of responses (server streaming or bidi). */
		boolean serverStreams() {
			return this.streamType.equals("SERVER") || this.streamType.equals("BIDI");
		}

	}

	/** Returns the simple name of the descriptor class, such as {@code GreetServiceConnect}. */
	String connectClass() {
		return this.simpleName + "Connect";
	}

	/** Returns the simple name of the reactive server interface, the service's own name. */
	String serverInterface() {
		return this.simpleName;
	}

	/** Returns the simple name of the blocking server interface, such as {@code GreetServiceBlocking}. */
	String blockingServerInterface() {
		return this.simpleName + "Blocking";
	}

	/** Returns the simple name of the reactive client, such as {@code GreetServiceClient}. */
	String clientClass() {
		return this.simpleName + "Client";
	}

	/** Returns the simple name of the blocking client, such as {@code GreetServiceBlockingClient}. */
	String blockingClientClass() {
		return this.simpleName + "BlockingClient";
	}

	/** Returns the simple name of the Kotlin coroutine server interface, such as {@code GreetServiceCoroutine}. */
	String coroutineServerInterface() {
		return this.simpleName + "Coroutine";
	}

	/** Returns the simple name of the Kotlin coroutine client, such as {@code GreetServiceCoroutineClient}. */
	String coroutineClientClass() {
		return this.simpleName + "CoroutineClient";
	}

	/** Returns the simple names of the classes written for this service with the given options. */
	List<String> classNames(GeneratorOptions options) {
		List<String> names = new ArrayList<>(List.of(connectClass(), serverInterface(), blockingServerInterface(),
				clientClass(), blockingClientClass()));
		if (options.kotlin()) {
			names.add(coroutineServerInterface());
			names.add(coroutineClientClass());
		}
		return names;
	}

	/**
	 * Returns how a class of this service is named in generated code: fully qualified, unless in the default package.
	 */
	String qualified(String simpleClassName) {
		return this.javaPackage.isEmpty() ? simpleClassName : this.javaPackage + "." + simpleClassName;
	}

	/**
	 * Builds the model of the service at the given index of a file.
	 * @throws CodeGenerationException if two methods would get the same Java name or constant
	 */
	static ServiceModel of(FileDescriptorProto file, int serviceIndex, JavaTypes types) {
		ServiceDescriptorProto service = file.getService(serviceIndex);
		Map<String, String> comments = leadingComments(file.getSourceCodeInfo());
		String fullName = file.getPackage().isEmpty() ? service.getName()
				: file.getPackage() + "." + service.getName();
		List<Method> methods = new ArrayList<>();
		Map<String, String> javaNames = new HashMap<>();
		Map<String, String> constants = new HashMap<>();
		constants.put("SERVICE_NAME", "the service name constant");
		constants.put("DESCRIPTOR", "the service descriptor constant");
		for (int i = 0; i < service.getMethodCount(); i++) {
			MethodDescriptorProto method = service.getMethod(i);
			Method model = new Method(method.getName(), JavaNames.methodName(method.getName()),
					JavaNames.constantName(method.getName()), types.className(method.getInputType()),
					types.className(method.getOutputType()), streamType(method),
					method.getOptions().getIdempotencyLevel().name(), method.getOptions().getDeprecated(),
					comments.getOrDefault(FILE_SERVICE + "." + serviceIndex + "." + SERVICE_METHOD + "." + i, ""));
			String what = "method " + method.getName();
			checkUnique(javaNames, model.javaName(), what, "Java method name", file, fullName);
			checkUnique(constants, model.constant(), what, "constant name", file, fullName);
			checkUnique(constants, model.constant() + "_PROCEDURE", what, "constant name", file, fullName);
			methods.add(model);
		}
		String javaPackage = JavaNames.javaPackage(file);
		String fileClass = (javaPackage.isEmpty() ? "" : javaPackage + ".") + JavaNames.outerClassName(file);
		return new ServiceModel(file.getName(), javaPackage, fullName, service.getName(),
				comments.getOrDefault(FILE_SERVICE + "." + serviceIndex, ""), service.getOptions().getDeprecated(),
				List.copyOf(methods), fileClass);
	}

	private static void checkUnique(Map<String, String> taken, String name, String what, String kind,
			FileDescriptorProto file, String service) {
		String previous = taken.putIfAbsent(name, what);
		if (previous != null) {
			throw new CodeGenerationException(file.getName() + ": service " + service + ": " + what + " gets the "
					+ kind + " " + name + ", which is already used by " + previous + "; rename one of them.");
		}
	}

	private static String streamType(MethodDescriptorProto method) {
		if (method.getClientStreaming()) {
			return method.getServerStreaming() ? "BIDI" : "CLIENT";
		}
		return method.getServerStreaming() ? "SERVER" : "UNARY";
	}

	/** Returns each location's leading comment, keyed by its path joined with dots. */
	private static Map<String, String> leadingComments(SourceCodeInfo info) {
		Map<String, String> comments = new HashMap<>();
		for (SourceCodeInfo.Location location : info.getLocationList()) {
			if (location.hasLeadingComments()) {
				StringBuilder path = new StringBuilder();
				for (int element : location.getPathList()) {
					path.append(path.length() == 0 ? "" : ".").append(element);
				}
				comments.putIfAbsent(path.toString(), location.getLeadingComments());
			}
		}
		return comments;
	}

}
