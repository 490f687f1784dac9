package io.connectspring.boot.test;

import io.connectspring.client.WireProtocol;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.autoconfigure.OverrideAutoConfiguration;
import org.springframework.boot.test.context.filter.annotation.TypeExcludeFilters;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.context.BootstrapWith;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * A test of Connect services without a port, in the style of {@code @WebFluxTest}: the application context holds the
 * {@link io.connectspring.server.ConnectService @ConnectService} beans (all of them, or those {@link #services()}
 * names), the {@link io.connectspring.ConnectInterceptor} components, the
 * {@link io.connectspring.server.ConnectAdvice @ConnectAdvice} beans, and the auto-configuration that serves them
 * on WebFlux ({@link AutoConfigureConnect @AutoConfigureConnect}); other components and auto-configuration are left
 * out. Generated clients the test injects call the routes in memory
 * ({@link AutoConfigureInMemoryConnectTransport @AutoConfigureInMemoryConnectTransport}):
 * <pre>{@code
 * @ConnectTest(GreetServiceImpl.class)
 * class GreetServiceConnectTests {
 *
 *     @Autowired
 *     GreetServiceClient client;
 *
 *     @Test
 *     void greets() {
 *         StepVerifier.create(client.greet(GreetRequest.newBuilder().setName("Ada").build()))
 *             .assertNext((response) -> assertThat(response.getGreeting()).isEqualTo("Hello, Ada!"))
 *             .verifyComplete();
 *     }
 *
 * }
 * }</pre>
 * Calls go through the whole server stack (WebFlux filters, routes, protocol handling, interceptors, exception
 * advice) with the Connect protocol by default, or gRPC-Web ({@link #protocol()}); gRPC needs HTTP/2 trailers, which
 * only the network carries, so test it with {@code @SpringBootTest(webEnvironment = RANDOM_PORT)}. All four stream
 * types work, bidirectional streams full-duplex.
 * <p>
 * Interceptors and advice defined by {@code @Bean} methods live in {@code @Configuration} classes, which the slice
 * leaves out: {@code @Import} them, as with collaborators of the services (or replace those with
 * {@code @MockitoBean}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@BootstrapWith(ConnectTestContextBootstrapper.class)
@ExtendWith(SpringExtension.class)
@OverrideAutoConfiguration(enabled = false)
@TypeExcludeFilters(ConnectTypeExcludeFilter.class)
@AutoConfigureConnect
@AutoConfigureInMemoryConnectTransport
@ImportAutoConfiguration
public @interface ConnectTest {

	/** Properties in form {@literal key=value} added to the environment before the test runs. */
	String[] properties() default {};

	/** The services to test, as {@link #services()}; for brevity when no other attribute is set. */
	@AliasFor("services")
	Class<?>[] value() default {};

	/** The {@code @ConnectService} classes to test; every one in the application when empty. */
	@AliasFor("value")
	Class<?>[] services() default {};

	/** The protocol of the injected clients: Connect (the default) or gRPC-Web. */
	@AliasFor(annotation = AutoConfigureInMemoryConnectTransport.class)
	WireProtocol protocol() default WireProtocol.CONNECT;

	/** The codec of the injected clients: {@code "proto"} (the default) or {@code "json"}. */
	@AliasFor(annotation = AutoConfigureInMemoryConnectTransport.class)
	String codec() default "proto";

	/**
	 * Whether the default filters apply to component scanning: only the components listed above are kept. Off, the
	 * {@link #includeFilters()} alone decide.
	 */
	boolean useDefaultFilters() default true;

	/** Filters adding components that would otherwise be left out. */
	ComponentScan.Filter[] includeFilters() default {};

	/** Filters leaving out components that would otherwise be kept. */
	ComponentScan.Filter[] excludeFilters() default {};

	/** Auto-configuration to leave out of this test. */
	@AliasFor(annotation = ImportAutoConfiguration.class, attribute = "exclude")
	Class<?>[] excludeAutoConfiguration() default {};

}
