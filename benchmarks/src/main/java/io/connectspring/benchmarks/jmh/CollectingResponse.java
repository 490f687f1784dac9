package io.connectspring.benchmarks.jmh;

import java.io.ByteArrayOutputStream;

import org.reactivestreams.Publisher;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.server.reactive.AbstractServerHttpResponse;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A response that keeps the body's bytes, for {@link HandlerBenchmark}. Spring's {@code MockServerHttpResponse}
 * builds an exception (with its stack trace) in every constructor, which would add microseconds to every call on
 * both sides of the comparison; this one costs next to nothing.
 */
final class CollectingResponse extends AbstractServerHttpResponse {

	private final ByteArrayOutputStream body = new ByteArrayOutputStream(64);

	CollectingResponse() {
		super(DefaultDataBufferFactory.sharedInstance);
	}

	/** Returns the bytes written so far. */
	byte[] body() {
		return this.body.toByteArray();
	}

	/** Returns this response: there is no server underneath, and code looking for Reactor Netty's finds none. */
	@Override
	@SuppressWarnings("unchecked")
	public <T> T getNativeResponse() {
		return (T) this;
	}

	@Override
	protected void applyStatusCode() {
	}

	@Override
	protected void applyHeaders() {
	}

	@Override
	protected void applyCookies() {
	}

	@Override
	protected Mono<Void> writeWithInternal(Publisher<? extends DataBuffer> body) {
		return Flux.from(body).doOnNext(this::collect).then();
	}

	@Override
	protected Mono<Void> writeAndFlushWithInternal(Publisher<? extends Publisher<? extends DataBuffer>> body) {
		return Flux.from(body).concatMap(Flux::from).doOnNext(this::collect).then();
	}

	private void collect(DataBuffer buffer) {
		byte[] bytes = new byte[buffer.readableByteCount()];
		buffer.read(bytes);
		this.body.write(bytes, 0, bytes.length);
		DataBufferUtils.release(buffer);
	}

}
