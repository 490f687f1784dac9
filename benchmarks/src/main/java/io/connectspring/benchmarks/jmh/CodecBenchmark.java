package io.connectspring.benchmarks.jmh;

import java.util.concurrent.TimeUnit;

import com.google.protobuf.util.JsonFormat;
import io.connectspring.benchmarks.Greetings;
import io.connectspring.benchmarks.greet.v1.GreetRequest;
import io.connectspring.benchmarks.greet.v1.GreetResponse;
import io.connectspring.internal.wire.Codec;
import io.connectspring.internal.wire.JsonCodec;
import io.connectspring.internal.wire.ProtoCodec;
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

/** The {@code proto} and {@code json} codecs on the small messages of the unary scenario. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CodecBenchmark {

	@Param({ "proto", "json" })
	public String codecName;

	private Codec codec = ProtoCodec.INSTANCE;

	private GreetResponse response = GreetResponse.getDefaultInstance();

	private byte[] request = new byte[0];

	@Setup
	public void setUp() {
		this.codec = "json".equals(this.codecName)
				? new JsonCodec(JsonFormat.TypeRegistry.newBuilder().add(GreetRequest.getDescriptor()).build())
				: ProtoCodec.INSTANCE;
		GreetRequest greet = GreetRequest.newBuilder().setName("World").build();
		this.request = this.codec.serialize(greet);
		this.response = Greetings.greet(greet);
	}

	@Benchmark
	public byte[] serializeResponse() {
		return this.codec.serialize(this.response);
	}

	@Benchmark
	public GreetRequest deserializeRequest() {
		return this.codec.deserialize(this.request, GreetRequest.getDefaultInstance());
	}

}
