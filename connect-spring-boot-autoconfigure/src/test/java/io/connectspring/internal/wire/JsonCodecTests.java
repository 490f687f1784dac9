package io.connectspring.internal.wire;

import io.connectspring.Code;
import io.connectspring.ConnectException;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import com.google.protobuf.StringValue;
import com.google.protobuf.Value;
import com.google.protobuf.util.JsonFormat;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class JsonCodecTests {

	@Test
	void typeRegistryIsBuiltOnTheFirstJsonMessageOnly() {
		AtomicInteger builds = new AtomicInteger();
		JsonCodec codec = new JsonCodec(() -> {
			builds.incrementAndGet();
			return JsonFormat.TypeRegistry.getEmptyTypeRegistry();
		});
		assertThat(builds).hasValue(0);
		byte[] json = codec.serialize(StringValue.of("Ada"));
		assertThat(new String(json, StandardCharsets.UTF_8)).isEqualTo("\"Ada\"");
		assertThat(codec.deserialize(json, StringValue.getDefaultInstance())).isEqualTo(StringValue.of("Ada"));
		assertThat(builds).hasValue(1);
	}

	@Test
	void emptyBodyIsTheDefaultMessage() {
		JsonCodec codec = new JsonCodec(JsonFormat.TypeRegistry.getEmptyTypeRegistry());
		assertThat(codec.deserialize(new byte[0], StringValue.getDefaultInstance()))
			.isEqualTo(StringValue.getDefaultInstance());
	}

	@Test
	void invalidJsonIsInvalidArgument() {
		JsonCodec codec = new JsonCodec(JsonFormat.TypeRegistry.getEmptyTypeRegistry());
		assertThatExceptionOfType(ConnectException.class)
			.isThrownBy(() -> codec.deserialize("{".getBytes(StandardCharsets.UTF_8), StringValue.getDefaultInstance()))
			.satisfies((error) -> assertThat(error.code()).isEqualTo(Code.INVALID_ARGUMENT));
	}

	@Test
	void numberTooLargeForJsonReadIntoAValueFailsToWriteWithInternal() {
		// Found by fuzzing: JSON reads 1e999 into google.protobuf.Value as infinity, which JSON cannot write back.
		JsonCodec codec = new JsonCodec(JsonFormat.TypeRegistry.getEmptyTypeRegistry());
		Value value = codec.deserialize("1e999".getBytes(StandardCharsets.UTF_8), Value.getDefaultInstance());
		assertThatExceptionOfType(ConnectException.class).isThrownBy(() -> codec.serialize(value))
			.satisfies((error) -> assertThat(error.code()).isEqualTo(Code.INTERNAL))
			.withMessageContaining("cannot write JSON");
	}

}
