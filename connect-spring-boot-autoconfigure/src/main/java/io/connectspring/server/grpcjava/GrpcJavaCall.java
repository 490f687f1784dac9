package io.connectspring.server.grpcjava;

import io.connectspring.Code;
import io.connectspring.ConnectException;
import io.connectspring.server.ConnectContext;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import io.grpc.Attributes;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.Status;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Operators;
import reactor.core.publisher.SignalType;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * One call of a grpc-java service: the {@link ServerCall} its handler drives, over the runtime's streams. Requests
 * are read from the runtime as the service asks for them ({@link #request(int)}); {@link #sendHeaders},
 * {@link #sendMessage} and {@link #close} become the response headers, the response messages and the end of the
 * call. The listener's callbacks run one at a time, in order, on the blocking scheduler, inside the call's gRPC
 * {@link Context}, which carries the deadline and is cancelled when the call ends, as in grpc-java's own server.
 * <p>
 * Flow control: {@link #isReady()} is true while the client has asked for more messages than were sent, and the
 * listener hears {@code onReady()} when that becomes true again. A service that writes without looking at it (as
 * grpc-java's stubs let it) is held in {@code sendMessage} once {@link #MAX_UNREAD} messages wait for the client,
 * and released as the client reads; on a thread that must not block, the call ends with
 * {@link Code#RESOURCE_EXHAUSTED} instead. Nothing is buffered without a limit.
 *
 * @param <Req> the request message type
 * @param <Res> the response message type
 */
final class GrpcJavaCall<Req, Res> extends ServerCall<Req, Res> {

	/** How many responses may wait for the client to read them before the writing thread is held. */
	static final int MAX_UNREAD = 16;

	private static final Log logger = LogFactory.getLog(GrpcJavaCall.class);

	private final MethodDescriptor<Req, Res> method;

	private final ServerCallHandler<Req, Res> handler;

	private final ConnectContext connect;

	private final Context.CancellableContext context;

	private final SerialExecutor callbacks;

	private final Operators.DeferredSubscription requests = new Operators.DeferredSubscription();

	/**
	 * Whether the listener has heard, or is about to hear, the end of the call ({@code onComplete} or
	 * {@code onCancel}).
	 */
	private final AtomicBoolean ended = new AtomicBoolean();

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition read = this.lock.newCondition();

	// Guarded by lock.
	private long demand;

	private long sent;

	private boolean headersSent;

	/** Whether the service called close. */
	private boolean closed;

	/** Whether the call ended without the service: the client went away, the deadline passed, or reading failed. */
	private boolean aborted;

	/** Written by the first callback (startCall), read by the later ones, which the serial executor orders after it. */
	private ServerCall.@Nullable Listener<Req> listener;

	private @Nullable FluxSink<Res> sink;

	private GrpcJavaCall(MethodDescriptor<Req, Res> method, ServerCallHandler<Req, Res> handler,
			ConnectContext connect, Scheduler scheduler) {
		this.method = method;
		this.handler = handler;
		this.connect = connect;
		this.context = newContext(connect.deadline());
		this.callbacks = new SerialExecutor(scheduler, this::fail);
	}

	/**
	 * Serves one call: when the result is subscribed, starts the call on the scheduler, reads the requests as the
	 * service asks for them, and emits what it sends.
	 * @param method the grpc-java method
	 * @param handler its handler, interceptors included
	 * @param requests the call's requests
	 * @param connect the call's metadata
	 * @param scheduler where the service's code runs
	 */
	static <Req, Res> Flux<Res> serve(MethodDescriptor<Req, Res> method, ServerCallHandler<Req, Res> handler,
			Flux<Req> requests, ConnectContext connect, Scheduler scheduler) {
		return Flux.defer(() -> {
			Metadata headers = GrpcMetadata.fromHeaders(connect.requestHeaders());
			GrpcJavaCall<Req, Res> call = new GrpcJavaCall<>(method, handler, connect, scheduler);
			return Flux.<Res>create((sink) -> call.start(sink, requests, headers), FluxSink.OverflowStrategy.BUFFER)
				.doFinally(call::finished);
		});
	}

	private static Context.CancellableContext newContext(Optional<Instant> deadline) {
		if (deadline.isEmpty()) {
			return Context.ROOT.withCancellation();
		}
		long nanos;
		try {
			nanos = Duration.between(Instant.now(), deadline.get()).toNanos();
		}
		catch (ArithmeticException ex) {
			// Further away than a deadline can hold: none, as the runtime reads such a timeout.
			return Context.ROOT.withCancellation();
		}
		return Context.ROOT.withDeadline(Deadline.after(nanos, TimeUnit.NANOSECONDS), DeadlineTimer.INSTANCE);
	}

	private void start(FluxSink<Res> sink, Flux<Req> requests, Metadata headers) {
		this.sink = sink;
		sink.onRequest(this::demanded);
		this.callbacks.execute(callback(() -> {
			ServerCall.Listener<Req> started;
			try {
				started = this.handler.startCall(this, headers);
			}
			catch (RuntimeException ex) {
				// As grpc-java's server: an interceptor that throws a status exception answers with its status.
				if (!GrpcJavaStatus.hasStatus(ex)) {
					throw ex;
				}
				Metadata trailers = trailersOf(ex);
				GrpcMetadata.addTo(this.connect.responseTrailers(), trailers, GrpcJavaStatus.STATUS_TRAILERS);
				ConnectException error = GrpcJavaStatus.toError(Status.fromThrowable(ex), trailers);
				throw (error != null) ? error : ex;
			}
			if (started == null) {
				throw new IllegalStateException("The handler of " + this.method.getFullMethodName()
						+ " returned no listener from startCall");
			}
			this.listener = started;
			if (isReady()) {
				started.onReady();
			}
		}));
		requests.subscribe(new RequestSubscriber(sink));
	}

	@Override
	public void request(int numMessages) {
		if (numMessages < 0) {
			throw new IllegalArgumentException("numMessages must not be negative: " + numMessages);
		}
		if (numMessages > 0) {
			this.requests.request(numMessages);
		}
	}

	@Override
	public void sendHeaders(Metadata headers) {
		this.lock.lock();
		try {
			if (this.closed) {
				throw new IllegalStateException("call is closed");
			}
			if (this.headersSent) {
				throw new IllegalStateException("sendHeaders has already been called");
			}
			this.headersSent = true;
			if (this.aborted) {
				return;
			}
		}
		finally {
			this.lock.unlock();
		}
		GrpcMetadata.addTo(this.connect.responseHeaders(), headers, Set.of());
		// grpc-java flushes the headers of streamed responses at once; a unary response's leave with it.
		this.connect.sendResponseHeaders();
	}

	@Override
	public void sendMessage(Res message) {
		boolean tooFast = false;
		this.lock.lock();
		try {
			if (this.closed) {
				throw new IllegalStateException("call is closed");
			}
			while (!this.aborted && unread() >= MAX_UNREAD) {
				if (Schedulers.isInNonBlockingThread()) {
					tooFast = true;
					break;
				}
				try {
					this.read.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw Status.CANCELLED.withDescription("interrupted while waiting for the client to read")
						.withCause(ex)
						.asRuntimeException();
				}
			}
			if (this.aborted) {
				// As in grpc-java: once the client is gone, messages are dropped.
				return;
			}
			if (!tooFast) {
				this.sent++;
			}
		}
		finally {
			this.lock.unlock();
		}
		if (tooFast) {
			fail(new ConnectException(Code.RESOURCE_EXHAUSTED, "the server wrote responses faster than the client"
					+ " read them"));
			return;
		}
		sink().next(message);
	}

	@Override
	public boolean isReady() {
		this.lock.lock();
		try {
			return !this.closed && !this.aborted && unread() < 0;
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public void close(Status status, Metadata trailers) {
		this.lock.lock();
		try {
			if (this.closed) {
				throw new IllegalStateException("call already closed");
			}
			this.closed = true;
			this.read.signalAll();
			if (this.aborted) {
				return;
			}
		}
		finally {
			this.lock.unlock();
		}
		GrpcMetadata.addTo(this.connect.responseTrailers(), trailers, GrpcJavaStatus.STATUS_TRAILERS);
		ConnectException error = GrpcJavaStatus.toError(status, trailers);
		// Requests the service did not read are not wanted any more, as when grpc-java's server closes a stream.
		this.requests.cancel();
		if (error == null) {
			sink().complete();
		}
		else {
			sink().error(error);
		}
	}

	@Override
	public boolean isCancelled() {
		this.lock.lock();
		try {
			return this.aborted;
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public Attributes getAttributes() {
		InetSocketAddress remote = this.connect.peer().address();
		return (remote != null) ? Attributes.newBuilder().set(Grpc.TRANSPORT_ATTR_REMOTE_ADDR, remote).build()
				: Attributes.EMPTY;
	}

	@Override
	public @Nullable String getAuthority() {
		return this.connect.requestHeaders().getFirst("host");
	}

	@Override
	public MethodDescriptor<Req, Res> getMethodDescriptor() {
		return this.method;
	}

	/** How many more messages were sent than the client asked for; negative while it asks for more. */
	private long unread() {
		return (this.demand == Long.MAX_VALUE) ? -1 : this.sent - this.demand;
	}

	private void demanded(long count) {
		boolean nowReady;
		this.lock.lock();
		try {
			boolean wasReady = unread() < 0;
			this.demand = Operators.addCap(this.demand, count);
			this.read.signalAll();
			nowReady = !wasReady && unread() < 0 && !this.closed && !this.aborted;
		}
		finally {
			this.lock.unlock();
		}
		if (nowReady) {
			this.callbacks.execute(callback(() -> {
				ServerCall.Listener<Req> listener = this.listener;
				if (listener != null && isReady()) {
					listener.onReady();
				}
			}));
		}
	}

	/** Marks the call aborted; returns whether it was still open. */
	private boolean abort() {
		this.lock.lock();
		try {
			if (this.closed || this.aborted) {
				return false;
			}
			this.aborted = true;
			this.read.signalAll();
			return true;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Ends the call with an error that is not the service's answer: reading the requests failed, a callback threw,
	 * or the scheduler refused the work. The client gets the error; the listener hears {@code onCancel}. After the
	 * call ended, a status exception is the service learning that the client went away (grpc-java's stubs throw one
	 * from {@code onNext} then), anything else a fault of the service, which is logged.
	 */
	private void fail(Throwable error) {
		if (!abort()) {
			if (isCancelled() && GrpcJavaStatus.hasStatus(error)) {
				logger.debug("The grpc-java service of " + this.method.getFullMethodName()
						+ " was told its call had ended", error);
			}
			else {
				logger.error("The grpc-java service of " + this.method.getFullMethodName()
						+ " failed after its call ended", error);
			}
			return;
		}
		this.requests.cancel();
		end(error, true);
		FluxSink<Res> sink = this.sink;
		if (sink != null && !sink.isCancelled()) {
			sink.error(error);
		}
	}

	/** Runs when the response stream terminates or is cancelled (the client went away, or the deadline passed). */
	private void finished(SignalType signal) {
		boolean cancelled = signal == SignalType.CANCEL;
		if (cancelled) {
			abort();
			this.requests.cancel();
		}
		end(cancelled ? GrpcJavaStatus.cancelled(deadlineExpired()).asRuntimeException() : null, cancelled);
	}

	/**
	 * Tells the listener how the call ended, once, and cancels the call's context: at once when the call was
	 * cancelled (so that work in progress can stop), after {@code onComplete} otherwise, as grpc-java does.
	 */
	private void end(@Nullable Throwable cause, boolean cancelled) {
		if (!this.ended.compareAndSet(false, true)) {
			return;
		}
		if (cancelled) {
			this.context.cancel(cause);
		}
		this.callbacks.execute(callback(() -> {
			try {
				ServerCall.Listener<Req> listener = this.listener;
				if (listener != null) {
					if (cancelled) {
						listener.onCancel();
					}
					else {
						listener.onComplete();
					}
				}
			}
			finally {
				this.context.cancel(cause);
			}
		}));
	}

	private boolean deadlineExpired() {
		return this.connect.deadline().map((deadline) -> !Instant.now().isBefore(deadline)).orElse(false);
	}

	/** Returns whether callbacks about requests and readiness are still wanted. */
	private boolean open() {
		this.lock.lock();
		try {
			return !this.closed && !this.aborted;
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Wraps a callback of the service: it runs in the call's context, and what it throws ends the call. */
	private Runnable callback(Runnable callback) {
		return () -> {
			Context previous = this.context.attach();
			try {
				callback.run();
			}
			catch (Throwable ex) {
				Exceptions.throwIfJvmFatal(ex);
				fail(ex);
			}
			finally {
				this.context.detach(previous);
			}
		};
	}

	private static Metadata trailersOf(Throwable error) {
		Metadata trailers = Status.trailersFromThrowable(error);
		return (trailers != null) ? trailers : new Metadata();
	}

	private FluxSink<Res> sink() {
		FluxSink<Res> sink = this.sink;
		if (sink == null) {
			throw new IllegalStateException("The call has not started");
		}
		return sink;
	}

	/** Reads the requests for the listener, as many as the service asked for. */
	private final class RequestSubscriber implements CoreSubscriber<Req> {

		private final FluxSink<Res> sink;

		RequestSubscriber(FluxSink<Res> sink) {
			this.sink = sink;
		}

		@Override
		public reactor.util.context.Context currentContext() {
			return this.sink.currentContext();
		}

		@Override
		public void onSubscribe(Subscription subscription) {
			GrpcJavaCall.this.requests.set(subscription);
		}

		@Override
		public void onNext(Req request) {
			GrpcJavaCall.this.callbacks.execute(callback(() -> {
				ServerCall.Listener<Req> listener = GrpcJavaCall.this.listener;
				if (listener != null && open()) {
					listener.onMessage(request);
				}
			}));
		}

		@Override
		public void onError(Throwable error) {
			if (open()) {
				fail(error);
			}
			else {
				logger.debug("Requests of " + GrpcJavaCall.this.method.getFullMethodName()
						+ " failed after the call ended", error);
			}
		}

		@Override
		public void onComplete() {
			GrpcJavaCall.this.callbacks.execute(callback(() -> {
				ServerCall.Listener<Req> listener = GrpcJavaCall.this.listener;
				if (listener != null && open()) {
					listener.onHalfClose();
				}
			}));
		}

	}

}
