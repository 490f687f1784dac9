package io.connectspring.codegen;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import io.connectspring.MethodDescriptor;
import io.connectspring.ServiceDescriptor;
import io.connectspring.server.BindableService;
import io.connectspring.server.ServiceBinding;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Compiles protoc's message classes and the generated Connect code of the code generator's golden protos together,
 * against the runtime API, and binds every generated server interface to prove that its stream types match the
 * runtime's. It lives with the runtime because the generator's module is built first (the runtime's build runs the
 * generator); the fixture comes from the generator's test-jar.
 */
class GeneratedCodeCompilesTests {

	@TempDir
	static Path work;

	private static List<Diagnostic<? extends JavaFileObject>> diagnostics;

	private static Map<String, String> generated;

	@BeforeAll
	static void compile() throws IOException {
		Path sources = work.resolve("src");
		TestProtos.javaOut(TestProtos.GOLDEN_PROTOS, work, sources);
		generated = TestProtos.generate(TestProtos.request(TestProtos.GOLDEN_PROTOS, work));
		for (Map.Entry<String, String> file : generated.entrySet()) {
			Path target = sources.resolve(file.getKey());
			Files.createDirectories(target.getParent());
			Files.writeString(target, file.getValue());
		}
		List<File> files;
		try (var paths = Files.walk(sources)) {
			files = paths.filter((path) -> path.toString().endsWith(".java")).map(Path::toFile).toList();
		}
		Path classes = Files.createDirectories(work.resolve("classes"));
		JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
		DiagnosticCollector<JavaFileObject> collector = new DiagnosticCollector<>();
		try (StandardJavaFileManager fileManager = compiler.getStandardFileManager(collector, Locale.ROOT, null)) {
			List<String> options = List.of("-classpath", testClassPath(), "-d", classes.toString(), "-proc:none",
					"-Xlint:all", "--release", "17");
			compiler
				.getTask(null, fileManager, collector, options, null, fileManager.getJavaFileObjectsFromFiles(files))
				.call();
		}
		diagnostics = collector.getDiagnostics();
	}

	@Test
	void generatedCodeAndMessagesCompileWithoutErrors() {
		List<String> errors = new ArrayList<>();
		for (Diagnostic<? extends JavaFileObject> diagnostic : diagnostics) {
			if (diagnostic.getKind() == Diagnostic.Kind.ERROR) {
				errors.add(diagnostic.toString());
			}
		}
		assertThat(errors).isEmpty();
	}

	@Test
	void generatedCodeCompilesWithoutWarnings() {
		List<String> warnings = new ArrayList<>();
		for (Diagnostic<? extends JavaFileObject> diagnostic : diagnostics) {
			JavaFileObject source = diagnostic.getSource();
			boolean connectCode = source != null && generated.keySet()
				.stream()
				.anyMatch((path) -> source.toUri().getPath().endsWith("/" + path) || source.getName().endsWith(path));
			if (connectCode && diagnostic.getKind() != Diagnostic.Kind.NOTE) {
				warnings.add(diagnostic.toString());
			}
		}
		assertThat(warnings).isEmpty();
	}

	@Test
	void everyGeneratedServerInterfaceBindsAllItsProceduresAndItsDescriptorCarriesTheProtobufSchema() throws Exception {
		assertThat(diagnostics).noneMatch((diagnostic) -> diagnostic.getKind() == Diagnostic.Kind.ERROR);
		try (URLClassLoader loader = new URLClassLoader(new URL[] { work.resolve("classes").toUri().toURL() },
				getClass().getClassLoader())) {
			int bound = 0;
			for (String path : generated.keySet()) {
				String className = path.substring(0, path.length() - ".java".length()).replace('/', '.');
				if (!className.endsWith("Connect")) {
					continue;
				}
				Class<?> connect = loader.loadClass(className);
				ServiceDescriptor descriptor = (ServiceDescriptor) connect.getField("DESCRIPTOR").get(null);
				assertThat(descriptor.schema()).as("schema of %s", descriptor.name()).isNotNull();
				assertThat(descriptor.schema().getFullName()).isEqualTo(descriptor.name());
				assertThat(descriptor.schema().getMethods()).hasSameSizeAs(descriptor.methods());
				String serviceClass = className.substring(0, className.length() - "Connect".length());
				for (String server : List.of(serviceClass, serviceClass + "Blocking")) {
					ServiceBinding binding = bind(loader.loadClass(server));
					assertThat(binding.descriptor()).isSameAs(descriptor);
					assertThat(binding.handlers().keySet()).containsExactlyInAnyOrderElementsOf(
							descriptor.methods().stream().map(MethodDescriptor::methodName).toList());
					assertThat(binding.handlers().values())
						.allMatch((handler) -> handler.blocking() == server.endsWith("Blocking"));
					bound++;
				}
			}
			assertThat(bound).isEqualTo(22);
		}
	}

	private static ServiceBinding bind(Class<?> serverInterface) {
		InvocationHandler handler = (proxy, method, args) -> {
			if (method.isDefault()) {
				return InvocationHandler.invokeDefault(proxy, method, args);
			}
			throw new UnsupportedOperationException(method.getName());
		};
		Object service = Proxy.newProxyInstance(serverInterface.getClassLoader(), new Class<?>[] { serverInterface },
				handler);
		return ((BindableService) service).bindService();
	}

	private static String testClassPath() {
		// Surefire hides the test class path behind a manifest-only jar; it publishes the real one in this property.
		return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"))
			.replace(File.pathSeparator + File.pathSeparator, File.pathSeparator);
	}

}
