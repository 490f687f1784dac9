package io.connectspring.server;

import io.connectspring.Compression;
import io.connectspring.internal.wire.GzipCompression;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class ConnectRouterFunctionBuilderTests {

	private final ConnectRouterFunctionBuilder builder = new ConnectRouterFunctionBuilder();

	@Test
	void aMessageSizeLimitMustBePositive() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.builder.maxRequestMessageSize(-1))
			.withMessage("maxRequestMessageSize must be positive, but was -1");
		assertThatIllegalArgumentException().isThrownBy(() -> this.builder.maxResponseMessageSize(0))
			.withMessage("maxResponseMessageSize must be positive, but was 0");
	}

	@Test
	void theCompressionThresholdMustNotBeNegative() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.builder.compressionMinBytes(-5))
			.withMessage("compressionMinBytes must not be negative, but was -5");
	}

	@Test
	void aPathPrefixMustBeAUrlPath() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.builder.pathPrefix("/rpc?x=1"))
			.withMessageContaining("pathPrefix '/rpc?x=1'");
		assertThatNullPointerException().isThrownBy(() -> this.builder.pathPrefix(null))
			.withMessage("pathPrefix must not be null");
	}

	@Test
	void compressionsNameEachAlgorithmOnceAndNeverIdentity() {
		Compression gzip = new GzipCompression();
		assertThatIllegalArgumentException().isThrownBy(() -> this.builder.compressions(List.of(gzip, gzip)))
			.withMessage("compressions holds 'gzip' twice");
		Compression identity = new Compression() {

			@Override
			public String name() {
				return "identity";
			}

			@Override
			public java.io.OutputStream compress(java.io.OutputStream target) {
				return target;
			}

			@Override
			public java.io.InputStream decompress(java.io.InputStream source) {
				return source;
			}

		};
		assertThatIllegalArgumentException().isThrownBy(() -> this.builder.compressions(List.of(identity)))
			.withMessageContaining("identity is always supported");
	}

	@Test
	void theBlockingSchedulerMustBeGiven() {
		assertThatNullPointerException().isThrownBy(() -> this.builder.blockingScheduler(null))
			.withMessage("blockingScheduler must not be null");
	}

	@Test
	void theShutdownMustBeGiven() {
		assertThatNullPointerException().isThrownBy(() -> this.builder.shutdown(null))
			.withMessage("shutdown must not be null");
	}

}
