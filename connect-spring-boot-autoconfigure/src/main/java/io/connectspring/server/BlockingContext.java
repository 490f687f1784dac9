package io.connectspring.server;

import io.connectspring.internal.protocol.InheritedDeadline;

import java.util.Iterator;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import org.springframework.util.ClassUtils;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;
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

	/**
	 * Returns a view of a scheduler whose tasks run with the thread-locals of the given Reactor context. Disposing
	 * the view leaves the scheduler alone.
	 */
	static Scheduler scheduler(ContextView context, Scheduler scheduler) {
		return new ContextScheduler(context, scheduler);
	}

	private static Runnable withThreadLocals(ContextView context, Runnable task) {
		return () -> {
			try (ContextSnapshot.Scope scope = SNAPSHOTS.setThreadLocalsFrom(context)) {
				task.run();
			}
		};
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

	private record ContextScheduler(ContextView context, Scheduler scheduler) implements Scheduler {

		@Override
		public Disposable schedule(Runnable task) {
			return this.scheduler.schedule(withThreadLocals(this.context, task));
		}

		@Override
		public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
			return this.scheduler.schedule(withThreadLocals(this.context, task), delay, unit);
		}

		@Override
		public Worker createWorker() {
			Worker worker = this.scheduler.createWorker();
			ContextView context = this.context;
			return new Worker() {

				@Override
				public Disposable schedule(Runnable task) {
					return worker.schedule(withThreadLocals(context, task));
				}

				@Override
				public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
					return worker.schedule(withThreadLocals(context, task), delay, unit);
				}

				@Override
				public void dispose() {
					worker.dispose();
				}

				@Override
				public boolean isDisposed() {
					return worker.isDisposed();
				}

			};
		}

		@Override
		public void dispose() {
			// A view: the scheduler belongs to whoever created it.
		}

	}

}
