package io.connectspring.codegen;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the Kotlin sources of one {@link ServiceModel}: the coroutine server interface and the coroutine client.
 * Both are thin layers over the Java code {@link ServiceWriter} writes for the same service: the interface binds by
 * adapting itself to the reactive server interface ({@code mono}, {@code asFlux}), and the client wraps the reactive
 * client ({@code awaitSingle}, {@code asFlow}), so that every protocol detail stays in one place. Types are written
 * fully qualified, as in the Java code; only the coroutine extension functions are imported, since Kotlin cannot call
 * an extension by its qualified name.
 */
final class KotlinServiceWriter {

	private static final String FLOW = "kotlinx.coroutines.flow.Flow";

	private static final String MONO = "reactor.core.publisher.Mono";

	private static final String FLUX = "reactor.core.publisher.Flux";

	private static final String CONTEXT = "io.connectspring.server.ConnectContext";

	private static final String BINDING = "io.connectspring.server.ServiceBinding";

	private static final String TRANSPORT = "io.connectspring.client.ConnectTransport";

	private static final String OPTIONS = "io.connectspring.client.CallOptions";

	/** Where a coroutine started for a call runs: on the thread that serves the call, as Spring runs suspend handlers. */
	private static final String DISPATCHER = "kotlinx.coroutines.Dispatchers.Unconfined";

	private final ServiceModel service;

	KotlinServiceWriter(ServiceModel service) {
		this.service = service;
	}

	/** Returns the content of each file, keyed by its path relative to the output directory, in a stable order. */
	Map<String, String> write() {
		Map<String, String> files = new LinkedHashMap<>();
		files.put(path(this.service.coroutineServerInterface()), serverInterface());
		files.put(path(this.service.coroutineClientClass()), clientClass());
		return files;
	}

	private String path(String simpleClassName) {
		String directory = this.service.javaPackage().replace('.', '/');
		return (directory.isEmpty() ? "" : directory + "/") + simpleClassName + ".kt";
	}

	private String serverInterface() {
		Source out = header(List.of("kotlinx.coroutines.reactive.asFlow", "kotlinx.coroutines.reactor.asFlux",
				"kotlinx.coroutines.reactor.mono"));
		out.kdoc(0, this.service.comment(), "The coroutine server interface of `" + this.service.fullName()
				+ "`: implement it in a `@ConnectService` bean. Unary and client-streaming methods are `suspend` "
				+ "functions; streams are flows. A method starts on the thread that serves the call, as the reactive "
				+ "interface's do, so it must not block: switch with `withContext(Dispatchers.IO)` first. A call the "
				+ "client cancels (or whose deadline passes) cancels the coroutine; a `CancellationException` thrown by "
				+ "a method is answered with code `canceled`.");
		typeDeclaration(out, "public interface " + this.service.coroutineServerInterface() + " : "
				+ "io.connectspring.server.BindableService");
		for (ServiceModel.Method method : this.service.methods()) {
			String request = clientStreams(method) ? "requests: " + FLOW + "<" + type(method.requestClass()) + ">"
					: "request: " + type(method.requestClass());
			methodHeader(out, method, "");
			out.line(1, "public " + (serverStreams(method) ? "" : "suspend ") + "fun " + name(method) + "(" + request
					+ ", context: " + CONTEXT + "): " + responseType(method));
			out.blank();
		}
		out.kdoc(1, "", "Binds this service by adapting it to the reactive [" + javaType(this.service.serverInterface())
				+ "].");
		out.line(1, "override fun bindService(): " + BINDING + " {");
		out.line(2, "val service = this");
		out.line(2, "return object : " + javaType(this.service.serverInterface()) + " {");
		for (ServiceModel.Method method : this.service.methods()) {
			String request = clientStreams(method)
					? "requests: " + FLUX + "<" + type(method.requestClass()) + ">"
					: "request: " + type(method.requestClass());
			String argument = clientStreams(method) ? "requests.asFlow()" : "request";
			String call = "service." + name(method) + "(" + argument + ", context)";
			String returnType = (serverStreams(method) ? FLUX : MONO) + "<" + type(method.responseClass()) + ">";
			out.blank();
			out.line(3, "override fun " + name(method) + "(" + request + ", context: " + CONTEXT + "): " + returnType
					+ " =");
			if (serverStreams(method)) {
				// Deferred, so that an exception thrown while building the flow fails the call, not the binding.
				out.line(4, FLUX + ".defer { " + call + ".asFlux() }");
			}
			else {
				out.line(4, "mono(" + DISPATCHER + ") { " + call + " }");
			}
		}
		out.line(2, "}.bindService()");
		out.line(1, "}");
		out.blank();
		out.line(0, "}");
		return out.toString();
	}

