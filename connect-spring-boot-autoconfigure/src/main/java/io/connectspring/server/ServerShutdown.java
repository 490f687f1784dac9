package io.connectspring.server;

import io.connectspring.Code;
import io.connectspring.ConnectException;
import io.connectspring.MethodDescriptor;
import io.connectspring.internal.server.CallState;
import io.connectspring.internal.server.ServerInvoker;

import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import com.google.protobuf.Message;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * Shuts down the calls of a server gracefully, in the steps a web server's graceful shutdown needs: first
 * {@linkplain #refuseNewCalls() refuse new calls} while the calls in flight go on, then, when the grace period is
 * over, {@linkplain #endCalls() end the calls still open}. Register it with
 * {@link ConnectRouterFunctionBuilder#shutdown(ServerShutdown)}; the Spring Boot auto-configuration does, and drives
 * it from the application context's shutdown when {@code server.shutdown=graceful}.
 * <p>
 * A call that arrives while new calls are refused fails at once with {@link Code#UNAVAILABLE} and the message
 * {@value #MESSAGE}, in its protocol's form, before any interceptor or service sees it: a Connect unary call gets
 * HTTP 503 with the error as JSON, a Connect stream the error in its end-of-stream message, gRPC and gRPC-Web a
 * trailers-only response with {@code grpc-status: 14}. Clients retry {@code unavailable}, on another server.
 * <p>
 * A call ended by {@link #endCalls()} has its service's work cancelled and fails with the same error, between two
 * messages: every response message the service had produced before is sent whole, then the protocol's end (the
 * end-of-stream message, the trailers) carries {@code unavailable}. Nothing is cut in the middle of a message.
 * <p>
 * Thread-safe. Its cost while accepting calls is a counter and a registration per call.
 *
 * @see <a href="https://connectrpc.com/docs/protocol#error-codes">Connect error codes</a>
 */
public final class ServerShutdown {

	/** The message of the {@code unavailable} error of refused and ended calls. */
	public static final String MESSAGE = "server is shutting down";

	private static final int ACCEPTING = 0;

	private static final int REFUSING = 1;

	private static final int ENDING = 2;

	private final Object lock = new Object();

	private volatile int state = ACCEPTING;

	/** The calls in flight, from the moment they are accepted until their response is written. */
	private final AtomicInteger activeCalls = new AtomicInteger();

	/** The response streams of the calls in flight, which {@link #endCalls()} ends. */
	private final Set<ShutdownGuard> openResponses = ConcurrentHashMap.newKeySet();

	private final Queue<MonoSink<Void>> idleWaiters = new ConcurrentLinkedQueue<>();

	/**
	 * Refuses new calls from now on: they fail with {@link Code#UNAVAILABLE}. Calls in flight go on. Idempotent; a
	 * no-op after {@link #endCalls()}.
	 */
	public void refuseNewCalls() {
		synchronized (this.lock) {
			if (this.state == ACCEPTING) {
				this.state = REFUSING;
			}
		}
	}

	/**
	 * Refuses new calls, and ends every call in flight: its service's work is cancelled, and the call fails with
	 * {@link Code#UNAVAILABLE} after the response messages produced before. Returns at once; the calls' ends are
	 * written as their clients read (see {@link #whenNoActiveCalls()}). Idempotent.
	 */
	public void endCalls() {
		synchronized (this.lock) {
			this.state = ENDING;
		}
		// A response subscribed while this runs sees the state and ends itself (see ShutdownGuard#onSubscribe).
		for (ShutdownGuard guard : this.openResponses) {
			guard.end();
		}
	}

	/** Accepts new calls again, as after a restart of the application context. */
	public void resume() {
		synchronized (this.lock) {
			this.state = ACCEPTING;
		}
	}

	/** Returns whether new calls are refused, after {@link #refuseNewCalls()} or {@link #endCalls()}. */
	public boolean isRefusingNewCalls() {
		return this.state != ACCEPTING;
	}

	/**
	 * Returns the number of calls in flight: accepted, and their response not yet written to the end (on Reactor
	 * Netty, until the server has finished the HTTP exchange, trailers included). Refused calls do not count.
	 */
	public int activeCalls() {
		return this.activeCalls.get();
	}

	/**
	 * Returns a {@code Mono} that completes when no call is in flight: at once if none is, else when the last call in
	 * flight has written its response. It never fails.
	 */
	public Mono<Void> whenNoActiveCalls() {
		return Mono.create((sink) -> {
			this.idleWaiters.add(sink);
			sink.onDispose(() -> this.idleWaiters.remove(sink));
			if (this.activeCalls.get() == 0) {
				sink.success();
			}
		});
	}

	/** Returns the gate of a procedure's calls, made once per procedure. */
	Gate gate(ServerInvoker invoker) {
		return new Gate(this, new GuardedInvoker(invoker, this), new RefusingInvoker(invoker));
	}

	boolean isEnding() {
		return this.state == ENDING;
	}

	void opened(ShutdownGuard guard) {
		this.openResponses.add(guard);
	}

	void closed(ShutdownGuard guard) {
		this.openResponses.remove(guard);
	}

	private void callEnded() {
		if (this.activeCalls.decrementAndGet() == 0) {
			MonoSink<Void> waiter;
			while ((waiter = this.idleWaiters.poll()) != null) {
				waiter.success();
			}
		}
	}

	/** Returns the error of a refused or ended call. */
	static ConnectException unavailable() {
		return new ConnectException(Code.UNAVAILABLE, MESSAGE);
	}

	/**
	 * Where a procedure's calls pass: refused while new calls are refused; else counted until their response is
	 * written, with responses that {@link #endCalls()} ends.
	 */
	static final class Gate {

		private final ServerShutdown shutdown;

		private final ServerInvoker guarded;

		private final ServerInvoker refusing;

		private Gate(ServerShutdown shutdown, ServerInvoker guarded, ServerInvoker refusing) {
			this.shutdown = shutdown;
			this.guarded = guarded;
			this.refusing = refusing;
		}

		/**
		 * Serves one call.
		 * @param exchange the call's exchange
		 * @param protocol serves the call with the invoker it is given: one that invokes the service, or one that
		 * fails with {@code unavailable}
		 */
		Mono<Void> serve(ServerWebExchange exchange, Function<ServerInvoker, Mono<Void>> protocol) {
			ServerShutdown owner = this.shutdown;
			if (owner.state != ACCEPTING) {
				return protocol.apply(this.refusing);
			}
			owner.activeCalls.incrementAndGet();
			Mono<Void> written;
			try {
				written = protocol.apply(this.guarded);
			}
			catch (RuntimeException | Error ex) {
				owner.callEnded();
				throw ex;
			}
			return ActiveCall.track(written, exchange, owner::callEnded);
		}

	}

	/** Invokes the service with responses that {@link #endCalls()} ends. */
	private static final class GuardedInvoker implements ServerInvoker {

		private final ServerInvoker invoker;

		private final ServerShutdown shutdown;

		GuardedInvoker(ServerInvoker invoker, ServerShutdown shutdown) {
			this.invoker = invoker;
			this.shutdown = shutdown;
		}

		@Override
		public MethodDescriptor<?, ?> method() {
			return this.invoker.method();
		}

		@Override
		public Flux<Message> invoke(Flux<Message> requests, CallState state) {
			return ShutdownGuard.guard(this.invoker.invoke(requests, state), this.shutdown);
		}

		@Override
		public Mono<Message> invokeUnary(Mono<Message> request, CallState state) {
			return ShutdownGuard.guard(this.invoker.invokeUnary(request, state), this.shutdown);
		}

	}

	/** Fails every call with {@code unavailable}; the service is not invoked and the request is not read. */
	private static final class RefusingInvoker implements ServerInvoker {

		private final MethodDescriptor<?, ?> method;

		RefusingInvoker(ServerInvoker invoker) {
			this.method = invoker.method();
		}

		@Override
		public MethodDescriptor<?, ?> method() {
			return this.method;
		}

		@Override
		public Flux<Message> invoke(Flux<Message> requests, CallState state) {
			return Flux.error(ServerShutdown::unavailable);
		}

		@Override
		public Mono<Message> invokeUnary(Mono<Message> request, CallState state) {
			return Mono.error(ServerShutdown::unavailable);
		}

	}

}
