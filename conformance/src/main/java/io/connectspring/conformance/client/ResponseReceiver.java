package io.connectspring.conformance.client;

import io.connectspring.Code;
import io.connectspring.ConnectException;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Signal;

/**
 * Reads a reactive call's responses one at a time from a thread that may block, asking for the next only when the
 * previous one was taken. Cancelling disposes the subscription, which cancels the call on the wire; as Reactor sends
 * no signal after a cancel, the reader then sees {@link Code#CANCELED}, which is what a caller that cancelled knows.
 *
 * @param <T> the response type
 */
final class ResponseReceiver<T> extends BaseSubscriber<T> {

	private final BlockingQueue<Signal<T>> signals = new LinkedBlockingQueue<>();

	private boolean ended;

	private boolean taken;

	private ResponseReceiver() {
	}

	static <T> ResponseReceiver<T> subscribe(Publisher<T> responses) {
		ResponseReceiver<T> receiver = new ResponseReceiver<>();
		responses.subscribe(receiver);
		return receiver;
	}

	@Override
	protected void hookOnSubscribe(Subscription subscription) {
		subscription.request(1);
	}

	@Override
	protected void hookOnNext(T value) {
		this.signals.add(Signal.next(value));
	}

	@Override
	protected void hookOnComplete() {
		this.signals.add(Signal.complete());
	}

	@Override
	protected void hookOnError(Throwable failure) {
		this.signals.add(Signal.error(failure));
	}

	@Override
	protected void hookOnCancel() {
		this.signals.add(Signal.error(new ConnectException(Code.CANCELED, "canceled by the client")));
	}

	/**
	 * Waits for the next response.
	 * @return the response, or {@code null} at the successful end of the call
	 * @throws ConnectException when the call failed or was cancelled; again on every later call
	 */
	@Nullable T receive() throws InterruptedException {
		if (this.ended) {
			return null;
		}
		if (this.taken) {
			// Asked for only now, so that a cancel right after the previous response races no further message.
			this.taken = false;
			request(1);
		}
		Signal<T> signal = this.signals.take();
		if (signal.isOnNext()) {
			this.taken = true;
			return signal.get();
		}
		if (signal.isOnError()) {
			this.signals.add(signal);
			Throwable failure = signal.getThrowable();
			ConnectException error = ConnectException.from(failure);
			throw (error != null) ? error : new ConnectException(Code.UNKNOWN, String.valueOf(failure), failure);
		}
		this.ended = true;
		return null;
	}

}
