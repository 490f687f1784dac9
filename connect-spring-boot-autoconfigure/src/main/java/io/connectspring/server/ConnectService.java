package io.connectspring.server;

import io.connectspring.ConnectInterceptor;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.core.annotation.AliasFor;
import org.springframework.stereotype.Component;

/**
 * Marks a bean that serves a Connect service. The class implements a generated server interface, either the
 * reactive one ({@code GreetService}) or the blocking one ({@code GreetServiceBlocking}); the auto-configuration
 * finds every such bean and routes each of the service's procedures to it, on the application's WebFlux port.
 * <p>
 * Like {@code @RestController}, this is a {@link Component @Component}: component scanning picks it up, and a
 * {@code @Bean} method returning an annotated class works too. One service may be served by one bean only.
 * <p>
 * Every {@link ConnectInterceptor} bean applies to the service, in Spring order. {@link #interceptors()} adds
 * interceptors for this service only; they run inside the global ones, in the order listed.
 * {@link #excludeInterceptors()} leaves out global interceptors of the given types.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Component
public @interface ConnectService {

	/** The bean name, as for {@link Component#value()}. */
	@AliasFor(annotation = Component.class)
	String value() default "";

	/**
	 * Interceptors for this service only, the first outermost, run inside the global ones. Each type is taken from
	 * the application context when it holds exactly one bean of that type, else created (with autowiring) for this
	 * service.
	 */
	Class<? extends ConnectInterceptor>[] interceptors() default {};

	/** Global interceptor types (bean classes, or any supertype of them) that do not apply to this service. */
	Class<? extends ConnectInterceptor>[] excludeInterceptors() default {};

}
