package io.connectspring.internal.wire;

import io.connectspring.Code;
import io.connectspring.ConnectException;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;

/** The binary Protobuf codec, {@code proto}. */
public final class ProtoCodec implements Codec {

	/** The one instance. */
	public static final ProtoCodec INSTANCE = new ProtoCodec();

	private ProtoCodec() {
	}

	@Override
	public String name() {
		return "proto";
	}

	@Override
	public byte[] serialize(Message message) {
		return message.toByteArray();
	}

	@Override
	@SuppressWarnings("unchecked")
	public <M extends Message> M deserialize(byte[] data, M prototype) {
		try {
			return (M) prototype.getParserForType().parseFrom(data);
		}
		catch (InvalidProtocolBufferException ex) {
			throw new ConnectException(Code.INVALID_ARGUMENT, "unmarshal message: invalid binary Protobuf", ex);
		}
	}

}
