package io.connectspring.server;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method that turns application exceptions into Connect errors, as {@code @ExceptionHandler} does for Spring
 * MVC and WebFlux controllers. It applies to every call of the services it covers: declared in a
 * {@link ConnectAdvice @ConnectAdvice} bean, to all services; declared in a {@link ConnectService @ConnectService}
 * bean, to that service, ahead of the advice.
 * <p>
 * The method takes the exception (one parameter of a {@link Throwable} type, which also gives the handled type when
 * {@link #value()} is empty) and optionally the call's {@link ConnectContext} (or
 * {@link io.connectspring.ConnectCall}). It returns the {@link io.connectspring.ConnectException} to send, or
 * {@code null} to leave the exception to the next handler; it may also throw a {@code ConnectException}. It runs where
 * the error surfaced, so it must not block.
 * <pre>{@code
 * @ConnectExceptionHandler
 * ConnectException notFound(NoSuchElementException ex) {
 *     return new ConnectException(Code.NOT_FOUND, ex.getMessage());
 * }
 * }</pre>
 * The handler of the closest exception type wins; an exception no handler matches is tried again by its causes. The
 * handlers apply to exceptions from reactive and blocking services alike, to errors raised mid-stream, and to errors
 * from interceptors that run inside exception handling. What stays unmapped reaches the client as
 * {@link io.connectspring.Code#UNKNOWN} with a generic message.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ConnectExceptionHandler {

	/** The exception types handled; empty to take the type of the method's exception parameter. */
	Class<? extends Throwable>[] value() default {};

}
