package io.connectspring.internal.client;

import java.nio.charset.StandardCharsets;

import com.google.protobuf.Any;
import com.google.protobuf.Option;
import com.google.protobuf.SourceContext;
import com.google.protobuf.Type;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClientJsonCodecTests {

	private static final String JSON = "{\"name\":\"t\",\"options\":[{\"name\":\"o\",\"value\":"
			+ "{\"@type\":\"type.googleapis.com/google.protobuf.SourceContext\",\"fileName\":\"a.proto\"}}]}";

	private static final Type MESSAGE = Type.newBuilder()
		.setName("t")
		.addOptions(Option.newBuilder()
			.setName("o")
			.setValue(Any.pack(SourceContext.newBuilder().setFileName("a.proto").build())))
		.build();

	@Test
	void anyHoldingATypeOfTheMessagesOwnFilesIsRead() {
		// type.proto holds google.protobuf.Option, whose Any may hold SourceContext, from a file type.proto imports.
		assertThat(new ClientJsonCodec().deserialize(JSON.getBytes(StandardCharsets.UTF_8), Type.getDefaultInstance()))
			.isEqualTo(MESSAGE);
	}

	@Test
	void anyHoldingATypeOfTheMessagesOwnFilesIsWritten() {
		assertThat(new String(new ClientJsonCodec().serialize(MESSAGE), StandardCharsets.UTF_8)).isEqualTo(JSON);
	}

}
