package io.connectspring.server;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.core.annotation.AliasFor;
import org.springframework.stereotype.Component;

/**
 * Marks a bean whose {@link ConnectExceptionHandler @ConnectExceptionHandler} methods apply to every Connect service,
 * as {@code @ControllerAdvice} does for controllers. Several advice beans are consulted in Spring order
 * ({@code @Order}); the first handler that returns an error wins.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Component
public @interface ConnectAdvice {

	/** The bean name, as for {@link Component#value()}. */
	@AliasFor(annotation = Component.class)
	String value() default "";

}
