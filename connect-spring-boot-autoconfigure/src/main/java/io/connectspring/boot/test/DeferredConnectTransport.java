package io.connectspring.boot.test;

import io.connectspring.MethodDescriptor;
import io.connectspring.client.CallOptions;
import io.connectspring.client.ConnectTransport;

import java.util.function.Supplier;

import com.google.protobuf.Message;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A transport created on the first call that subscribes, then called through. Safe for concurrent use: the
 * transport is created once.
 */
final class DeferredConnectTransport implements ConnectTransport, AutoCloseable {

	private final Supplier<ConnectTransport> create;

	private volatile @Nullable ConnectTransport transport;

	private boolean closed;

	DeferredConnectTransport(Supplier<ConnectTransport> create) {
		this.create = create;
	}

	private ConnectTransport transport() {
		ConnectTransport current = this.transport;
		if (current != null) {
			return current;
		}
		synchronized (this) {
			if (this.closed) {
				throw new IllegalStateException("The transport has been closed");
			}
			if (this.transport == null) {
				this.transport = this.create.get();
			}
			return this.transport;
		}
	}

	@Override
	public <Req extends Message, Res extends Message> Mono<Res> unary(MethodDescriptor<Req, Res> method, Req request,
			CallOptions options) {
		return Mono.defer(() -> transport().unary(method, request, options));
	}

	@Override
	public <Req extends Message, Res extends Message> Mono<Res> clientStream(MethodDescriptor<Req, Res> method,
			Publisher<Req> requests, CallOptions options) {
		return Mono.defer(() -> transport().clientStream(method, requests, options));
	}

	@Override
	public <Req extends Message, Res extends Message> Flux<Res> serverStream(MethodDescriptor<Req, Res> method,
			Req request, CallOptions options) {
		return Flux.defer(() -> transport().serverStream(method, request, options));
	}

	@Override
	public <Req extends Message, Res extends Message> Flux<Res> bidiStream(MethodDescriptor<Req, Res> method,
			Publisher<Req> requests, CallOptions options) {
		return Flux.defer(() -> transport().bidiStream(method, requests, options));
	}

	@Override
	public synchronized void close() throws Exception {
		this.closed = true;
		if (this.transport instanceof AutoCloseable closeable) {
			closeable.close();
		}
	}

}
