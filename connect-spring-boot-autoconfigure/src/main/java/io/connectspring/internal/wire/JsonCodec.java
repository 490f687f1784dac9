package io.connectspring.internal.wire;

import io.connectspring.Code;
import io.connectspring.ConnectException;

import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import org.jspecify.annotations.Nullable;

/**
 * The {@code json} codec: Protobuf's canonical JSON mapping, written compactly without default values and read
 * ignoring unknown fields (as connect-go does). Messages packed in {@code google.protobuf.Any} are resolved through
 * the type registry, which is built on the first JSON message: building it means building every served
 * {@code .proto} file's descriptors, tens of milliseconds that an application serving only binary Protobuf never
 * pays. Safe for concurrent use.
 */
public final class JsonCodec implements Codec {

	private final Supplier<JsonFormat.TypeRegistry> registry;

	private volatile @Nullable Mapping mapping;

	/** Creates a codec that resolves {@code Any} types through the given registry. */
	public JsonCodec(JsonFormat.TypeRegistry registry) {
		this(() -> registry);
	}

	/**
	 * Creates a codec that resolves {@code Any} types through the registry supplied on first use (by each of the
	 * threads that race to that first use).
	 */
	public JsonCodec(Supplier<JsonFormat.TypeRegistry> registry) {
		this.registry = registry;
	}

	private Mapping mapping() {
		Mapping mapping = this.mapping;
		if (mapping == null) {
			JsonFormat.TypeRegistry registry = this.registry.get();
			mapping = new Mapping(JsonFormat.printer().usingTypeRegistry(registry).omittingInsignificantWhitespace(),
					JsonFormat.parser().usingTypeRegistry(registry).ignoringUnknownFields());
			this.mapping = mapping;
		}
		return mapping;
	}

	@Override
	public String name() {
		return "json";
	}

	@Override
	public byte[] serialize(Message message) {
		try {
			return mapping().printer().print(message).getBytes(StandardCharsets.UTF_8);
		}
		catch (InvalidProtocolBufferException | RuntimeException ex) {
			// The printer also throws IllegalArgumentException, for a value JSON cannot hold (a non-finite number in
			// google.protobuf.Value, which a JSON request may well have put there).
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
				mapping().parser().merge(new String(data, StandardCharsets.UTF_8), builder);
			}
			return (M) builder.build();
		}
		catch (InvalidProtocolBufferException | RuntimeException ex) {
			throw new ConnectException(Code.INVALID_ARGUMENT, "unmarshal message: invalid JSON", ex);
		}
	}

	private record Mapping(JsonFormat.Printer printer, JsonFormat.Parser parser) {
	}

}
