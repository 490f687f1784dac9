package io.connectspring.internal.protocol;

import io.connectspring.ConnectInterceptor;
import io.connectspring.MethodDescriptor;

/**
 * A {@link ConnectInterceptor} that can tell at start-up that it hands every call of a procedure on unchanged, such
 * as exception handling for a service without handlers. {@link InterceptorChain#forMethod} leaves it out for that
 * procedure, so that such calls pay nothing for it, nor for the checks a chain makes around interceptors.
 */
public interface PassThroughInterceptor {

	/**
	 * Returns whether every call of the procedure would pass through unchanged: {@code intercept} would only return
	 * {@code next.proceed(requests)}. Called once per procedure while routes are built; the answer must not change.
	 */
	boolean passesThrough(MethodDescriptor<?, ?> method);

}
