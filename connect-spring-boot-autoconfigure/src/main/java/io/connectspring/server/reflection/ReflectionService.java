package io.connectspring.server.reflection;

import io.connectspring.ServiceDescriptor;
import io.connectspring.grpc.reflection.v1.ServerReflection;
import io.connectspring.grpc.reflection.v1.ServerReflectionRequest;
import io.connectspring.grpc.reflection.v1.ServerReflectionResponse;
import io.connectspring.server.ConnectContext;
import io.connectspring.server.ConnectService;

import java.util.Collection;
import java.util.function.Supplier;

import org.springframework.util.function.SingletonSupplier;
import reactor.core.publisher.Flux;

/**
 * Serves {@code grpc.reflection.v1.ServerReflection}: lists the served services, and returns the {@code .proto}
 * files (as serialized {@code FileDescriptorProto}s, each with every file it imports) that declare a file name, a
 * symbol or an extension. Each request of the stream gets one response, in order; a question about something
 * unknown gets an {@code error_response} with {@code NOT_FOUND} and the stream goes on. No method blocks.
 * <p>
 * The services are read once, at the first call, so the reflection service may list itself.
 *
 * @see <a href="https://github.com/grpc/grpc/blob/master/doc/server-reflection.md">gRPC Server Reflection
 * Protocol</a>
 * @see ReflectionV1AlphaService
 */
@ConnectService
public final class ReflectionService implements ServerReflection {

	private final Supplier<ReflectionIndex> index;

	/**
	 * Describes the given services.
	 * @param services returns the descriptors of every served service; called once, at the first call
	 */
	public ReflectionService(Supplier<? extends Collection<ServiceDescriptor>> services) {
		this.index = SingletonSupplier.of(() -> new ReflectionIndex(services.get()));
	}

	@Override
	public Flux<ServerReflectionResponse> serverReflectionInfo(Flux<ServerReflectionRequest> requests,
			ConnectContext context) {
		return requests.map((request) -> this.index.get().answer(request));
	}

	/** Answers one request, as the stream does; for the v1alpha service. */
	ServerReflectionResponse answer(ServerReflectionRequest request) {
		return this.index.get().answer(request);
	}

}