	private String clientClass() {
		Source out = header(List.of("kotlinx.coroutines.reactive.asFlow", "kotlinx.coroutines.reactor.asFlux",
				"kotlinx.coroutines.reactor.awaitSingle"));
		String name = this.service.coroutineClientClass();
		String reactive = javaType(this.service.clientClass());
		out.kdoc(0, this.service.comment(), "The coroutine client of `" + this.service.fullName() + "`, over the "
				+ "reactive [" + reactive + "]. A `suspend` method returns when the response has arrived; a flow "
				+ "calls when it is collected. Cancelling the calling coroutine, or stopping the collection, cancels "
				+ "the call. Errors are thrown as `io.connectspring.ConnectException`. Instances are safe for "
				+ "concurrent use.");
		typeDeclaration(out, "public class " + name + "(transport: " + TRANSPORT + ")");
		out.line(1, "private val client: " + reactive + " = " + reactive + "(transport)");
		for (ServiceModel.Method method : this.service.methods()) {
			String request = clientStreams(method) ? "requests: " + FLOW + "<" + type(method.requestClass()) + ">"
					: "request: " + type(method.requestClass());
			String argument = clientStreams(method) ? "requests.asFlux()" : "request";
			out.blank();
			methodHeader(out, method, "");
			out.line(1, "public " + (serverStreams(method) ? "" : "suspend ") + "fun " + name(method) + "(" + request
					+ ", options: " + OPTIONS + " = " + OPTIONS + ".defaults()): " + responseType(method) + " =");
			out.line(2, "this.client." + name(method) + "(" + argument + ", options)."
					+ (serverStreams(method) ? "asFlow()" : "awaitSingle()"));
		}
		out.blank();
		out.line(0, "}");
		return out.toString();
	}

	private static boolean clientStreams(ServiceModel.Method method) {
		return method.streamType().equals("CLIENT") || method.streamType().equals("BIDI");
	}

	private static boolean serverStreams(ServiceModel.Method method) {
		return method.streamType().equals("SERVER") || method.streamType().equals("BIDI");
	}

	private static String responseType(ServiceModel.Method method) {
		String response = type(method.responseClass());
		return serverStreams(method) ? FLOW + "<" + response + ">" : response;
	}

	private static String name(ServiceModel.Method method) {
		return KotlinNames.identifier(method.javaName());
	}

	private static String type(String javaClass) {
		return KotlinNames.qualified(javaClass);
	}

	/** Returns how the Kotlin code names a class of this service's Java code. */
	private String javaType(String simpleClassName) {
		return KotlinNames.qualified(this.service.qualified(simpleClassName));
	}

	private void methodHeader(Source out, ServiceModel.Method method, String generated) {
		out.kdoc(1, generated.isEmpty() ? method.comment() : "", generated);
		if (method.deprecated()) {
			out.line(1, "@Deprecated(\"Deprecated in the .proto file.\")");
		}
	}

	private void typeDeclaration(Source out, String declaration) {
		if (this.service.deprecated()) {
			out.line(0, "@Deprecated(\"Deprecated in the .proto file.\")");
		}
		out.line(0, declaration + " {");
		out.blank();
	}

	private Source header(List<String> imports) {
		Source out = new Source();
		out.line(0, "// Code generated by connect-codegen (Connect for Spring Boot) from " + this.service.protoFile()
				+ ". DO NOT EDIT.");
		if (this.service.deprecated() || this.service.methods().stream().anyMatch(ServiceModel.Method::deprecated)) {
			// The Kotlin code calls the Java code of the same deprecated elements; the user's code still gets warned.
			out.line(0, "@file:Suppress(\"DEPRECATION\")");
		}
		if (!this.service.javaPackage().isEmpty()) {
			out.line(0, "package " + KotlinNames.qualified(this.service.javaPackage()));
		}
		out.blank();
		for (String name : imports) {
			out.line(0, "import " + name);
		}
		out.blank();
		return out;
	}

	/** A Kotlin source being written, indented with four spaces. */
	private static final class Source {

		private final StringBuilder text = new StringBuilder(4096);

		void line(int indent, String line) {
			this.text.append("    ".repeat(indent)).append(line).append('\n');
		}

		void blank() {
			this.text.append('\n');
		}

		void kdoc(int indent, String protoComment, String generated) {
			List<String> lines = Kdoc.lines(protoComment, generated);
			if (lines.isEmpty()) {
				return;
			}
			line(indent, "/**");
			for (String line : lines) {
				line(indent, line.isEmpty() ? " *" : " * " + line);
			}
			line(indent, " */");
		}

		@Override
		public String toString() {
			return this.text.toString();
		}

	}

}
