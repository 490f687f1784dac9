package io.connectspring.internal.protocol;

import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxOperator;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

/**
 * Checks what passes through a stream of messages: their type and, where the stream type promises one, that exactly
 * one passes. One operator per check; this runs on every call through an interceptor chain, where the same check
 * built from {@code defer}, {@code handle} and {@code concatWith} subscribes four times as many objects.
 */
public final class MessageCheck {

	private MessageCheck() {
	}

	/**
	 * Returns the messages, failing the stream (and cancelling the upstream) at the first message that is not of the
	 * type, or at a second message, or at completion without a message when {@code exactlyOne} is set.
	 * @param messages the stream to check
	 * @param type the type every message must have, or {@code null} for any
	 * @param exactlyOne whether exactly one message must pass
	 * @param wrongType the error for a message of another type
	 * @param none the error for completion without a message
	 * @param many the error for a second message
	 */
	public static <T> Flux<T> check(Flux<T> messages, @Nullable Class<?> type, boolean exactlyOne,
			Function<? super T, ? extends Throwable> wrongType, Supplier<? extends Throwable> none,
			Supplier<? extends Throwable> many) {
		return new FluxOperator<T, T>(messages) {

			@Override
			public void subscribe(CoreSubscriber<? super T> actual) {
				this.source.subscribe(new CheckingSubscriber<>(actual, type, exactlyOne, wrongType, none, many));
			}

		};
	}

	/** Returns the messages, failing as {@link #check} does at the first message that is not of the type. */
	public static <T> Flux<T> ofType(Flux<T> messages, Class<?> type,
			Function<? super T, ? extends Throwable> wrongType) {
		// Without exactlyOne, none and many are never applied.
		return check(messages, type, false, wrongType, IllegalStateException::new, IllegalStateException::new);
	}

	/** Returns the messages of any type, failing as {@link #check} does when not exactly one passes. */
	public static <T> Flux<T> exactlyOne(Flux<T> messages, Supplier<? extends Throwable> none,
			Supplier<? extends Throwable> many) {
		// Without a type, wrongType is never applied.
		return check(messages, null, true, (message) -> new IllegalStateException(), none, many);
	}

	private static final class CheckingSubscriber<T> implements CoreSubscriber<T>, Subscription {

		private final CoreSubscriber<? super T> actual;

		private final @Nullable Class<?> type;

		private final boolean exactlyOne;

		private final Function<? super T, ? extends Throwable> wrongType;

		private final Supplier<? extends Throwable> none;

		private final Supplier<? extends Throwable> many;

		private @Nullable Subscription upstream;

		private boolean seen;

		private boolean done;

		CheckingSubscriber(CoreSubscriber<? super T> actual, @Nullable Class<?> type, boolean exactlyOne,
				Function<? super T, ? extends Throwable> wrongType, Supplier<? extends Throwable> none,
				Supplier<? extends Throwable> many) {
			this.actual = actual;
			this.type = type;
			this.exactlyOne = exactlyOne;
			this.wrongType = wrongType;
			this.none = none;
			this.many = many;
		}

		@Override
		public Context currentContext() {
			return this.actual.currentContext();
		}

		@Override
		public void onSubscribe(Subscription subscription) {
			if (Operators.validate(this.upstream, subscription)) {
				this.upstream = subscription;
				this.actual.onSubscribe(this);
			}
		}

		@Override
		public void onNext(T message) {
			if (this.done) {
				Operators.onNextDropped(message, currentContext());
				return;
			}
			if (this.type != null && !this.type.isInstance(message)) {
				fail(this.wrongType.apply(message));
				return;
			}
			if (this.exactlyOne && this.seen) {
				fail(this.many.get());
				return;
			}
			this.seen = true;
			this.actual.onNext(message);
		}

		private void fail(Throwable failure) {
			this.done = true;
			cancel();
			this.actual.onError(failure);
		}

		@Override
		public void onError(Throwable failure) {
			if (this.done) {
				Operators.onErrorDropped(failure, currentContext());
				return;
			}
			this.done = true;
			this.actual.onError(failure);
		}

		@Override
		public void onComplete() {
			if (this.done) {
				return;
			}
			this.done = true;
			if (this.exactlyOne && !this.seen) {
				this.actual.onError(this.none.get());
			}
			else {
				this.actual.onComplete();
			}
		}

		@Override
		public void request(long n) {
			Subscription subscription = this.upstream;
			if (subscription != null) {
				subscription.request(n);
			}
		}

		@Override
		public void cancel() {
			Subscription subscription = this.upstream;
			if (subscription != null) {
				subscription.cancel();
			}
		}

	}

}
