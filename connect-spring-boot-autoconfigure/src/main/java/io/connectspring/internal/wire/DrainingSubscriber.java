package io.connectspring.internal.wire;

import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

/**
 * What the envelope operators ({@link EnvelopeDecoder}, the server's {@code EnvelopeBatcher}) share: the queue-drain
 * plumbing of a Reactor operator. Signals from upstream and demand from downstream record their state and call
 * {@link #drain()}; one thread at a time, the one that takes the guard, runs {@link #drainLoop()}, which emits while
 * there is demand and loops again for signals that came meanwhile ({@link #leave(int)}).
 *
 * @param <I> what the upstream emits
 * @param <O> what the operator emits
 */
public abstract class DrainingSubscriber<I, O> implements CoreSubscriber<I>, Subscription {

	@SuppressWarnings("rawtypes")
	private static final AtomicIntegerFieldUpdater<DrainingSubscriber> WIP = AtomicIntegerFieldUpdater
		.newUpdater(DrainingSubscriber.class, "wip");

	@SuppressWarnings("rawtypes")
	private static final AtomicLongFieldUpdater<DrainingSubscriber> REQUESTED = AtomicLongFieldUpdater
		.newUpdater(DrainingSubscriber.class, "requested");

	protected final CoreSubscriber<? super O> actual;

	private @Nullable Subscription upstream;

	/** Whether the upstream has ended (or the operator ended it). */
	protected volatile boolean done;

	/** The upstream's error, once {@link #done}. */
	protected volatile @Nullable Throwable error;

	protected volatile boolean cancelled;

	private volatile int wip;

	private volatile long requested;

	protected DrainingSubscriber(CoreSubscriber<? super O> actual) {
		this.actual = actual;
	}

	/** Runs once subscribed, after the downstream has its subscription: the first request upstream. */
	protected abstract void start(Subscription upstream);

	/** Emits what demand allows; runs only on the thread that took the guard, and must {@link #leave} it. */
	protected abstract void drainLoop();

	@Override
	public final Context currentContext() {
		return this.actual.currentContext();
	}

	@Override
	public final void onSubscribe(Subscription subscription) {
		if (Operators.validate(this.upstream, subscription)) {
			this.upstream = subscription;
			this.actual.onSubscribe(this);
			start(subscription);
		}
	}

	@Override
	public final void onError(Throwable failure) {
		if (this.done) {
			Operators.onErrorDropped(failure, currentContext());
			return;
		}
		this.error = failure;
		this.done = true;
		drain();
	}

	@Override
	public final void onComplete() {
		if (!this.done) {
			this.done = true;
			drain();
		}
	}

	@Override
	public final void request(long n) {
		if (Operators.validate(n)) {
			Operators.addCap(REQUESTED, this, n);
			drain();
		}
	}

	protected final void drain() {
		if (enter()) {
			drainLoop();
		}
	}

	/** Takes the guard; returns whether this thread must drain (nobody else is). */
	protected final boolean enter() {
		return WIP.getAndIncrement(this) == 0;
	}

	/** Gives back {@code missed} passes of the guard; returns the passes missed since, 0 when the loop may stop. */
	protected final int leave(int missed) {
		return WIP.addAndGet(this, -missed);
	}

	/** Returns the outstanding demand. */
	protected final long requested() {
		return this.requested;
	}

	/** Takes {@code emitted} off the demand of {@code demand} read at the start of a pass. */
	protected final void produced(long emitted, long demand) {
		if (emitted != 0 && demand != Long.MAX_VALUE) {
			REQUESTED.addAndGet(this, -emitted);
		}
	}

	protected final Subscription upstream() {
		Subscription subscription = this.upstream;
		if (subscription == null) {
			throw new IllegalStateException("not subscribed");
		}
		return subscription;
	}

}
