package io.connectspring.server;

import io.connectspring.internal.protocol.InheritedDeadline;

import java.util.Iterator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import org.springframework.util.ClassUtils;
import reactor.util.context.ContextView;
import reactor.util.context.ReactorContextAccessor;

/**
 * Carries what reactive code keeps in the Reactor context to the thread-locals blocking code reads, while a blocking
 * service method runs and while its returned stream is pulled: the call's deadline, which client calls made there
 * inherit ({@link InheritedDeadline}), the current Micrometer observation and, with Spring Security, the security
 * context the {@link SecurityContextInterceptor} resolved. Uses a registry of its own, so that
 * other thread-local accessors on the classpath are left alone.
 */
final class BlockingContext {

	private static final ContextSnapshotFactory SNAPSHOTS = ContextSnapshotFactory.builder()
		.contextRegistry(registry())
		.build();

	private BlockingContext() {
	}

	private static ContextRegistry registry() {
		ContextRegistry registry = new ContextRegistry();
		registry.registerContextAccessor(new ReactorContextAccessor());
		registry.registerThreadLocalAccessor(InheritedDeadline.threadLocalAccessor());
		registry.registerThreadLocalAccessor(new ObservationThreadLocalAccessor());
		if (ClassUtils.isPresent("org.springframework.security.core.context.SecurityContextHolder",
				BlockingContext.class.getClassLoader())) {
			registry.registerThreadLocalAccessor(new SecurityContextInterceptor.ThreadLocalAccessor());
		}
		return registry;
	}

	/** Calls blocking code with the thread-locals of the given Reactor context. */
	static <T> T call(ContextView context, Callable<T> code) throws Exception {
		try (ContextSnapshot.Scope scope = SNAPSHOTS.setThreadLocalsFrom(context)) {
			return code.call();
		}
	}

	/** Returns the elements of a blocking stream, pulling each with the thread-locals of the given context. */
	static <T> Iterable<T> iterable(ContextView context, Stream<T> stream) {
		Iterator<T> iterator = stream.iterator();
		return () -> new Iterator<>() {

			@Override
			public boolean hasNext() {
				try (ContextSnapshot.Scope scope = SNAPSHOTS.setThreadLocalsFrom(context)) {
					return iterator.hasNext();
				}
			}

			@Override
			public T next() {
				try (ContextSnapshot.Scope scope = SNAPSHOTS.setThreadLocalsFrom(context)) {
					return iterator.next();
				}
			}

		};
	}

}
