package io.connectspring.codegen;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes the Java sources of one {@link ServiceModel}: its descriptor class, the reactive and blocking server
 * interfaces, and the reactive and blocking clients. Every type outside the service's own classes is written fully
 * qualified, so no import can clash with a message of the user's.
 */
final class ServiceWriter {

	private static final String MONO = "reactor.core.publisher.Mono";

	private static final String FLUX = "reactor.core.publisher.Flux";

	private static final String PUBLISHER = "org.reactivestreams.Publisher";

	private static final String STREAM = "java.util.stream.Stream";

	private static final String CONTEXT = "io.connectspring.server.ConnectContext";

	private static final String BINDING = "io.connectspring.server.ServiceBinding";

	private static final String TRANSPORT = "io.connectspring.client.ConnectTransport";

	private static final String OPTIONS = "io.connectspring.client.CallOptions";

	private final ServiceModel service;

	ServiceWriter(ServiceModel service) {
		this.service = service;
	}

	/** Returns the content of each file, keyed by its path relative to the output directory, in a stable order. */
	Map<String, String> write() {
		Map<String, String> files = new LinkedHashMap<>();
		files.put(path(this.service.connectClass()), connectClass());
		files.put(path(this.service.serverInterface()), serverInterface(false));
		files.put(path(this.service.blockingServerInterface()), serverInterface(true));
		files.put(path(this.service.clientClass()), clientClass(false));
		files.put(path(this.service.blockingClientClass()), clientClass(true));
		return files;
	}

	private String path(String simpleClassName) {
		return GeneratedSource.path(this.service.javaPackage(), simpleClassName, ".java");
	}

	private String connectClass() {
		GeneratedSource out = header();
		String connect = this.service.connectClass();
		out.doc(0, "", "The descriptor of {@code " + this.service.fullName()
				+ "}: its name, the path of each procedure, and one {@link io.connectspring.MethodDescriptor} per "
				+ "method.");
		out.typeDeclaration(this.service.deprecated(), "public final class " + connect);
		out.line(1, "/** The fully qualified name of the service. */");
		out.line(1, "public static final String SERVICE_NAME = \"" + this.service.fullName() + "\";");
		for (ServiceModel.Method method : this.service.methods()) {
			out.blank();
			out.line(1, "/** The path of {@code " + method.rpcName() + "}, as Connect routes it. */");
			out.line(1, "public static final String " + method.constant() + "_PROCEDURE = \"/"
					+ this.service.fullName() + "/" + method.rpcName() + "\";");
		}
		for (ServiceModel.Method method : this.service.methods()) {
			out.blank();
			out.line(1, "/** The descriptor of {@code " + method.rpcName() + "}. */");
			out.line(1, "public static final io.connectspring.MethodDescriptor<" + method.requestClass() + ", "
					+ method.responseClass() + "> " + method.constant()
					+ " = new io.connectspring.MethodDescriptor<>(");
			out.line(3, "SERVICE_NAME, \"" + method.rpcName() + "\", io.connectspring.StreamType."
					+ method.streamType() + ", io.connectspring.IdempotencyLevel." + method.idempotencyLevel() + ",");
			out.line(3, method.requestClass() + ".getDefaultInstance(), " + method.responseClass()
					+ ".getDefaultInstance());");
		}
		out.blank();
		out.line(1, "/** The descriptor of the service, with its procedures in {@code .proto} order. */");
		out.line(1, "public static final io.connectspring.ServiceDescriptor DESCRIPTOR = "
				+ "new io.connectspring.ServiceDescriptor(");
		StringBuilder constants = new StringBuilder();
		for (ServiceModel.Method method : this.service.methods()) {
			constants.append(constants.length() == 0 ? "" : ", ").append(method.constant());
		}
		out.line(3, "SERVICE_NAME, java.util.List.of(" + constants + "),");
		out.line(3, "() -> " + this.service.fileClass() + ".getDescriptor().findServiceByName(\""
				+ this.service.simpleName() + "\"));");
		out.blank();
		out.line(1, "private " + connect + "() {");
		out.line(1, "}");
		out.blank();
		out.line(0, "}");
		return out.toString();
	}

