package io.connectspring.boot.aot;

import io.connectspring.Code;
import io.connectspring.ConnectException;
import io.connectspring.boot.autoconfigure.ConnectClientAutoConfiguration;
import io.connectspring.boot.client.ImportConnectClients;
import io.connectspring.client.ConnectTransport;
import io.connectspring.fixtures.EchoClient;
import io.connectspring.fixtures.EchoService;
import io.connectspring.server.BindableService;
import io.connectspring.server.ConnectAdvice;
import io.connectspring.server.ConnectExceptionHandler;
import io.connectspring.server.ConnectService;
import io.connectspring.server.ServiceBinding;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Predicate;

import com.google.protobuf.Any;
import com.google.protobuf.Field;
import com.google.protobuf.Int32Value;
import com.google.protobuf.Option;
import com.google.protobuf.SourceContext;
import com.google.protobuf.StringValue;
import com.google.protobuf.Syntax;
import com.google.protobuf.Type;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.aot.generate.ClassNameGenerator;
import org.springframework.aot.generate.DefaultGenerationContext;
import org.springframework.aot.generate.GeneratedFiles;
import org.springframework.aot.generate.GenerationContext;
import org.springframework.aot.generate.InMemoryGeneratedFiles;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.beans.factory.aot.AotServices;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;
import org.springframework.context.annotation.AnnotationConfigUtils;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.io.InputStreamSource;
import org.springframework.javapoet.ClassName;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectBeansAotProcessorTests {

	@Test
	void isListedInAotFactories() {
		assertThat(AotServices.factoriesAndBeans(new GenericApplicationContext().getBeanFactory())
			.load(BeanFactoryInitializationAotProcessor.class))
			.hasAtLeastOneElementOfType(ConnectBeansAotProcessor.class);
	}

	@Test
	void whenAServiceIsDefinedThenItsMessageTypesAndTheirBuildersAreRegistered() {
		RuntimeHints hints = processAheadOfTime(EchoService.class);
		for (Class<?> type : new Class<?>[] { StringValue.class, StringValue.Builder.class, Int32Value.class,
				Int32Value.Builder.class }) {
			assertThat(invokePublicMethods(type)).accepts(hints);
		}
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(StringValue.class, "getDefaultInstance"))
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(StringValue.Builder.class, "setValue"))
			.accepts(hints);
	}

	@Test
	void whenAServiceIsDefinedThenTheTypesItsMessagesReachAreRegistered() {
		RuntimeHints hints = processAheadOfTime(TypeService.class);
		for (Class<?> type : new Class<?>[] { Type.class, Type.Builder.class, Field.class, Field.Builder.class,
				Field.Kind.class, Field.Cardinality.class, Option.class, Any.class, Any.Builder.class,
				SourceContext.class, Syntax.class }) {
			assertThat(invokePublicMethods(type)).as(type.getName()).accepts(hints);
		}
		assertThat(RuntimeHintsPredicates.reflection().onType(ConnectException.class)).rejects(hints);
	}

	@Test
	void whenAConnectServiceOrAdviceHasExceptionHandlersThenTheyAreRegisteredForInvocation() throws Exception {
		RuntimeHints hints = processAheadOfTime(HandlingEchoService.class, Advice.class);
		assertThat(RuntimeHintsPredicates.reflection()
			.onMethodInvocation(HandlingEchoService.class.getDeclaredMethod("handle", IllegalStateException.class)))
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection()
			.onMethodInvocation(Advice.class.getDeclaredMethod("handle", IllegalArgumentException.class)))
			.accepts(hints);
	}

	@Test
	void whenClientsAreImportedThenTheirConstructorsAndMessageTypesAreRegistered() throws Exception {
		RuntimeHints hints = processAheadOfTime(ClientConfiguration.class);
		assertThat(RuntimeHintsPredicates.reflection()
			.onConstructorInvocation(EchoClient.class.getConstructor(ConnectTransport.class))).accepts(hints);
		assertThat(invokePublicMethods(StringValue.class)).accepts(hints);
	}

	@Test
	void whenClientsAndTransportsAreConfiguredThenAotProcessingWritesTheirBeanDefinitionsAsCode() {
		GenerationContext generation = processAheadOfTime(
				Map.of("connect.client.echo.base-url", "http://localhost:8080"), ClientConfiguration.class,
				ConnectClientAutoConfiguration.class);
		String code = generatedCode(generation);
		assertThat(code).contains("ConnectClientsRegistrar.createClient(")
			.contains("ConnectClientTransportsRegistrar.createTransport(");
	}

	@Test
	void whenNoConnectBeanIsDefinedThenNoMessageTypeIsRegistered() {
		RuntimeHints hints = processAheadOfTime(PlainBean.class);
		assertThat(RuntimeHintsPredicates.reflection().onType(StringValue.class)).rejects(hints);
	}

	private static Predicate<RuntimeHints> invokePublicMethods(Class<?> type) {
		return RuntimeHintsPredicates.reflection()
			.onType(type)
			.withMemberCategory(MemberCategory.INVOKE_PUBLIC_METHODS);
	}

	private static RuntimeHints processAheadOfTime(Class<?>... beanClasses) {
		return processAheadOfTime(Map.of(), beanClasses).getRuntimeHints();
	}

	private static GenerationContext processAheadOfTime(Map<String, Object> properties, Class<?>... beanClasses) {
		try (GenericApplicationContext context = new GenericApplicationContext()) {
			context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test", properties));
			AnnotationConfigUtils.registerAnnotationConfigProcessors(context);
			for (Class<?> beanClass : beanClasses) {
				context.registerBean(beanClass);
			}
			DefaultGenerationContext generation = new DefaultGenerationContext(
					new ClassNameGenerator(ClassName.get(ConnectBeansAotProcessorTests.class)),
					new InMemoryGeneratedFiles());
			new ApplicationContextAotGenerator().processAheadOfTime(context, generation);
			generation.writeGeneratedContent();
			return generation;
		}
	}

	private static String generatedCode(GenerationContext generation) {
		Map<String, InputStreamSource> sources = ((InMemoryGeneratedFiles) generation.getGeneratedFiles())
			.getGeneratedFiles(GeneratedFiles.Kind.SOURCE);
		StringBuilder code = new StringBuilder();
		sources.values().forEach((source) -> {
			try (InputStream in = source.getInputStream()) {
				code.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
		return code.toString();
	}

	/** A service whose message reaches nested messages, enums and {@code Any} through its fields. */
	static class TypeService implements BindableService {

		@Override
		public ServiceBinding bindService() {
			throw new UnsupportedOperationException();
		}

		Flux<Type> describe(Mono<Type> request) {
			return Flux.from(request);
		}

		<T extends Comparable<T>> T same(T value) {
			return value;
		}

	}

	@ConnectService
	static class HandlingEchoService extends EchoService {

		@ConnectExceptionHandler
		ConnectException handle(IllegalStateException ex) {
			return new ConnectException(Code.INTERNAL, ex.getMessage());
		}

	}

	@ConnectAdvice
	static class Advice {

		@ConnectExceptionHandler
		ConnectException handle(IllegalArgumentException ex) {
			return new ConnectException(Code.INVALID_ARGUMENT, ex.getMessage());
		}

	}

	static class PlainBean {

	}

	@ImportConnectClients(client = "echo", types = EchoClient.class)
	static class ClientConfiguration {

	}

}
