package io.connectspring.benchmarks.jmh;

import io.connectspring.internal.wire.Envelope;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The envelope benchmark frames and deframes what it claims to. */
class EnvelopeBenchmarkTests {

	@Test
	void deframeDecodesEveryMessageOfTheChunkedBody() {
		EnvelopeBenchmark benchmark = new EnvelopeBenchmark();
		benchmark.messages = 100;
		benchmark.chunkBytes = 64;
		benchmark.setUp();
		assertThat(benchmark.deframe()).isEqualTo(100L * benchmark.messageLength());
	}

	@Test
	void frameWritesPrefixAndMessage() {
		EnvelopeBenchmark benchmark = new EnvelopeBenchmark();
		benchmark.messages = 1;
		benchmark.chunkBytes = 16384;
		benchmark.setUp();
		assertThat(benchmark.frameHeapBuffer().readableByteCount())
			.isEqualTo(Envelope.PREFIX_LENGTH + benchmark.messageLength());
	}

}
