package io.connectspring.server;

import io.connectspring.Compression;
import io.connectspring.ConnectInterceptor;
import io.connectspring.MethodDescriptor;
import io.connectspring.internal.protocol.InterceptorChain;
import io.connectspring.internal.server.ConnectStreamingServerProtocol;
import io.connectspring.internal.server.ConnectUnaryServerProtocol;
import io.connectspring.internal.server.GrpcServerProtocol;
import io.connectspring.internal.server.ProcedureSpec;
import io.connectspring.internal.server.ServerNegotiation;
import io.connectspring.internal.server.ServerProtocol;
import io.connectspring.internal.wire.BuiltInCompressions;
import io.connectspring.internal.wire.Codec;
import io.connectspring.internal.wire.Codecs;
import io.connectspring.internal.wire.Compressions;
import io.connectspring.internal.wire.JsonCodec;
import io.connectspring.internal.wire.ProtoCodec;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import com.google.protobuf.Descriptors;
import com.google.protobuf.util.JsonFormat;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Builds the WebFlux {@link RouterFunction} that serves Connect services over the Connect, gRPC and gRPC-Web
 * protocols: one route per procedure at
 * {@code [pathPrefix]/package.Service/Method}; an RPC to a procedure not served (an unknown method or service) gets
 * {@code unimplemented} in its protocol's form, and any other request to a served service's path 404. The Spring Boot
 * auto-configuration uses it; applications without it can too.
 * <p>
 * Not thread-safe; build once at start-up.
 */
public final class ConnectRouterFunctionBuilder {

	private final Map<String, ServiceBinding> services = new LinkedHashMap<>();

	private final Map<String, String> serviceOwners = new LinkedHashMap<>();

	private final Map<String, List<ConnectInterceptor>> serviceInterceptors = new LinkedHashMap<>();

	private final List<ConnectInterceptor> interceptors = new ArrayList<>();

	private final List<Compression> compressions = new ArrayList<>(BuiltInCompressions.onClassPath().available());

	private String pathPrefix = "";

	private long maxRequestMessageSize = 4L * 1024 * 1024;

	private long maxResponseMessageSize = 4L * 1024 * 1024;

	private int compressionMinBytes = 1024;

	private boolean requireProtocolVersion;

	private Scheduler blockingScheduler = Schedulers.boundedElastic();

	private boolean grpc = true;

	private boolean grpcWeb = true;

	private @Nullable ServerShutdown shutdown;

	/**
	 * Adds a service implementation.
	 * @param name a name for the implementation in error messages, such as its bean name
	 * @param service the implementation of a generated service interface
	 * @throws IllegalStateException if another implementation of the same service was added
	 */
	public ConnectRouterFunctionBuilder service(String name, BindableService service) {
		return addService(name, service, null);
	}

	/**
	 * Adds a service implementation with its own interceptors, which replace the ones set by
	 * {@link #interceptors(List)} for this service.
	 * @param name a name for the implementation in error messages, such as its bean name
	 * @param service the implementation of a generated service interface
	 * @param interceptors the service's interceptors, the first outermost
	 * @throws IllegalStateException if another implementation of the same service was added
	 */
	public ConnectRouterFunctionBuilder service(String name, BindableService service,
			List<? extends ConnectInterceptor> interceptors) {
		return addService(name, service, List.copyOf(interceptors));
	}

	/**
	 * Sets the interceptors of every service added without its own, the first outermost; none by default.
	 * @see ConnectInterceptor
	 */
	public ConnectRouterFunctionBuilder interceptors(List<? extends ConnectInterceptor> interceptors) {
		this.interceptors.clear();
		this.interceptors.addAll(interceptors);
		return this;
	}

	private ConnectRouterFunctionBuilder addService(String name, BindableService service,
			@Nullable List<ConnectInterceptor> interceptors) {
		if (name.isBlank()) {
			throw new IllegalArgumentException("A service's name must not be blank");
		}
		ServiceBinding binding = service.bindService();
		String serviceName = binding.descriptor().name();
		String previous = this.serviceOwners.putIfAbsent(serviceName, name);
		if (previous != null) {
			throw new IllegalStateException("Service " + serviceName + " is implemented by both '" + previous
					+ "' and '" + name + "': a Connect service is served by exactly one @ConnectService bean");
		}
		this.services.put(serviceName, binding);
		if (interceptors != null) {
			this.serviceInterceptors.put(serviceName, interceptors);
		}
		return this;
	}

