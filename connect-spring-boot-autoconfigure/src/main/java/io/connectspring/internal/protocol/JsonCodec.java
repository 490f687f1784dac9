package io.connectspring.internal.protocol;

import io.connectspring.Code;
import io.connectspring.ConnectException;

import java.nio.charset.StandardCharsets;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;

/**
 * The {@code json} codec: Protobuf's canonical JSON mapping, written compactly without default values and read
 * ignoring unknown fields (as connect-go does). Messages packed in {@code google.protobuf.Any} are resolved through
 * the type registry.
 */
public final class JsonCodec implements Codec {

	private final JsonFormat.Printer printer;

	private final JsonFormat.Parser parser;

	/** Creates a codec that resolves {@code Any} types through the given registry. */
	public JsonCodec(JsonFormat.TypeRegistry registry) {
		this.printer = JsonFormat.printer().usingTypeRegistry(registry).omittingInsignificantWhitespace();
		this.parser = JsonFormat.parser().usingTypeRegistry(registry).ignoringUnknownFields();
	}

	@Override
	public String name() {
		return "json";
	}

	@Override
	public byte[] serialize(Message message) {
		try {
			return this.printer.print(message).getBytes(StandardCharsets.UTF_8);
		}
		catch (InvalidProtocolBufferException ex) {
			throw new ConnectException(Code.INTERNAL, "marshal message: cannot write JSON", ex);
		}
	}

	@Override
	@SuppressWarnings("unchecked")
	public <M extends Message> M deserialize(byte[] data, M prototype) {
		Message.Builder builder = prototype.newBuilderForType();
		try {
			// An empty body is the message with all defaults, as for binary Protobuf.
			if (data.length > 0) {
				this.parser.merge(new String(data, StandardCharsets.UTF_8), builder);
			}
			return (M) builder.build();
		}
		catch (InvalidProtocolBufferException | RuntimeException ex) {
			throw new ConnectException(Code.INVALID_ARGUMENT, "unmarshal message: invalid JSON", ex);
		}
	}

}
