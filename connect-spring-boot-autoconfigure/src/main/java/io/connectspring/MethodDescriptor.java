package io.connectspring;

import com.google.protobuf.Message;
import com.google.protobuf.Parser;

import java.util.Objects;

/**
 * Describes one procedure of a service: its names, {@link StreamType}, {@link IdempotencyLevel}, and its request and
 * response message types. Generated code holds one constant per procedure; instances are immutable.
 *
 * @param <Req> the request message type
 * @param <Res> the response message type
 * @param serviceName the fully qualified Protobuf name of the service, such as {@code greet.v1.GreetService}
 * @param methodName the method's name as written in the {@code .proto} file, such as {@code Greet}
 * @param streamType how many messages each side sends
 * @param idempotencyLevel the method's idempotency level
 * @param requestPrototype the request type's default instance, used for parsing
 * @param responsePrototype the response type's default instance, used for parsing
 */
public record MethodDescriptor<Req extends Message, Res extends Message>(String serviceName, String methodName,
		StreamType streamType, IdempotencyLevel idempotencyLevel, Req requestPrototype, Res responsePrototype) {

	public MethodDescriptor {
		Objects.requireNonNull(serviceName, "serviceName");
		Objects.requireNonNull(methodName, "methodName");
		Objects.requireNonNull(streamType, "streamType");
		Objects.requireNonNull(idempotencyLevel, "idempotencyLevel");
		Objects.requireNonNull(requestPrototype, "requestPrototype");
		Objects.requireNonNull(responsePrototype, "responsePrototype");
	}

	/** Returns the procedure's path, {@code "/" + serviceName + "/" + methodName}, as Connect routes it. */
	public String procedure() {
		return "/" + this.serviceName + "/" + this.methodName;
	}

	/** Returns the parser of request messages. */
	@SuppressWarnings("unchecked")
	public Parser<Req> requestParser() {
		return (Parser<Req>) this.requestPrototype.getParserForType();
	}

	/** Returns the parser of response messages. */
	@SuppressWarnings("unchecked")
	public Parser<Res> responseParser() {
		return (Parser<Res>) this.responsePrototype.getParserForType();
	}

	@Override
	public String toString() {
		return procedure();
	}

}
