package io.connectspring.benchmarks.jmh;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import io.connectspring.benchmarks.Greetings;
import io.connectspring.internal.wire.Envelope;
import io.connectspring.internal.wire.EnvelopeDecoder;
import io.netty.buffer.PooledByteBufAllocator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.core.io.buffer.NettyDataBufferFactory;


import reactor.core.publisher.Flux;

/**
 * Envelope framing (one message into one buffer, as the server writes each streamed message) and deframing (a body of
 * {@code messages} small envelopes, arriving in chunks of {@code chunkBytes}, split back into envelopes).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EnvelopeBenchmark {

	@Param({ "1", "100" })
	public int messages;

	@Param({ "16384" })
	public int chunkBytes;

	private final DataBufferFactory heap = DefaultDataBufferFactory.sharedInstance;

	private final DataBufferFactory pooled = new NettyDataBufferFactory(PooledByteBufAllocator.DEFAULT);

	private byte[] message = new byte[0];

	private byte[][] chunks = new byte[0][];

	@Setup
	public void setUp() {
		this.message = Greetings.streamed(Greetings.streamPrefix("World"), 123456).toByteArray();
		byte[] body = new byte[this.messages * (Envelope.PREFIX_LENGTH + this.message.length)];
		for (int i = 0; i < this.messages; i++) {
			byte[] envelope = Envelope.toBytes(0, this.message);
			System.arraycopy(envelope, 0, body, i * envelope.length, envelope.length);
		}
		int count = (body.length + this.chunkBytes - 1) / this.chunkBytes;
		this.chunks = new byte[count][];
		for (int i = 0; i < count; i++) {
			int from = i * this.chunkBytes;
			this.chunks[i] = Arrays.copyOfRange(body, from, Math.min(body.length, from + this.chunkBytes));
		}
	}

	@Benchmark
	public DataBuffer frameHeapBuffer() {
		return Envelope.write(this.heap, 0, this.message);
	}

	@Benchmark
	public void framePooledBuffer(Blackhole blackhole) {
		DataBuffer buffer = Envelope.write(this.pooled, 0, this.message);
		blackhole.consume(buffer.readableByteCount());
		DataBufferUtils.release(buffer);
	}

	/** Returns the message bytes decoded; the body's buffers are synchronous, so decoding ends before it returns. */
	@Benchmark
	public long deframe() {
		long[] bytes = new long[1];
		Flux<DataBuffer> body = Flux.fromArray(this.chunks).map(this.heap::wrap);
		EnvelopeDecoder.decode(body, Long.MAX_VALUE).subscribe((envelope) -> bytes[0] += envelope.data().length);
		return bytes[0];
	}

	/** Returns the length of the message each envelope carries. */
	public int messageLength() {
		return this.message.length;
	}

}
