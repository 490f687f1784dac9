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

	/**
	 * Where a coroutine started for a call runs: on the thread that serves the call, as Spring runs suspend handlers.
	 */
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
		return GeneratedSource.path(this.service.javaPackage(), simpleClassName, ".kt");
	}

	private String serverInterface() {
		GeneratedSource out = header(List.of("kotlinx.coroutines.reactive.asFlow", "kotlinx.coroutines.reactor.asFlux",
				"kotlinx.coroutines.reactor.mono"));
		out.doc(0, this.service.comment(), "The coroutine server interface of `" + this.service.fullName()
				+ "`: implement it in a `@ConnectService` bean. Unary and client-streaming methods are `suspend` "
				+ "functions; streams are flows. A method starts on the thread that serves the call, as the reactive "
				+ "interface's do, so it must not block: switch with `withContext(Dispatchers.IO)` first. A call the "
				+ "client cancels (or whose deadline passes) cancels the coroutine; a `CancellationException` "
				+ "thrown by "
				+ "a method is answered with code `canceled`.");
		out.typeDeclaration(this.service.deprecated(), "public interface " + this.service.coroutineServerInterface()
				+ " : io.connectspring.server.BindableService");
		for (ServiceModel.Method method : this.service.methods()) {
			String request = method.clientStreams() ? "requests: " + FLOW + "<" + type(method.requestClass()) + ">"
					: "request: " + type(method.requestClass());
			out.methodHeader(method, "");
			out.line(1, "public " + (method.serverStreams() ? "" : "suspend ") + "fun " + name(method) + "(" + request
					+ ", context: " + CONTEXT + "): " + responseType(method));
			out.blank();
		}
		out.doc(1, "", "Binds this service by adapting it to the reactive [" + javaType(this.service.serverInterface())
				+ "].");
		out.line(1, "override fun bindService(): " + BINDING + " {");
		out.line(2, "val service = this");
		out.line(2, "return object : " + javaType(this.service.serverInterface()) + " {");
		for (ServiceModel.Method method : this.service.methods()) {
			String request = method.clientStreams()
					? "requests: " + FLUX + "<" + type(method.requestClass()) + ">"
					: "request: " + type(method.requestClass());
			String argument = method.clientStreams() ? "requests.asFlow()" : "request";
			String call = "service." + name(method) + "(" + argument + ", context)";
			String returnType = (method.serverStreams() ? FLUX : MONO) + "<" + type(method.responseClass()) + ">";
			out.blank();
			out.line(3, "override fun " + name(method) + "(" + request + ", context: " + CONTEXT + "): " + returnType
					+ " =");
			if (method.serverStreams()) {
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
		GeneratedSource out = header(List.of("kotlinx.coroutines.reactive.asFlow", "kotlinx.coroutines.reactor.asFlux",
				"kotlinx.coroutines.reactor.awaitSingle"));
		String name = this.service.coroutineClientClass();
		String reactive = javaType(this.service.clientClass());
		out.doc(0, this.service.comment(), "The coroutine client of `" + this.service.fullName() + "`, over the "
				+ "reactive [" + reactive + "]. A `suspend` method returns when the response has arrived; a flow "
				+ "calls when it is collected. Cancelling the calling coroutine, or stopping the collection, cancels "
				+ "the call. Errors are thrown as `io.connectspring.ConnectException`. Instances are safe for "
				+ "concurrent use.");
		out.typeDeclaration(this.service.deprecated(), "public class " + name + "(transport: " + TRANSPORT + ")");
		out.line(1, "private val client: " + reactive + " = " + reactive + "(transport)");
		for (ServiceModel.Method method : this.service.methods()) {
			String request = method.clientStreams() ? "requests: " + FLOW + "<" + type(method.requestClass()) + ">"
					: "request: " + type(method.requestClass());
			String argument = method.clientStreams() ? "requests.asFlux()" : "request";
			out.blank();
			out.methodHeader(method, "");
			out.line(1, "public " + (method.serverStreams() ? "" : "suspend ") + "fun " + name(method) + "(" + request
					+ ", options: " + OPTIONS + " = " + OPTIONS + ".defaults()): " + responseType(method) + " =");
			out.line(2, "this.client." + name(method) + "(" + argument + ", options)."
					+ (method.serverStreams() ? "asFlow()" : "awaitSingle()"));
		}
		out.blank();
		out.line(0, "}");
		return out.toString();
	}

	private static String responseType(ServiceModel.Method method) {
		String response = type(method.responseClass());
		return method.serverStreams() ? FLOW + "<" + response + ">" : response;
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

	private GeneratedSource header(List<String> imports) {
		GeneratedSource out = GeneratedSource.kotlin();
		out.generatedFrom(this.service.protoFile());
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

}