	private String serverInterface(boolean blocking) {
		GeneratedSource out = header();
		String connect = this.service.connectClass();
		out.doc(0, this.service.comment(), blocking
				? "The blocking server interface of {@code " + this.service.fullName()
						+ "}: implement it in a {@code @ConnectService} bean. Methods run on a blocking scheduler, "
						+ "never on an event loop."
				: "The reactive server interface of {@code " + this.service.fullName()
						+ "}: implement it in a {@code @ConnectService} bean.");
		out.typeDeclaration(this.service.deprecated(), "public interface "
				+ (blocking ? this.service.blockingServerInterface() : this.service.serverInterface())
				+ " extends io.connectspring.server.BindableService");
		for (ServiceModel.Method method : this.service.methods()) {
			String request = method.clientStreams()
					? (blocking ? STREAM : FLUX) + "<" + method.requestClass() + "> requests"
					: method.requestClass() + " request";
			String response = method.serverStreams() ? (blocking ? STREAM : FLUX) + "<" + method.responseClass() + ">"
					: (blocking ? method.responseClass() : MONO + "<" + method.responseClass() + ">");
			out.methodHeader(method, "");
			out.line(1, response + " " + method.javaName() + "(" + request + ", " + CONTEXT + " context);");
			out.blank();
		}
		out.line(1, "@Override");
		out.line(1, "default " + BINDING + " bindService() {");
		out.line(2, "return " + BINDING + ".builder(" + connect + ".DESCRIPTOR)");
		for (ServiceModel.Method method : this.service.methods()) {
			String kind = switch (method.streamType()) {
				case "UNARY" -> "unary";
				case "CLIENT" -> "clientStreaming";
				case "SERVER" -> "serverStreaming";
				default -> "bidiStreaming";
			};
			if (blocking) {
				kind = "blocking" + Character.toUpperCase(kind.charAt(0)) + kind.substring(1);
			}
			out.line(3, "." + kind + "(" + connect + "." + method.constant() + ", this::" + method.javaName() + ")");
		}
		out.line(3, ".build();");
		out.line(1, "}");
		out.blank();
		out.line(0, "}");
		return out.toString();
	}

	private String clientClass(boolean blocking) {
		GeneratedSource out = header();
		String name = blocking ? this.service.blockingClientClass() : this.service.clientClass();
		out.doc(0, this.service.comment(), blocking
				? "The blocking client of {@code " + this.service.fullName()
						+ "}. Each method blocks the calling thread, so it must not be called on an event loop; "
						+ "instances are safe for concurrent use."
				: "The reactive client of {@code " + this.service.fullName()
						+ "}. Nothing is sent until a returned publisher is subscribed; instances are safe for "
						+ "concurrent use.");
		out.typeDeclaration(this.service.deprecated(), "public final class " + name);
		out.line(1, "private final " + TRANSPORT + " transport;");
		out.blank();
		out.line(1, "/** Creates a client that calls through the given transport. */");
		out.line(1, "public " + name + "(" + TRANSPORT + " transport) {");
		out.line(2, "this.transport = java.util.Objects.requireNonNull(transport, \"transport\");");
		out.line(1, "}");
		for (ServiceModel.Method method : this.service.methods()) {
			Signature signature = blocking ? blockingClientSignature(method) : clientSignature(method);
			String arguments = signature.parameter().isEmpty() ? ""
					: signature.parameter().substring(signature.parameter().lastIndexOf(' ') + 1) + ", ";
			String constant = this.service.connectClass() + "." + method.constant();
			out.blank();
			out.methodHeader(method, "");
			out.line(1, "public " + signature.returnType() + " " + method.javaName() + "(" + signature.parameter()
					+ ") {");
			out.line(2, "return " + method.javaName() + "(" + arguments + OPTIONS + ".defaults());");
			out.line(1, "}");
			out.blank();
			out.methodHeader(method, "Calls {@code " + method.rpcName() + "} with the given options.");
			out.line(1, "public " + signature.returnType() + " " + method.javaName() + "(" + signature.parameter()
					+ (signature.parameter().isEmpty() ? "" : ", ") + OPTIONS + " options) {");
			if (blocking) {
				out.line(2, "return io.connectspring.client.BlockingCalls." + signature.call() + "(this.transport, "
						+ constant + ", " + arguments + "options);");
			}
			else {
				out.line(2, "return this.transport." + signature.call() + "(" + constant + ", " + arguments
						+ "options);");
			}
			out.line(1, "}");
		}
		out.blank();
		out.line(0, "}");
		return out.toString();
	}

	private record Signature(String returnType, String parameter, String call) {
	}

	private static Signature clientSignature(ServiceModel.Method method) {
		String request = method.requestClass();
		String response = method.responseClass();
		return switch (method.streamType()) {
			case "UNARY" -> new Signature(MONO + "<" + response + ">", request + " request", "unary");
			case "CLIENT" -> new Signature(MONO + "<" + response + ">", PUBLISHER + "<" + request + "> requests",
					"clientStream");
			case "SERVER" -> new Signature(FLUX + "<" + response + ">", request + " request", "serverStream");
			default -> new Signature(FLUX + "<" + response + ">", PUBLISHER + "<" + request + "> requests",
					"bidiStream");
		};
	}

	private static Signature blockingClientSignature(ServiceModel.Method method) {
		String request = method.requestClass();
		String response = method.responseClass();
		return switch (method.streamType()) {
			case "UNARY" -> new Signature(response, request + " request", "unary");
			case "CLIENT" -> new Signature(response, "java.lang.Iterable<? extends " + request + "> requests",
					"clientStream");
			case "SERVER" -> new Signature(STREAM + "<" + response + ">", request + " request", "serverStream");
			default -> new Signature("io.connectspring.client.BidiStreamCall<" + request + ", " + response + ">", "",
					"bidiStream");
		};
	}

	private GeneratedSource header() {
		GeneratedSource out = GeneratedSource.java();
		out.generatedFrom(this.service.protoFile());
		if (!this.service.javaPackage().isEmpty()) {
			out.line(0, "package " + this.service.javaPackage() + ";");
		}
		out.blank();
		return out;
	}

}
