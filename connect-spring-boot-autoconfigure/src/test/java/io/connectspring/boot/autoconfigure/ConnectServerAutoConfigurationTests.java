package io.connectspring.boot.autoconfigure;

import io.connectspring.Compression;
import io.connectspring.fixtures.EchoService;
import io.connectspring.internal.wire.GzipCompression;
import io.connectspring.server.ConnectRouterFunction;
import io.connectspring.server.ConnectRouterFunctionBuilder;
import io.connectspring.server.ConnectService;
import io.connectspring.server.ConnectServiceRegistry;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableReactiveWebApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectServerAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ConnectServerAutoConfiguration.class));

	@Test
	void connectServiceBeanIsServed() {
		this.runner.withUserConfiguration(EchoConfiguration.class).run((context) -> {
			RouterFunction<ServerResponse> routes = context.getBean("connectRouterFunction", RouterFunction.class);
			WebTestClient.bindToRouterFunction(routes)
				.build()
				.post()
				.uri("/test.v1.EchoService/Echo")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue("\"hello\"")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody(String.class)
				.isEqualTo("\"hello\"");
		});
	}

	@Test
	void whenPathPrefixPropertySetThenRoutesMoveUnderIt() {
		this.runner.withUserConfiguration(EchoConfiguration.class)
			.withPropertyValues("connect.server.path-prefix=/rpc")
			.run((context) -> WebTestClient
				.bindToRouterFunction(context.getBean("connectRouterFunction", RouterFunction.class))
				.build()
				.post()
				.uri("/rpc/test.v1.EchoService/Echo")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue("\"x\"")
				.exchange()
				.expectStatus()
				.isOk());
	}

	@Test
	void twoBeansServingTheSameServiceFailStartupNamingBoth() {
		this.runner.withUserConfiguration(EchoConfiguration.class, SecondEchoConfiguration.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("test.v1.EchoService")
				.hasMessageContaining("'echo'")
				.hasMessageContaining("'secondEcho'");
		});
	}

	@Test
	void connectServiceBeanWithoutAGeneratedInterfaceFailsStartup() {
		this.runner.withUserConfiguration(NotAServiceConfiguration.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("'notAService'")
				.hasMessageContaining("implements no generated Connect service interface");
		});
	}

	@Test
	void whenServerEnabledPropertySetFalseThenAutoConfigurationIsSkipped() {
		this.runner.withUserConfiguration(EchoConfiguration.class)
			.withPropertyValues("connect.server.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("connectRouterFunction"));
	}

	@Test
	void whenNotAReactiveWebApplicationThenAutoConfigurationIsSkipped() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ConnectServerAutoConfiguration.class))
			.withUserConfiguration(EchoConfiguration.class)
			.run((context) -> assertThat(context).doesNotHaveBean("connectRouterFunction"));
	}

	@Test
	void whenReactorNettyServerSupportIsPresentThenClientsHttp2ErrorsAreKeptFromTheErrorLog() {
		this.runner.withUserConfiguration(EchoConfiguration.class)
			.run((context) -> assertThat(context).hasBean("connectHttp2ClientErrorCustomizer"));
	}

	@Test
	void whenReactorNettyServerSupportIsAbsentThenNoNettyCustomizerIsDefined() {
		this.runner.withUserConfiguration(EchoConfiguration.class)
			.withClassLoader(new FilteredClassLoader("org.springframework.boot.reactor.netty"))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean("connectHttp2ClientErrorCustomizer")
				.hasBean("connectRouterFunction"));
	}

	@Test
	void whenUserDefinesTheBlockingSchedulerThenItIsUsed() {
		this.runner.withUserConfiguration(EchoConfiguration.class, CustomSchedulerConfiguration.class)
			.run((context) -> assertThat(context.getBean(ConnectServerAutoConfiguration.BLOCKING_SCHEDULER_BEAN_NAME))
				.isSameAs(CustomSchedulerConfiguration.SCHEDULER));
	}

	@Test
	void theServiceRegistryListsEveryConnectServiceBeanByName() {
		this.runner.withUserConfiguration(EchoConfiguration.class).run((context) -> {
			ConnectServiceRegistry registry = context.getBean(ConnectServiceRegistry.class);
			assertThat(registry.services()).containsOnlyKeys("echo");
			assertThat(registry.serviceNames()).containsExactly("test.v1.EchoService");
		});
	}

	@Test
	void whenUserDefinesTheServiceRegistryThenOnlyItsServicesAreServed() {
		this.runner.withUserConfiguration(EchoConfiguration.class, EmptyRegistryConfiguration.class)
			.run((context) -> WebTestClient.bindToRouterFunction(context.getBean(ConnectRouterFunction.class))
				.build()
				.post()
				.uri("/test.v1.EchoService/Echo")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue("\"hello\"")
				.exchange()
				.expectStatus()
				.isNotFound());
	}

	@Test
	void routerFunctionBuilderCustomizersRunInOrderAfterTheProperties() {
		this.runner.withUserConfiguration(EchoConfiguration.class, RouterCustomizersConfiguration.class)
			.withPropertyValues("connect.server.path-prefix=/ignored")
			.run((context) -> WebTestClient.bindToRouterFunction(context.getBean(ConnectRouterFunction.class))
				.build()
				.post()
				.uri("/second/test.v1.EchoService/Echo")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue("\"x\"")
				.exchange()
				.expectStatus()
				.isOk());
	}

	@Test
	void whenUserDefinesAConnectRouterFunctionThenTheAutoConfiguredOneBacksOff() {
		this.runner.withUserConfiguration(EchoConfiguration.class, OwnRouterFunctionConfiguration.class)
			.run((context) -> assertThat(context).getBeans(ConnectRouterFunction.class)
				.containsOnlyKeys("ownRoutes"));
	}

	@Test
	void whenAConnectServicePropertyIsInvalidThenStartupFailsNamingIt() {
		this.runner.withUserConfiguration(EchoConfiguration.class)
			.withPropertyValues("connect.server.path-prefix=/has space")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("pathPrefix '/has space'"));
	}

	@Test
	void whenUnknownCompressionIsConfiguredThenStartupFailsListingTheAvailableOnes() {
		this.runner.withUserConfiguration(EchoConfiguration.class)
			.withPropertyValues("connect.server.compression.algorithms=gzip,snappy")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining("'snappy', which is neither built in nor a Compression bean")
					.hasMessageContaining("[gzip, br, zstd]");
			});
	}

	@Test
	void byDefaultEveryBuiltInCompressionWhoseLibraryIsPresentIsOffered() {
		this.runner.withUserConfiguration(EchoConfiguration.class)
			.run((context) -> assertOffered(context, "gzip,br,zstd"));
	}

	@Test
	void whenBrotli4jIsAbsentThenBrIsNotOfferedByDefault() {
		this.runner.withUserConfiguration(EchoConfiguration.class)
			.withClassLoader(new FilteredClassLoader("com.aayushatharva.brotli4j"))
			.run((context) -> assertOffered(context, "gzip,zstd"));
	}

	@Test
	void whenZstdJniIsAbsentThenZstdIsNotOfferedByDefault() {
		this.runner.withUserConfiguration(EchoConfiguration.class)
			.withClassLoader(new FilteredClassLoader("com.github.luben.zstd"))
			.run((context) -> assertOffered(context, "gzip,br"));
	}

	@Test
	void whenAlgorithmsNameBrWithoutBrotli4jThenStartupFailsNamingTheArtifact() {
		this.runner.withUserConfiguration(EchoConfiguration.class)
			.withClassLoader(new FilteredClassLoader("com.aayushatharva.brotli4j"))
			.withPropertyValues("connect.server.compression.algorithms=br,gzip")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining("connect.server.compression.algorithms names 'br', which is built in but"
							+ " needs com.aayushatharva.brotli4j:brotli4j on the class path")
					.hasMessageContaining("native-<os>-<arch>")
					.hasMessageEndingWith("available: [gzip, zstd]");
			});
	}

	@Test
	void whenAlgorithmsNameZstdWithoutZstdJniThenStartupFailsNamingTheArtifact() {
		this.runner.withUserConfiguration(EchoConfiguration.class)
			.withClassLoader(new FilteredClassLoader("com.github.luben.zstd"))
			.withPropertyValues("connect.server.compression.algorithms=zstd")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessage("connect.server.compression.algorithms names 'zstd', which is built in but needs"
						+ " com.github.luben:zstd-jni on the class path; available: [gzip, br]"));
	}

	@Test
	void whenAlgorithmsAreSetThenOnlyThoseAreOfferedInThatOrder() {
		this.runner.withUserConfiguration(EchoConfiguration.class)
			.withPropertyValues("connect.server.compression.algorithms=zstd,gzip")
			.run((context) -> assertOffered(context, "zstd,gzip"));
	}

	@Test
	void whenAlgorithmsAreSetEmptyThenNothingIsOffered() {
		this.runner.withUserConfiguration(EchoConfiguration.class)
			.withPropertyValues("connect.server.compression.algorithms=")
			.run((context) -> assertOffered(context, "identity"));
	}

	@Test
	void aCompressionBeanReplacesTheBuiltInOfItsName() {
		this.runner.withUserConfiguration(EchoConfiguration.class, RenamedGzipConfiguration.class)
			.withClassLoader(new FilteredClassLoader("com.aayushatharva.brotli4j"))
			.withPropertyValues("connect.server.compression.algorithms=br")
			.run((context) -> assertOffered(context, "br"));
	}

	/**
	 * Asserts which compressions the server supports, as the error of a call with an unknown compression lists them.
	 */
	private static void assertOffered(AssertableReactiveWebApplicationContext context, String offered) {
		assertThat(context).hasNotFailed();
		WebTestClient.bindToRouterFunction(context.getBean("connectRouterFunction", RouterFunction.class))
			.build()
			.post()
			.uri("/test.v1.EchoService/Echo")
			.contentType(MediaType.APPLICATION_JSON)
			.header("Content-Encoding", "snappy")
			.bodyValue("\"hello\"")
			.exchange()
			.expectStatus()
			.isEqualTo(501)
			.expectBody()
			.jsonPath("$.message")
			.isEqualTo("unknown compression \"snappy\": supported encodings are " + offered);
	}

	@Configuration(proxyBeanMethods = false)
	static class EchoConfiguration {

		@Bean
		AnnotatedEcho echo() {
			return new AnnotatedEcho();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SecondEchoConfiguration {

		@Bean
		AnnotatedEcho secondEcho() {
			return new AnnotatedEcho();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class NotAServiceConfiguration {

		@Bean
		NotAService notAService() {
			return new NotAService();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class RenamedGzipConfiguration {

		/** Stands in for br without Brotli4j: a bean of a built-in's name wins over the built-in. */
		@Bean
		Compression brotliStandIn() {
			return new Compression() {

				private final GzipCompression gzip = new GzipCompression();

				@Override
				public String name() {
					return "br";
				}

				@Override
				public OutputStream compress(OutputStream target) throws IOException {
					return this.gzip.compress(target);
				}

				@Override
				public InputStream decompress(InputStream source) throws IOException {
					return this.gzip.decompress(source);
				}

			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomSchedulerConfiguration {

		static final Scheduler SCHEDULER = Schedulers.newSingle("custom");

		@Bean(ConnectServerAutoConfiguration.BLOCKING_SCHEDULER_BEAN_NAME)
		Scheduler connectBlockingScheduler() {
			return SCHEDULER;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class EmptyRegistryConfiguration {

		@Bean
		ConnectServiceRegistry ownRegistry() {
			return ConnectServiceRegistry.of(Map.of());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class RouterCustomizersConfiguration {

		@Bean
		@Order(2)
		ConnectRouterFunctionBuilderCustomizer second() {
			return (builder) -> builder.pathPrefix("/second");
		}

		@Bean
		@Order(1)
		ConnectRouterFunctionBuilderCustomizer first() {
			return (builder) -> builder.pathPrefix("/first");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnRouterFunctionConfiguration {

		@Bean
		ConnectRouterFunction ownRoutes() {
			return new ConnectRouterFunctionBuilder().build();
		}

	}

	@ConnectService
	static class AnnotatedEcho extends EchoService {

	}

	@ConnectService
	static class NotAService {

	}

}
