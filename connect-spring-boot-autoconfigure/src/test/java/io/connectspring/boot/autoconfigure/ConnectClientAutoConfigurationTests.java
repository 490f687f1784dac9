package io.connectspring.boot.autoconfigure;

import io.connectspring.CallSide;
import io.connectspring.Code;
import io.connectspring.ConnectException;
import io.connectspring.ConnectInterceptor;
import io.connectspring.InterceptorScope;
import io.connectspring.boot.client.ImportConnectClients;
import io.connectspring.client.ConnectTransport;
import io.connectspring.client.HttpConnectTransport;
import io.connectspring.fixtures.ConnectServerExtension;
import io.connectspring.fixtures.EchoClient;
import io.connectspring.internal.protocol.InheritedDeadline;
import io.connectspring.internal.wire.GzipCompression;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import com.google.protobuf.StringValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.annotation.Order;
import reactor.core.publisher.Flux;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectClientAutoConfigurationTests {

	private static final AtomicReference<String> acceptEncodingSeen = new AtomicReference<>();

	@RegisterExtension
	static final ConnectServerExtension server = new ConnectServerExtension(List.of((call, requests, next) -> {
		acceptEncodingSeen.set(call.requestHeaders().getFirst("Accept-Encoding"));
		return next.proceed(requests);
	}));

	@RegisterExtension
	static final ConnectServerExtension tlsServer = ConnectServerExtension.tls();

	// Nothing listens on port 9; calls in these tests end in an interceptor before they reach the network.
	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ConnectClientAutoConfiguration.class))
		.withPropertyValues("connect.client.greet.base-url=http://127.0.0.1:9");

	@Test
	void whenClientConfiguredThenTransportBeanIsNamedAfterIt() {
		this.runner.withPropertyValues("connect.client.billing.base-url=http://127.0.0.1:9",
				"connect.client.billing.http-version=h2c", "connect.client.billing.codec=json",
				"connect.client.billing.timeout=2s", "connect.client.billing.max-read-message-size=1MB",
				"connect.client.billing.headers.x-api-key=k", "connect.client.billing.send-compression=gzip")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBeansOfType(HttpConnectTransport.class)).containsOnlyKeys("greetConnectTransport",
						"billingConnectTransport");
			});
	}

	@Test
	void whenInheritDeadlineIsSetFalseThenCallsIgnoreTheDeadlineOfTheServerCall() {
		Instant passed = Instant.now().minusMillis(1);
		this.runner.run((context) -> assertThat(codeOfCallWithInheritedDeadline(context, passed))
			.isEqualTo(Code.DEADLINE_EXCEEDED));
		this.runner.withPropertyValues("connect.client.greet.inherit-deadline=false")
			.run((context) -> assertThat(codeOfCallWithInheritedDeadline(context, passed))
				.isEqualTo(Code.UNAVAILABLE));
	}

	private static Code codeOfCallWithInheritedDeadline(AssertableApplicationContext context, Instant deadline) {
		ConnectTransport transport = context.getBean("greetConnectTransport", ConnectTransport.class);
		try {
			new EchoClient(transport).echo("x")
				.contextWrite((reactor) -> InheritedDeadline.put(reactor, deadline))
				.block(Duration.ofSeconds(10));
			throw new AssertionError("the call should have failed");
		}
		catch (ConnectException ex) {
			return ex.code();
		}
	}

	@Test
	void whenNoClientConfiguredThenNoTransportBean() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ConnectClientAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ConnectTransport.class));
	}

	@Test
	void whenReactorNettyIsMissingThenAutoConfigurationIsSkipped() {
		this.runner.withClassLoader(new FilteredClassLoader(reactor.netty.http.client.HttpClient.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ConnectTransport.class)
				.doesNotHaveBean(ConnectClientProperties.class));
	}

	@Test
	void whenUserDefinesTransportBeanOfThatNameThenAutoConfigurationBacksOff() {
		this.runner.withUserConfiguration(UserTransportConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(ConnectTransport.class);
			assertThat(context.getBean("greetConnectTransport")).isSameAs(UserTransportConfiguration.TRANSPORT);
		});
	}

	@Test
	void importConnectClientsRegistersClientsOnTheNamedTransport() {
		this.runner.withPropertyValues("connect.client.other.base-url=http://127.0.0.1:9")
			.withUserConfiguration(GreetAndOtherClients.class)
			.run((context) -> {
				assertThat(context.getBeansOfType(EchoClient.class)).containsOnlyKeys("greetEchoClient",
						"otherEchoClient");
				assertThat(context.getBean("greetEchoClient", EchoClient.class).transport())
					.isSameAs(context.getBean("greetConnectTransport"));
				assertThat(context.getBean(QualifiedInjection.class).client.transport())
					.isSameAs(context.getBean("otherConnectTransport"));
			});
	}

	@Test
	void whenImportedClientIsNotConfiguredThenStartupFailsNamingTheProperty() {
		this.runner.withUserConfiguration(UnconfiguredClient.class)
			.run((context) -> assertThat(mostSpecificCause(context))
				.hasMessageContaining("connect.client.missing.base-url"));
	}

	@Test
	void whenImportedTypeIsNoClientThenStartupFailsNamingIt() {
		this.runner.withUserConfiguration(NotAClient.class)
			.run((context) -> assertThat(mostSpecificCause(context))
				.hasMessageContaining(String.class.getName())
				.hasMessageContaining("no public constructor taking a ConnectTransport"));
	}

	@Test
	void whenBaseUrlIsMissingThenStartupFailsNamingIt() {
		this.runner.withPropertyValues("connect.client.nourl.codec=json")
			.run((context) -> assertThat(mostSpecificCause(context))
				.hasMessageContaining("connect.client.nourl.base-url is required"));
	}

	@Test
	void whenHttpVersionIsUnknownThenStartupFailsListingTheChoices() {
		this.runner.withPropertyValues("connect.client.greet.http-version=3")
			.run((context) -> assertThat(mostSpecificCause(context))
				.hasMessageContaining("connect.client.greet.http-version is '3'")
				.hasMessageContaining("1.1, h2c"));
	}

	@Test
	void whenProtocolIsUnknownThenStartupFailsListingTheChoices() {
		this.runner.withPropertyValues("connect.client.greet.protocol=grpc-http1")
			.run((context) -> assertThat(mostSpecificCause(context))
				.hasMessageContaining("connect.client.greet.protocol is 'grpc-http1'")
				.hasMessageContaining("connect, grpc or grpc-web"));
	}

	@Test
	void sslBundleNamedByAClientVerifiesTheServer() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, ConnectClientAutoConfiguration.class))
			.withPropertyValues("spring.ssl.bundle.jks.local.truststore.location=classpath:tls/localhost.p12",
					"spring.ssl.bundle.jks.local.truststore.password=changeit",
					"spring.ssl.bundle.jks.local.truststore.type=PKCS12",
					"connect.client.secure.base-url=" + tlsServer.baseUrl(), "connect.client.secure.http-version=h2",
					"connect.client.secure.ssl.bundle=local")
			.run((context) -> {
				HttpConnectTransport transport = context.getBean("secureConnectTransport", HttpConnectTransport.class);
				assertThat(new EchoClient(transport).echo("over tls").block(Duration.ofSeconds(10)))
					.isEqualTo(StringValue.of("over tls"));
			});
	}

	@Test
	void whenSslBundleIsUnknownThenStartupFailsListingTheBundles() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, ConnectClientAutoConfiguration.class))
			.withPropertyValues("connect.client.secure.base-url=https://127.0.0.1:9",
					"connect.client.secure.ssl.bundle=missing")
			.run((context) -> assertThat(context.getStartupFailure())
				.hasStackTraceContaining("connect.client.secure.ssl.bundle is 'missing', which is no SSL bundle"));
	}

	@Test
	void whenGrpcIsConfiguredOverHttp11ThenStartupFailsNamingTheClient() {
		this.runner.withPropertyValues("connect.client.greet.protocol=grpc", "connect.client.greet.http-version=1.1")
			.run((context) -> assertThat(mostSpecificCause(context))
				.hasMessageContaining("connect.client.greet.http-version is '1.1', but protocol grpc needs HTTP/2"));
	}

	@Test
	void grpcAndGrpcWebClientsStartWithTheirDefaultHttpVersions() {
		this.runner.withPropertyValues("connect.client.greet.protocol=grpc",
				"connect.client.web.base-url=http://127.0.0.1:9", "connect.client.web.protocol=grpc-web")
			.run((context) -> assertThat(context).hasNotFailed()
				.hasBean("greetConnectTransport")
				.hasBean("webConnectTransport"));
	}

	@Test
	void whenCompressionIsUnknownThenStartupFailsListingTheAvailableOnes() {
		this.runner.withPropertyValues("connect.client.greet.send-compression=snappy")
			.run((context) -> assertThat(mostSpecificCause(context))
				.hasMessageContaining("'snappy', which is neither built in nor a Compression bean")
				.hasMessageContaining("[gzip, br, zstd]"));
	}

	@Test
	void whenSendCompressionIsZstdWithoutZstdJniThenStartupFailsNamingTheArtifact() {
		this.runner.withClassLoader(new FilteredClassLoader("com.github.luben.zstd"))
			.withPropertyValues("connect.client.greet.send-compression=zstd")
			.run((context) -> assertThat(mostSpecificCause(context)).hasMessageContaining(
					"connect.client.greet.accept-compressions or send-compression names 'zstd', which is built in but"
							+ " needs com.github.luben:zstd-jni on the class path; available: [gzip, br]"));
	}

	@Test
	void whenAcceptCompressionsNameBrWithoutBrotli4jThenStartupFailsNamingTheArtifact() {
		this.runner.withClassLoader(new FilteredClassLoader("com.aayushatharva.brotli4j"))
			.withPropertyValues("connect.client.greet.accept-compressions=gzip,br")
			.run((context) -> assertThat(mostSpecificCause(context))
				.hasMessageContaining("names 'br', which is built in but needs com.aayushatharva.brotli4j:brotli4j"));
	}

	@Test
	void byDefaultEveryBuiltInCompressionWhoseLibraryIsPresentIsAccepted() {
		assertThat(acceptEncoding(this.runner)).isEqualTo("gzip,br,zstd");
	}

	@Test
	void whenBrotli4jIsAbsentThenBrIsNotAcceptedByDefault() {
		assertThat(acceptEncoding(this.runner.withClassLoader(new FilteredClassLoader("com.aayushatharva.brotli4j"))))
			.isEqualTo("gzip,zstd");
	}

	@Test
	void whenAcceptCompressionsAreSetThenTheSendCompressionFollowsThem() {
		assertThat(acceptEncoding(this.runner.withPropertyValues("connect.client.greet.accept-compressions=zstd",
				"connect.client.greet.send-compression=br")))
			.isEqualTo("zstd,br");
	}

	@Test
	void transportCustomizersRunAfterTheClientsPropertiesWithTheClientsName() {
		assertThat(acceptEncoding(this.runner.withPropertyValues("connect.client.greet.accept-compressions=zstd")
			.withBean(ConnectClientTransportCustomizer.class, () -> (name, builder) -> {
				if (name.equals("greet")) {
					builder.compressions(List.of(new GzipCompression()));
				}
			})))
			.isEqualTo("gzip");
	}

	/** Calls the test server with the greet client and returns the Accept-Encoding header that it saw. */
	private static String acceptEncoding(ApplicationContextRunner runner) {
		AtomicReference<String> accepted = new AtomicReference<>();
		runner.withPropertyValues("connect.client.greet.base-url=" + server.baseUrl())
			.withUserConfiguration(GreetClient.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				context.getBean(EchoClient.class).echo("hi").block();
				accepted.set(acceptEncodingSeen.get());
			});
		return accepted.get();
	}

	@Test
	void whenClientNamesAnUnknownInterceptorThenStartupFailsNamingIt() {
		this.runner.withPropertyValues("connect.client.greet.interceptors=nosuch")
			.run((context) -> assertThat(mostSpecificCause(context))
				.hasMessageContaining("connect.client.greet.interceptors names 'nosuch'"));
	}

	@Test
	void interceptorBeansApplyToClientsInSpringOrderUnlessScopedToServers() {
		this.runner.withUserConfiguration(InterceptorConfiguration.class, GreetClient.class).run((context) -> {
			StringValue answer = context.getBean(EchoClient.class).echo("hi").block();
			assertThat(answer.getValue()).isEqualTo("short-circuited");
			// onlyOther applies too: no client names it.
			assertThat(context.getBean(InterceptorConfiguration.class).seen).containsExactly("first", "client",
					"both", "onlyOther");
		});
	}

	@Test
	void interceptorNamedByAClientAppliesOnlyToThatClient() {
		this.runner
			.withPropertyValues("connect.client.other.base-url=http://127.0.0.1:9",
					"connect.client.other.interceptors=onlyOther")
			.withUserConfiguration(InterceptorConfiguration.class, GreetAndOtherClients.class)
			.run((context) -> {
				List<String> seen = context.getBean(InterceptorConfiguration.class).seen;
				context.getBean("greetEchoClient", EchoClient.class).echo("hi").block();
				assertThat(seen).containsExactly("first", "client", "both");
				seen.clear();
				context.getBean("otherEchoClient", EchoClient.class).echo("hi").block();
				assertThat(seen).containsExactly("first", "client", "both", "onlyOther");
			});
	}

	private static Throwable mostSpecificCause(AssertableApplicationContext context) {
		return NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure());
	}

	@Configuration(proxyBeanMethods = false)
	static class UserTransportConfiguration {

		static final ConnectTransport TRANSPORT = HttpConnectTransport.builder("http://127.0.0.1:9").build();

		@Bean
		ConnectTransport greetConnectTransport() {
			return TRANSPORT;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ImportConnectClients(client = "greet", types = EchoClient.class)
	static class GreetClient {

	}

	@Configuration(proxyBeanMethods = false)
	@ImportConnectClients(client = "greet", types = EchoClient.class)
	@ImportConnectClients(client = "other", types = EchoClient.class)
	static class GreetAndOtherClients {

		@Bean
		QualifiedInjection qualifiedInjection(@Qualifier("other") EchoClient client) {
			return new QualifiedInjection(client);
		}

	}

	record QualifiedInjection(EchoClient client) {
	}

	@Configuration(proxyBeanMethods = false)
	@ImportConnectClients(client = "missing", types = EchoClient.class)
	static class UnconfiguredClient {

	}

	@Configuration(proxyBeanMethods = false)
	@ImportConnectClients(client = "greet", types = String.class)
	static class NotAClient {

	}

	@Configuration(proxyBeanMethods = false)
	static class InterceptorConfiguration {

		final List<String> seen = new CopyOnWriteArrayList<>();

		private ConnectInterceptor recording(String name) {
			return (call, requests, next) -> {
				this.seen.add(name);
				return next.proceed(requests);
			};
		}

		@Bean
		@Order(1)
		ConnectInterceptor first() {
			return recording("first");
		}

		@Bean
		@Order(3)
		ConnectInterceptor both() {
			return recording("both");
		}

		@Bean
		@Order(2)
		@InterceptorScope(CallSide.CLIENT)
		ConnectInterceptor client() {
			return recording("client");
		}

		@Bean
		@Order(0)
		@InterceptorScope(CallSide.SERVER)
		ConnectInterceptor server() {
			return recording("server");
		}

		@Bean
		@Order(4)
		ConnectInterceptor onlyOther() {
			return recording("onlyOther");
		}

		@Bean
		@Order(Integer.MAX_VALUE)
		ConnectInterceptor innermostShortCircuit() {
			return (call, requests, next) -> requests.then().thenMany(Flux.just(StringValue.of("short-circuited")));
		}

	}

}