	/**
	 * Sets a prefix for all routes, such as {@code /rpc}; empty by default.
	 * @throws IllegalArgumentException if the prefix holds a character that is not allowed in a path, such as a space
	 * or {@code ?}
	 */
	public ConnectRouterFunctionBuilder pathPrefix(String pathPrefix) {
		Objects.requireNonNull(pathPrefix, "pathPrefix must not be null");
		if (!pathPrefix.strip().matches("[A-Za-z0-9._~!$&'()*+,;=:@%/-]*")) {
			throw new IllegalArgumentException("pathPrefix '" + pathPrefix
					+ "' holds characters that are not allowed in a URL path; use a prefix such as /rpc");
		}
		this.pathPrefix = normalizePathPrefix(pathPrefix);
		return this;
	}

	/** Returns the prefix as routes use it: empty, or starting with {@code /} and not ending with one. */
	static String normalizePathPrefix(String pathPrefix) {
		String trimmed = pathPrefix.strip();
		while (trimmed.endsWith("/")) {
			trimmed = trimmed.substring(0, trimmed.length() - 1);
		}
		return (trimmed.isEmpty() || trimmed.startsWith("/")) ? trimmed : "/" + trimmed;
	}

	/** Sets the largest request message accepted, before and after decompression; 4 MiB by default. */
	public ConnectRouterFunctionBuilder maxRequestMessageSize(long bytes) {
		this.maxRequestMessageSize = positive("maxRequestMessageSize", bytes);
		return this;
	}

	/** Sets the largest response message sent, before compression; 4 MiB by default. */
	public ConnectRouterFunctionBuilder maxResponseMessageSize(long bytes) {
		this.maxResponseMessageSize = positive("maxResponseMessageSize", bytes);
		return this;
	}

	/**
	 * Replaces the supported compressions (besides identity), most preferred first. By default the built-in ones whose
	 * library is present: gzip, then br with Brotli4j and zstd with zstd-jni.
	 */
	public ConnectRouterFunctionBuilder compressions(List<Compression> compressions) {
		Set<String> names = new HashSet<>();
		for (Compression compression : compressions) {
			Objects.requireNonNull(compression, "compressions must not hold null");
			if (compression.name().equals("identity") || !names.add(compression.name())) {
				throw new IllegalArgumentException("compressions holds '" + compression.name() + "' "
						+ (names.contains(compression.name()) ? "twice" : "(identity is always supported)"));
			}
		}
		this.compressions.clear();
		this.compressions.addAll(compressions);
		return this;
	}

	/** Sets the size below which responses are sent uncompressed; 1 KiB by default. */
	public ConnectRouterFunctionBuilder compressionMinBytes(int bytes) {
		if (bytes < 0) {
			throw new IllegalArgumentException("compressionMinBytes must not be negative, but was " + bytes);
		}
		this.compressionMinBytes = bytes;
		return this;
	}

	/** Sets whether unary requests without {@code Connect-Protocol-Version: 1} are rejected; off by default. */
	public ConnectRouterFunctionBuilder requireProtocolVersion(boolean require) {
		this.requireProtocolVersion = require;
		return this;
	}

	/** Sets where blocking service implementations run; Reactor's bounded elastic scheduler by default. */
	public ConnectRouterFunctionBuilder blockingScheduler(Scheduler scheduler) {
		this.blockingScheduler = Objects.requireNonNull(scheduler, "blockingScheduler must not be null");
		return this;
	}

	/**
	 * Sets whether the gRPC protocol is served next to Connect; on by default. gRPC needs HTTP/2 end to end and the
	 * Reactor Netty server, whose response carries the HTTP/2 trailers.
	 */
	public ConnectRouterFunctionBuilder grpc(boolean enabled) {
		this.grpc = enabled;
		return this;
	}

	/** Sets whether the gRPC-Web protocol is served next to Connect; on by default. */
	public ConnectRouterFunctionBuilder grpcWeb(boolean enabled) {
		this.grpcWeb = enabled;
		return this;
	}

