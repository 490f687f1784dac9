package io.connectspring.boot.autoconfigure;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of Connect services and clients, under {@code connect.*}.
 */
@ConfigurationProperties("connect")
public class ConnectProperties {

	private final Server server = new Server();

	public Server getServer() {
		return this.server;
	}

	/** Settings of the Connect server. */
	public static class Server {

		/** Whether to serve the application's @ConnectService beans. */
		private boolean enabled = true;

		/** Path under which all procedures are served, such as "/rpc"; empty serves them at the root. */
		private String pathPrefix = "";

		/** Whether unary requests must send the Connect-Protocol-Version header (or the "connect" query parameter). */
		private boolean requireProtocolVersion;

		/** Largest request message accepted, checked on the length prefix and again after decompression. */
		private DataSize maxRequestMessageSize = DataSize.ofMegabytes(4);

		/** Largest response message sent, before compression. */
		private DataSize maxResponseMessageSize = DataSize.ofMegabytes(4);

		private final Compression compression = new Compression();

		private final Blocking blocking = new Blocking();

		private final Observations observations = new Observations();

		private final Grpc grpc = new Grpc();

		private final GrpcWeb grpcWeb = new GrpcWeb();

		private final FastPath fastPath = new FastPath();

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String getPathPrefix() {
			return this.pathPrefix;
		}

		public void setPathPrefix(String pathPrefix) {
			this.pathPrefix = pathPrefix;
		}

		public boolean isRequireProtocolVersion() {
			return this.requireProtocolVersion;
		}

		public void setRequireProtocolVersion(boolean requireProtocolVersion) {
			this.requireProtocolVersion = requireProtocolVersion;
		}

		public DataSize getMaxRequestMessageSize() {
			return this.maxRequestMessageSize;
		}

		public void setMaxRequestMessageSize(DataSize maxRequestMessageSize) {
			this.maxRequestMessageSize = maxRequestMessageSize;
		}

		public DataSize getMaxResponseMessageSize() {
			return this.maxResponseMessageSize;
		}

		public void setMaxResponseMessageSize(DataSize maxResponseMessageSize) {
			this.maxResponseMessageSize = maxResponseMessageSize;
		}

		public Compression getCompression() {
			return this.compression;
		}

		public Observations getObservations() {
			return this.observations;
		}

		public Blocking getBlocking() {
			return this.blocking;
		}

		public Grpc getGrpc() {
			return this.grpc;
		}

		public GrpcWeb getGrpcWeb() {
			return this.grpcWeb;
		}

		public FastPath getFastPath() {
			return this.fastPath;
		}

	}

	/** Serving the procedures without WebFlux's DispatcherHandler and route matching. */
	public static class FastPath {

		/** Whether procedures are served by the fast path instead of by the router. */
		private boolean enabled = true;

		/**
		 * Where the fast path serves procedures: after the last WebFilter, so that every filter (Spring Security's
		 * included) runs on RPC routes, or ahead of WebFlux's web handler, where no WebFilter runs on them.
		 */
		private Mode mode = Mode.WEB_FILTER;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Mode getMode() {
			return this.mode;
		}

		public void setMode(Mode mode) {
			this.mode = mode;
		}

		/** Where the fast path serves procedures. */
		public enum Mode {

			/** After the last WebFilter: every filter, Spring Security's included, runs on RPC routes (the default). */
			WEB_FILTER,

			/**
			 * Ahead of WebFlux's web handler: no WebFilter (Spring Security included), exception handler or HTTP
			 * server observation runs on RPC routes; protect them with Connect interceptors.
			 */
			HTTP_HANDLER

		}

	}

	/** The gRPC protocol, served on the same routes as Connect. */
	public static class Grpc {

		/** Whether to serve the gRPC protocol (HTTP/2 only; needs the Reactor Netty server). */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/** The gRPC-Web protocol, served on the same routes as Connect. */
	public static class GrpcWeb {

		/** Whether to serve the gRPC-Web protocol. */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/** Compression of messages. */
	public static class Compression {

		/**
		 * Compression algorithms offered, most preferred first; unset offers the built-in ones whose library is
		 * present: "gzip", then "br" (with Brotli4j) and "zstd" (with zstd-jni). More come from Compression beans.
		 */
		private @Nullable List<String> algorithms;

		/** Size below which response messages are sent uncompressed. */
		private DataSize minResponseSize = DataSize.ofKilobytes(1);

		public @Nullable List<String> getAlgorithms() {
			return this.algorithms;
		}

		public void setAlgorithms(@Nullable List<String> algorithms) {
			this.algorithms = algorithms;
		}

		public DataSize getMinResponseSize() {
			return this.minResponseSize;
		}

		public void setMinResponseSize(DataSize minResponseSize) {
			this.minResponseSize = minResponseSize;
		}

	}

	/** The scheduler of blocking service implementations. */
	public static class Observations {

		/**
		 * Whether served calls are observed (timer rpc.server.requests and a span per call) when Micrometer is set up.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	public static class Blocking {

		/** Most threads running blocking service methods at once; ignored with virtual threads. */
		private int maxThreads = 10 * Runtime.getRuntime().availableProcessors();

		/** Most blocking calls waiting for a thread; further calls fail with resource_exhausted. */
		private int maxQueuedCalls = 100_000;

		public int getMaxThreads() {
			return this.maxThreads;
		}

		public void setMaxThreads(int maxThreads) {
			this.maxThreads = maxThreads;
		}

		public int getMaxQueuedCalls() {
			return this.maxQueuedCalls;
		}

		public void setMaxQueuedCalls(int maxQueuedCalls) {
			this.maxQueuedCalls = maxQueuedCalls;
		}

	}

}
