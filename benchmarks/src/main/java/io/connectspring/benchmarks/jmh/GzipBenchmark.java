package io.connectspring.benchmarks.jmh;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import io.connectspring.Compression;
import io.connectspring.internal.wire.Compressions;
import io.connectspring.internal.wire.GzipCompression;
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

/**
 * gzip through the runtime's entry points, on a message just above the default compression threshold (1 KiB) and a
 * larger one; the payload is text-like, so it compresses as real JSON or string-heavy messages do.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class GzipBenchmark {

	@Param({ "1100", "65536" })
	public int size;

	private final Compression gzip = new GzipCompression();

	private byte[] plain = new byte[0];

	private byte[] compressed = new byte[0];

	@Setup
	public void setUp() {
		StringBuilder text = new StringBuilder();
		for (int n = 1; text.length() < this.size; n++) {
			text.append("{\"greeting\":\"Hello, World! #").append(n).append("\"}");
		}
		this.plain = text.substring(0, this.size).getBytes(StandardCharsets.UTF_8);
		this.compressed = Compressions.compress(this.gzip, this.plain);
	}

	@Benchmark
	public byte[] compress() {
		return Compressions.compress(this.gzip, this.plain);
	}

	@Benchmark
	public byte[] decompress() {
		return Compressions.decompress(this.gzip, this.compressed, Long.MAX_VALUE);
	}

}
