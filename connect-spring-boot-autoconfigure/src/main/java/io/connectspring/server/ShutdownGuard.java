package io.connectspring.server;

import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

import com.google.protobuf.Message;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxOperator;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoOperator;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

/**
 * Ends one call's responses when its {@link ServerShutdown} {@linkplain ServerShutdown#endCalls() ends calls}: the
 * service's work is cancelled, and the responses fail with {@code unavailable} after the messages before, never
 * within one (a message is one signal). Known to the shutdown from subscription until the responses end.
 * <p>
 * The end comes from the thread that ends calls while the service may be emitting on another; a serializing
 * subscriber downstream orders the two, and once ended, what the service still signals is dropped.
 */
final class ShutdownGuard implements CoreSubscriber<Message>, Subscription {

	private static final AtomicIntegerFieldUpdater<ShutdownGuard> DONE = AtomicIntegerFieldUpdater
		.newUpdater(ShutdownGuard.class, "done");

	private final CoreSubscriber<? super Message> actual;

	private final ServerShutdown shutdown;

	private @Nullable Subscription upstream;

	/** 1 once the responses ended, completed, failed or were cancelled. */
	private volatile int done;

	private ShutdownGuard(CoreSubscriber<? super Message> actual, ServerShutdown shutdown) {
		this.actual = Operators.serialize(actual);
		this.shutdown = shutdown;
	}

	/** Returns the responses, ended when the shutdown ends calls. */
	static Flux<Message> guard(Flux<Message> responses, ServerShutdown shutdown) {
		return new FluxOperator<Message, Message>(responses) {

			@Override
			public void subscribe(CoreSubscriber<? super Message> actual) {
				this.source.subscribe(new ShutdownGuard(actual, shutdown));
			}

		};
	}

	/** Returns the response of a unary call, ended when the shutdown ends calls. */
	static Mono<Message> guard(Mono<Message> response, ServerShutdown shutdown) {
		return new MonoOperator<Message, Message>(response) {

			@Override
			public void subscribe(CoreSubscriber<? super Message> actual) {
				this.source.subscribe(new ShutdownGuard(actual, shutdown));
			}

		};
	}

	@Override
	public Context currentContext() {
		return this.actual.currentContext();
	}

	@Override
	public void onSubscribe(Subscription subscription) {
		if (!Operators.validate(this.upstream, subscription)) {
			return;
		}
		this.upstream = subscription;
		this.actual.onSubscribe(this);
		// Registered after the downstream has its subscription, so that an end can be signalled to it; a response
		// that ended meanwhile (a synchronous one) is unregistered at once, one that endCalls() missed ends now.
		this.shutdown.opened(this);
		if (this.done != 0) {
			this.shutdown.closed(this);
		}
		else if (this.shutdown.isEnding()) {
			end();
		}
	}

	@Override
	public void onNext(Message message) {
		if (this.done == 0) {
			this.actual.onNext(message);
		}
	}

	@Override
	public void onError(Throwable failure) {
		// After an end, the service's late failure (often caused by the cancellation) has nowhere to go.
		if (DONE.compareAndSet(this, 0, 1)) {
			this.shutdown.closed(this);
			this.actual.onError(failure);
		}
	}

	@Override
	public void onComplete() {
		if (DONE.compareAndSet(this, 0, 1)) {
			this.shutdown.closed(this);
			this.actual.onComplete();
		}
	}

	/** Ends the responses: cancels the service's work and fails with {@code unavailable}. Idempotent. */
	void end() {
		if (DONE.compareAndSet(this, 0, 1)) {
			this.shutdown.closed(this);
			upstream().cancel();
			this.actual.onError(ServerShutdown.unavailable());
		}
	}

	@Override
	public void request(long n) {
		upstream().request(n);
	}

	@Override
	public void cancel() {
		if (DONE.compareAndSet(this, 0, 1)) {
			this.shutdown.closed(this);
			upstream().cancel();
		}
	}

	private Subscription upstream() {
		Subscription subscription = this.upstream;
		if (subscription == null) {
			throw new IllegalStateException("not subscribed");
		}
		return subscription;
	}

}
