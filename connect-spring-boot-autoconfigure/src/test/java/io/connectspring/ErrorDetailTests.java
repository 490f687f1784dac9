package io.connectspring;

import com.google.protobuf.Any;
import com.google.protobuf.StringValue;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorDetailTests {

	@Test
	void messageIsPackedIntoAnAny() {
		ErrorDetail detail = ErrorDetail.of(StringValue.of("why"));
		assertThat(detail.typeName()).isEqualTo("google.protobuf.StringValue");
		assertThat(detail.unpack(StringValue.class)).contains(StringValue.of("why"));
	}

	@Test
	void anAnyIsTakenAsItIsNotPackedAgain() {
		Any any = Any.pack(StringValue.of("why"));
		ErrorDetail detail = ErrorDetail.of(any);
		assertThat(detail.value()).isSameAs(any);
		assertThat(detail.typeName()).isEqualTo("google.protobuf.StringValue");
	}

}
