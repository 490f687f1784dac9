package io.connectspring.internal.protocol;

import io.connectspring.Code;
import io.connectspring.ConnectException;

import java.util.concurrent.CancellationException;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBufferLimitException;
import reactor.netty.channel.AbortedException;

import static org.assertj.core.api.Assertions.assertThat;

class FailureCodeTests {

	@Test
	void aConnectExceptionKeepsItsCodeEvenWhenWrapped() {
		ConnectException denied = new ConnectException(Code.PERMISSION_DENIED, "no");
		assertThat(FailureCode.of(denied)).isEqualTo(Code.PERMISSION_DENIED);
		assertThat(FailureCode.of(new IllegalStateException("wrapped", denied))).isEqualTo(Code.PERMISSION_DENIED);
	}

	@Test
	void anOverflowingBufferIsResourceExhausted() {
		assertThat(FailureCode.of(new DataBufferLimitException("too big"))).isEqualTo(Code.RESOURCE_EXHAUSTED);
	}

	@Test
	void aCancellationOrAnAbortedConnectionIsCanceled() {
		assertThat(FailureCode.of(new CancellationException())).isEqualTo(Code.CANCELED);
		assertThat(FailureCode.of(new AbortedException("closed"))).isEqualTo(Code.CANCELED);
	}

	@Test
	void anythingElseIsUnknown() {
		assertThat(FailureCode.of(new IllegalStateException("bug"))).isEqualTo(Code.UNKNOWN);
	}

}