	/**
	 * Sets what refuses and ends calls when the server shuts down; none by default (calls then run until the web
	 * server closes their connections). Its calls are those of every router built with it.
	 * @see ServerShutdown
	 */
	public ConnectRouterFunctionBuilder shutdown(ServerShutdown shutdown) {
		this.shutdown = Objects.requireNonNull(shutdown, "shutdown must not be null");
		return this;
	}

	/** Returns the router function; it matches no request when no service was added. */
	public ConnectRouterFunction build() {
		List<ServiceBinding> served = List.copyOf(this.services.values());
		Codecs codecs = new Codecs(List.<Codec>of(ProtoCodec.INSTANCE, new JsonCodec(() -> typeRegistry(served))));
		ProcedureSpec.Limits limits = new ProcedureSpec.Limits(this.maxRequestMessageSize,
				this.maxResponseMessageSize, new Compressions(this.compressions, this.compressionMinBytes));
		List<ServerProtocol> protocols = new ArrayList<>(
				List.of(new ConnectUnaryServerProtocol(), new ConnectStreamingServerProtocol()));
		if (this.grpc) {
			protocols.add(GrpcServerProtocol.grpc());
		}
		if (this.grpcWeb) {
			protocols.add(GrpcServerProtocol.grpcWeb());
		}
		if (this.services.isEmpty()) {
			return new ConnectRouterFunction((request) -> Mono.empty());
		}
		RouterFunctions.Builder routes = RouterFunctions.route();
		InterceptorChain global = InterceptorChain.of(this.interceptors);
		for (ServiceBinding service : this.services.values()) {
			List<ConnectInterceptor> own = this.serviceInterceptors.get(service.descriptor().name());
			InterceptorChain chain = (own != null) ? InterceptorChain.of(own) : global;
			for (ServiceBinding.MethodBinding<?, ?> binding : service.handlers().values()) {
				MethodDescriptor<?, ?> method = binding.method();
				ProcedureSpec spec = new ProcedureSpec(method, limits, codecs, this.requireProtocolVersion);
				ProcedureHandler handler = new ProcedureHandler(new ServerNegotiation(spec, protocols),
						new BindingInvoker(binding, chain, this.blockingScheduler), this.shutdown);
				routes.route(RequestPredicates.path(this.pathPrefix + method.procedure()), handler);
			}
			routes.route(RequestPredicates.path(this.pathPrefix + "/" + service.descriptor().name() + "/**"),
					(request) -> {
						HandlerFunction<ServerResponse> unimplemented = UnknownProcedureRoute.handler(request);
						return (unimplemented != null) ? unimplemented.handle(request)
								: ServerResponse.status(HttpStatus.NOT_FOUND).build();
					});
		}
		return new ConnectRouterFunction(routes.build().and(new UnknownProcedureRoute(this.pathPrefix)));
	}

	private static long positive(String name, long bytes) {
		if (bytes <= 0) {
			throw new IllegalArgumentException(name + " must be positive, but was " + bytes);
		}
		return bytes;
	}

	/**
	 * Returns the registry of every message type reachable from the services, for JSON and {@code Any}; built on the
	 * first JSON message, as building it builds every {@code .proto} file's descriptors.
	 */
	private static JsonFormat.TypeRegistry typeRegistry(List<ServiceBinding> services) {
		Set<Descriptors.FileDescriptor> files = new HashSet<>();
		for (ServiceBinding service : services) {
			for (MethodDescriptor<?, ?> method : service.descriptor().methods()) {
				addFile(files, method.requestPrototype().getDescriptorForType().getFile());
				addFile(files, method.responsePrototype().getDescriptorForType().getFile());
			}
		}
		JsonFormat.TypeRegistry.Builder registry = JsonFormat.TypeRegistry.newBuilder();
		files.forEach((file) -> registry.add(file.getMessageTypes()));
		return registry.build();
	}

	private static void addFile(Set<Descriptors.FileDescriptor> files, Descriptors.FileDescriptor file) {
		if (files.add(file)) {
			file.getDependencies().forEach((dependency) -> addFile(files, dependency));
		}
	}

}
