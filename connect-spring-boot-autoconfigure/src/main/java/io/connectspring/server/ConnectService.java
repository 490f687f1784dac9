package io.connectspring.server;

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
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Component
public @interface ConnectService {

	/** The bean name, as for {@link Component#value()}. */
	@AliasFor(annotation = Component.class)
	String value() default "";

}
