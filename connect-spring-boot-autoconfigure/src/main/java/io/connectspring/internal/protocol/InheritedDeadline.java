package io.connectspring.internal.protocol;

import java.time.Instant;

import io.micrometer.context.ThreadLocalAccessor;
import org.jspecify.annotations.Nullable;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * The deadline of the server call whose service is running, kept where the client calls it makes can find it: in
 * the Reactor context of the service's pipeline, under {@link #KEY}, and, while a blocking service method runs, in a
 * thread-local that {@link #threadLocalAccessor()} restores from that context (Micrometer context propagation, the
 * same key). The server writes it when it applies a call's deadline ({@code internal.server.Deadlines}); the client
 * reads it with {@link #find(ContextView)}.
 */
public final class InheritedDeadline {

	/** The Reactor context key of the deadline, and the key of its thread-local accessor. */
	public static final String KEY = "io.connectspring.deadline";

	private static final ThreadLocal<@Nullable Instant> CURRENT = new ThreadLocal<>();

	private InheritedDeadline() {
	}

	/** Returns the context with the given deadline, which calls made in it inherit. */
	public static Context put(Context context, Instant deadline) {
		return context.put(KEY, deadline);
	}

	/**
	 * Returns the deadline a call subscribed with the given Reactor context inherits: the context's, else the
	 * calling thread's (a blocking service method's), else {@code null}.
	 */
	public static @Nullable Instant find(ContextView context) {
		Instant deadline = context.getOrDefault(KEY, null);
		return (deadline != null) ? deadline : CURRENT.get();
	}

	/** Returns an accessor of the thread-local, for a context-propagation registry. */
	public static ThreadLocalAccessor<Instant> threadLocalAccessor() {
		return new Accessor();
	}

	private static final class Accessor implements ThreadLocalAccessor<Instant> {

		@Override
		public Object key() {
			return KEY;
		}

		@Override
		public @Nullable Instant getValue() {
			return CURRENT.get();
		}

		@Override
		public void setValue(Instant value) {
			CURRENT.set(value);
		}

		@Override
		public void setValue() {
			CURRENT.remove();
		}

	}

}
