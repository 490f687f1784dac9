package io.connectspring.internal.wire;

import io.connectspring.Code;
import io.connectspring.ConnectException;
import io.connectspring.fixtures.FuzzInputs;
import io.connectspring.fixtures.FuzzSeed;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.protobuf.Any;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Duration;
import com.google.protobuf.FieldMask;
import com.google.protobuf.Message;
import com.google.protobuf.StringValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Timestamp;
import com.google.protobuf.Value;
import com.google.protobuf.util.JsonFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Fuzzes the two codecs behind the message size limits (their input is at most the limit), over message types that
 * cover Protobuf's shapes: every scalar, enums, maps, nesting and recursion (a descriptor), recursive JSON
 * ({@code Struct}, {@code Value}), {@code Any} resolved through the type registry, and the well-known types with
 * JSON forms of their own.
 */
class CodecFuzzTests {

	private static final List<Message> TYPES = List.of(FileDescriptorProto.getDefaultInstance(),
			Struct.getDefaultInstance(), Value.getDefaultInstance(), Any.getDefaultInstance(),
			Timestamp.getDefaultInstance(), Duration.getDefaultInstance(), FieldMask.getDefaultInstance(),
			StringValue.getDefaultInstance());

	private static final JsonCodec JSON = new JsonCodec(JsonFormat.TypeRegistry.newBuilder()
		.add(TYPES.stream().map(Message::getDescriptorForType).toList())
		.build());

	/**
	 * Any bytes parse as the message or fail with {@code invalid_argument}; a parsed message writes back to bytes
	 * that parse to the same message.
	 */
	@FuzzTest
	void readsAnyBinaryProtobufOrRejectsIt(FuzzedDataProvider data) {
		Message prototype = TYPES.get(data.consumeInt(0, TYPES.size() - 1));
		byte[] bytes = data.consumeBytes(FuzzInputs.LIMIT);
		Message message;
		try {
			message = ProtoCodec.INSTANCE.deserialize(bytes, prototype);
		}
		catch (ConnectException ex) {
			FuzzInputs.expectCode(ex, Code.INVALID_ARGUMENT);
			return;
		}
		Message again = ProtoCodec.INSTANCE.deserialize(ProtoCodec.INSTANCE.serialize(message), prototype);
		if (!again.equals(message)) {
			throw new AssertionError("the message changed when written and read again");
		}
	}

	/**
	 * Any JSON parses as the message or fails with {@code invalid_argument}; a parsed message writes back to JSON
	 * (or fails with {@code internal}, for a value the JSON mapping cannot write) that reads and writes as the same
	 * JSON again.
	 */
	@FuzzTest
	void readsAnyJsonOrRejectsIt(FuzzedDataProvider data) {
		Message prototype = TYPES.get(data.consumeInt(0, TYPES.size() - 1));
		byte[] bytes = data.consumeBytes(FuzzInputs.LIMIT);
		Message message;
		try {
			message = JSON.deserialize(bytes, prototype);
		}
		catch (ConnectException ex) {
			FuzzInputs.expectCode(ex, Code.INVALID_ARGUMENT);
			return;
		}
		byte[] written;
		try {
			written = JSON.serialize(message);
		}
		catch (ConnectException ex) {
			FuzzInputs.expectCode(ex, Code.INTERNAL);
			return;
		}
		// Not the message itself: a Value with no kind set writes as null, which reads back as the null kind.
		byte[] again = JSON.serialize(JSON.deserialize(written, prototype));
		if (!Arrays.equals(again, written)) {
			throw new AssertionError("the message changed when written and read again: "
					+ new String(written, StandardCharsets.UTF_8));
		}
	}

	@Test
	@EnabledIfSystemProperty(named = "fuzz.writeSeeds", matches = "true")
	void writeSeeds() {
		Map<String, byte[]> proto = new LinkedHashMap<>();
		proto.put("descriptor", seed(0, Struct.getDescriptor().getFile().toProto().toByteArray()));
		proto.put("struct", seed(1, Struct.newBuilder()
			.putFields("a", Value.newBuilder().setStringValue("b").build())
			.putFields("n", Value.newBuilder().setNumberValue(1.5).build())
			.build()
			.toByteArray()));
		proto.put("any", seed(3, Any.pack(StringValue.of("hi")).toByteArray()));
		proto.put("timestamp", seed(4, Timestamp.newBuilder().setSeconds(1).setNanos(5).build().toByteArray()));
		proto.put("deep", seed(2, deepValue(120).toByteArray()));
		proto.put("truncated", seed(0, new byte[] { 10, 100, 1 }));
		FuzzSeed.write(getClass(), "readsAnyBinaryProtobufOrRejectsIt", proto);
		Map<String, byte[]> json = new LinkedHashMap<>();
		json.put("descriptor", seed(0, "{\"name\":\"a.proto\",\"messageType\":[{\"name\":\"M\",\"field\":[{"
				+ "\"name\":\"f\",\"number\":1,\"type\":\"TYPE_INT64\",\"defaultValue\":\"1\"}]}],"
				+ "\"syntax\":\"proto3\"}"));
		json.put("struct", seed(1, "{\"a\":[1,\"b\",null,true,{\"c\":-0.0}]}"));
		json.put("value", seed(2, "1e308"));
		json.put("any", seed(3, "{\"@type\":\"type.googleapis.com/google.protobuf.StringValue\",\"value\":\"hi\"}"));
		json.put("timestamp", seed(4, "\"1970-01-01T00:00:01.000000005Z\""));
		json.put("duration", seed(5, "\"-315576000000.999999999s\""));
		json.put("field-mask", seed(6, "\"a.b,cD\""));
		json.put("string", seed(7, "\"\\ud83d\\ude00\""));
		json.put("deep", seed(2, "[".repeat(200) + "]".repeat(200)));
		json.put("unknown-field", seed(0, "{\"nope\":1}"));
		FuzzSeed.write(getClass(), "readsAnyJsonOrRejectsIt", json);
	}

	private static Value deepValue(int depth) {
		Value value = Value.newBuilder().setBoolValue(true).build();
		for (int i = 0; i < depth; i++) {
			value = Value.newBuilder()
				.setListValue(com.google.protobuf.ListValue.newBuilder().addValues(value))
				.build();
		}
		return value;
	}

	private static byte[] seed(int type, byte[] bytes) {
		return new FuzzSeed().integer(type, 0, TYPES.size() - 1).bytes(bytes).build();
	}

	private static byte[] seed(int type, String json) {
		return seed(type, json.getBytes(StandardCharsets.UTF_8));
	}

}
