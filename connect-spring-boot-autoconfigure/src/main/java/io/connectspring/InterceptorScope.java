package io.connectspring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Limits a {@link ConnectInterceptor} bean to server calls or to client calls; without it, an interceptor bean
 * applies to both. Put it on the bean's class or on its {@code @Bean} method.
 * <pre>{@code
 * @Bean
 * @InterceptorScope(CallSide.SERVER)
 * ConnectInterceptor authentication() { ... }
 * }</pre>
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface InterceptorScope {

	/** The sides the interceptor applies to. */
	CallSide[] value();

}
