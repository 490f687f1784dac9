package io.connectspring.conformance;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;

import connectrpc.conformance.v1.ClientCompat.ClientCompatRequest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SizeDelimitedTests {

	private static final ClientCompatRequest FIRST = ClientCompatRequest.newBuilder().setTestName("first").build();

	private static final ClientCompatRequest SECOND = ClientCompatRequest.newBuilder().setTestName("second").build();

	@Test
	void messagesAreReadBackInOrderThenNullAtTheEnd() throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		SizeDelimited.write(out, FIRST);
		SizeDelimited.write(out, SECOND);
		ByteArrayInputStream in = new ByteArrayInputStream(out.toByteArray());
		assertThat(SizeDelimited.read(in, ClientCompatRequest.parser())).isEqualTo(FIRST);
		assertThat(SizeDelimited.read(in, ClientCompatRequest.parser())).isEqualTo(SECOND);
		assertThat(SizeDelimited.read(in, ClientCompatRequest.parser())).isNull();
	}

	@Test
	void lengthIsFourBytesBigEndian() throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		SizeDelimited.write(out, FIRST);
		byte[] bytes = out.toByteArray();
		int size = FIRST.getSerializedSize();
		assertThat(Arrays.copyOf(bytes, 4)).containsExactly(0, 0, 0, size);
		assertThat(bytes).hasSize(4 + size);
	}

	@Test
	void inputEndingInsideAMessageFails() throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		SizeDelimited.write(out, FIRST);
		byte[] truncated = Arrays.copyOf(out.toByteArray(), out.size() - 1);
		assertThatExceptionOfType(EOFException.class)
			.isThrownBy(() -> SizeDelimited.read(new ByteArrayInputStream(truncated), ClientCompatRequest.parser()));
	}

}
