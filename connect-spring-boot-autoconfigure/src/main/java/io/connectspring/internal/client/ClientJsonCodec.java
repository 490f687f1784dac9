package io.connectspring.internal.client;

import io.connectspring.internal.wire.Codec;
import io.connectspring.internal.wire.JsonCodec;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.google.protobuf.Descriptors;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;

/**
 * The client's {@code json} codec. A client does not know ahead of its calls which messages it will see, so the
 * types that {@code google.protobuf.Any} fields may hold are resolved through the message's own {@code .proto} file
 * and every file it imports, the same reach a server gives its services' files; the registry of each file is built
 * once, on its first JSON message. Safe for concurrent use.
 */
public final class ClientJsonCodec implements Codec {

	private final Map<Descriptors.FileDescriptor, JsonCodec> codecs = new ConcurrentHashMap<>();

	@Override
	public String name() {
		return "json";
	}

	@Override
	public byte[] serialize(Message message) {
		return codec(message).serialize(message);
	}

	@Override
	public <M extends Message> M deserialize(byte[] data, M prototype) {
		return codec(prototype).deserialize(data, prototype);
	}

	private JsonCodec codec(Message message) {
		return this.codecs.computeIfAbsent(message.getDescriptorForType().getFile(),
				(file) -> new JsonCodec(registry(file)));
	}

	private static JsonFormat.TypeRegistry registry(Descriptors.FileDescriptor file) {
		Set<Descriptors.FileDescriptor> files = new HashSet<>();
		addFile(files, file);
		JsonFormat.TypeRegistry.Builder registry = JsonFormat.TypeRegistry.newBuilder();
		files.forEach((each) -> registry.add(each.getMessageTypes()));
		return registry.build();
	}

	private static void addFile(Set<Descriptors.FileDescriptor> files, Descriptors.FileDescriptor file) {
		if (files.add(file)) {
			file.getDependencies().forEach((dependency) -> addFile(files, dependency));
		}
	}

}
