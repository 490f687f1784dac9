package io.connectspring.server.reflection;

import io.connectspring.grpc.reflection.v1alpha.ServerReflection;
import io.connectspring.grpc.reflection.v1alpha.ServerReflectionRequest;
import io.connectspring.grpc.reflection.v1alpha.ServerReflectionResponse;
import io.connectspring.server.ConnectContext;
import io.connectspring.server.ConnectService;

import com.google.protobuf.InvalidProtocolBufferException;
import reactor.core.publisher.Flux;

/**
 * Serves {@code grpc.reflection.v1alpha.ServerReflection}, the reflection service older clients (grpcurl before
 * 1.8.8, many gRPC libraries) call, with the answers of a {@link ReflectionService}. The two versions differ only in
 * their package: their messages have the same fields and numbers, so each message crosses over as its bytes.
 */
@ConnectService
public final class ReflectionV1AlphaService implements ServerReflection {

	private final ReflectionService v1;

	/** Answers with the given v1 service. */
	public ReflectionV1AlphaService(ReflectionService v1) {
		this.v1 = v1;
	}

	@Override
	public Flux<ServerReflectionResponse> serverReflectionInfo(Flux<ServerReflectionRequest> requests,
			ConnectContext context) {
		return requests.map(this::answer);
	}

	private ServerReflectionResponse answer(ServerReflectionRequest request) {
		try {
			io.connectspring.grpc.reflection.v1.ServerReflectionResponse response = this.v1
				.answer(io.connectspring.grpc.reflection.v1.ServerReflectionRequest.parseFrom(request.toByteString()));
			return ServerReflectionResponse.parseFrom(response.toByteString());
		}
		catch (InvalidProtocolBufferException ex) {
			// Unreachable: both versions declare the same fields with the same numbers.
			throw new IllegalStateException("v1 and v1alpha reflection messages differ", ex);
		}
	}

}
