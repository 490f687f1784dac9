package io.connectspring.client;

import io.connectspring.Code;
import io.connectspring.Compression;
import io.connectspring.ConnectException;
import io.connectspring.ConnectInterceptor;
import io.connectspring.MethodDescriptor;
import io.connectspring.StreamType;
import io.connectspring.internal.client.ClientCallState;
import io.connectspring.internal.client.ClientConfig;
import io.connectspring.internal.client.ClientErrors;
import io.connectspring.internal.client.ClientHttp;
import io.connectspring.internal.client.ClientJsonCodec;
import io.connectspring.internal.client.ClientProtocol;
import io.connectspring.internal.client.ConnectStreamingClientProtocol;
import io.connectspring.internal.client.ConnectUnaryClientProtocol;
import io.connectspring.internal.client.ConnectorClientHttp;
import io.connectspring.internal.client.GrpcClientProtocol;
import io.connectspring.internal.client.NettyClientHttp;
import io.connectspring.internal.protocol.InheritedDeadline;
import io.connectspring.internal.protocol.InterceptorChain;
import io.connectspring.internal.wire.BuiltInCompressions;
import io.connectspring.internal.wire.Codec;
import io.connectspring.internal.wire.Compressions;
import io.connectspring.internal.wire.ProtoCodec;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

import com.google.protobuf.Message;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.reactive.ClientHttpConnector;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Signal;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * A {@link ConnectTransport} over Reactor Netty's {@link HttpClient}, speaking one {@link WireProtocol}: Connect by
 * default (unary calls as POST, or GET for {@code NO_SIDE_EFFECTS} procedures when enabled; streams of every type
 * enveloped), gRPC or gRPC-Web; over HTTP/1.1, HTTP/2 with prior knowledge (h2c) or HTTP/2 over TLS, as far as the
 * protocol allows (gRPC needs HTTP/2). {@link Builder#clientHttpConnector} puts a Spring {@code ClientHttpConnector}
 * in place of Reactor Netty, such as the in-memory one of tests without a port.
 * <pre>{@code
 * HttpConnectTransport transport = HttpConnectTransport.builder("http://localhost:8080")
 *     .httpVersion(HttpVersion.H2C)
 *     .timeout(Duration.ofSeconds(5))
 *     .build();
 * GreetServiceClient client = new GreetServiceClient(transport);
 *
 * HttpConnectTransport grpc = HttpConnectTransport.builder("http://localhost:8080")
 *     .protocol(WireProtocol.GRPC) // h2c for http URLs, h2 for https ones
 *     .build();
 * }</pre>
 * <p>
 * Every call runs through the {@link ConnectInterceptor interceptors} (the first outermost, the network innermost),
 * with the transport's headers plus the call's {@link CallOptions#headers() own}. Every failure reaches the caller as
 * a {@link ConnectException}: the server's error as it sent it (a gRPC status with its
 * {@code grpc-status-details-bin} details); an HTTP error the protocol does not define mapped from its status; a
 * refused connection or other network failure as {@link Code#UNAVAILABLE}; a passed timeout or inherited deadline
 * as {@link Code#DEADLINE_EXCEEDED}, with the request cancelled on the wire; a response the client cannot read (wrong
 * content type, broken framing, bad message) as {@link Code#INTERNAL} or {@link Code#UNKNOWN}, as connect-go does;
 * a message over the size limit, before or after decompression, as {@link Code#RESOURCE_EXHAUSTED}.
 * <p>
 * A call made while a service serves a call with a deadline inherits that deadline, as in gRPC: it ends at whichever
 * comes first, the deadline or its own timeout, and the server it calls is sent the shorter. A call finds the
 * deadline in the Reactor context it is subscribed with (a reactive service method's pipeline), else on the
 * subscribing thread (a blocking service method's, as blocking clients subscribe on the calling thread). A call
 * opts out with {@link CallOptions#withoutInheritedDeadline()}, a transport with
 * {@link Builder#inheritDeadline(boolean)}.
 * <p>
 * Safe for concurrent use; build one per server and share it. {@link #close()} releases the connections it created.
 *
 * @see <a href="https://connectrpc.com/docs/protocol">The Connect protocol</a>
 * @see <a href="https://github.com/grpc/grpc/blob/master/doc/PROTOCOL-HTTP2.md">gRPC over HTTP/2</a>
 * @see <a href="https://github.com/grpc/grpc/blob/master/doc/PROTOCOL-WEB.md">gRPC-Web</a>
 */
public final class HttpConnectTransport implements ConnectTransport, AutoCloseable {

	private final ClientProtocol unary;

	private final ClientProtocol streaming;

	private final InterceptorChain interceptors;

	private final HttpHeaders headers;

	private final @Nullable Duration timeout;

	private final boolean inheritDeadline;

	private final @Nullable ConnectionProvider ownConnections;

	private HttpConnectTransport(ClientProtocol unary, ClientProtocol streaming, InterceptorChain interceptors,
			HttpHeaders headers, @Nullable Duration timeout, boolean inheritDeadline,
			@Nullable ConnectionProvider ownConnections) {
		this.unary = unary;
		this.streaming = streaming;
		this.interceptors = interceptors;
		this.headers = headers;
		this.timeout = timeout;
		this.inheritDeadline = inheritDeadline;
		this.ownConnections = ownConnections;
	}

	/**
	 * Starts building a transport to the server at the given URL, such as {@code http://localhost:8080} or
	 * {@code https://api.example.com/rpc}; procedure paths are appended to it.
	 */
	public static Builder builder(String baseUrl) {
		return new Builder(baseUrl);
	}

	@Override
	public <Req extends Message, Res extends Message> Mono<Res> unary(MethodDescriptor<Req, Res> method, Req request,
			CallOptions options) {
		return typed(execute(method, Flux.just(request), options), method).single();
	}

	@Override
	public <Req extends Message, Res extends Message> Mono<Res> clientStream(MethodDescriptor<Req, Res> method,
			Publisher<Req> requests, CallOptions options) {
		return typed(execute(method, Flux.from(requests), options), method).single();
	}

	@Override
	public <Req extends Message, Res extends Message> Flux<Res> serverStream(MethodDescriptor<Req, Res> method,
			Req request, CallOptions options) {
		return typed(execute(method, Flux.just(request), options), method);
	}

	@Override
	public <Req extends Message, Res extends Message> Flux<Res> bidiStream(MethodDescriptor<Req, Res> method,
			Publisher<Req> requests, CallOptions options) {
		return typed(execute(method, Flux.from(requests), options), method);
	}

	/** Releases the connections of the transport's own pool; a client given to the builder is left alone. */
	@Override
	public void close() {
		if (this.ownConnections != null) {
			this.ownConnections.dispose();
		}
	}

	private Flux<Message> execute(MethodDescriptor<?, ?> method, Flux<? extends Message> requests,
			CallOptions options) {
		return Flux.deferContextual((context) -> {
			Instant now = Instant.now();
			CallTimeout timeout = CallTimeout.of((options.timeout() != null) ? options.timeout() : this.timeout,
					(this.inheritDeadline && options.inheritsDeadline()) ? InheritedDeadline.find(context) : null, now);
			HttpHeaders callHeaders = new HttpHeaders();
			callHeaders.addAll(this.headers);
			callHeaders.addAll(options.headers());
			ClientProtocol protocol = (method.streamType() == StreamType.UNARY) ? this.unary : this.streaming;
			Instant deadline = (timeout != null) ? now.plus(timeout.duration()) : null;
			ClientCallState call = new ClientCallState(method, callHeaders, deadline, protocol.name());
			// Interceptors see a call whose deadline has passed, and its failure; the network never does. They see
			// failures as the ConnectException the caller gets, so that the observation records the caller's code.
			Flux<Message> responses = this.interceptors.invoke(call, Flux.from(requests).cast(Message.class),
					(intercepted) -> (timeout != null && timeout.expired()) ? Flux.error(timeout.exceeded())
							: toConnectErrors(protocol.call(call, Cardinality.requests(method, intercepted))));
			Flux<Message> result = Cardinality.responses(method,
					toConnectErrors(withDeadline(responses, timeout, deadline)));
			ResponseMetadata holder = options.responseMetadata();
			return (holder != null) ? result.doOnEach((signal) -> fill(holder, call, signal)) : result;
		});
	}

	/** Turns any failure that is not yet a {@link ConnectException} into the one the caller gets. */
	private static Flux<Message> toConnectErrors(Flux<Message> responses) {
		return responses.onErrorMap((failure) -> !(failure instanceof ConnectException),
				ClientErrors::toConnectException);
	}

	private static void fill(ResponseMetadata holder, ClientCallState call, Signal<Message> signal) {
		if (signal.isOnNext() || signal.isOnComplete() || signal.isOnError()) {
			if (holder.headers().isEmpty()) {
				holder.headers(call.responseHeaders());
			}
			if (!signal.isOnNext()) {
				holder.trailers(call.responseTrailers());
			}
		}
	}

	/**
	 * Ends the call with {@link Code#DEADLINE_EXCEEDED} when its timer fires. A server that enforces the same deadline
	 * may end the stream first (grpc-go resets it, with no status): a failure of the connection or stream once the
	 * deadline has passed is the deadline too, whichever of the two the client noticed first.
	 */
	static Flux<Message> withDeadline(Flux<Message> responses, @Nullable CallTimeout timeout,
			@Nullable Instant deadline) {
		if (timeout == null || deadline == null || timeout.expired()) {
			return responses;
		}
		AtomicBoolean expired = new AtomicBoolean();
		// takeUntilOther cancels the call (and so its HTTP request or stream) when the timer fires.
		return responses.takeUntilOther(Mono.delay(timeout.duration()).doOnNext((tick) -> expired.set(true)))
			.onErrorMap((failure) -> !Instant.now().isBefore(deadline) && isTransportFailure(failure),
					(failure) -> timeout.exceeded())
			.concatWith(Mono.defer(() -> expired.get() ? Mono.error(timeout.exceeded()) : Mono.empty()));
	}

	/** Returns whether a failure is the connection's or the stream's, not a status the server sent. */
	private static boolean isTransportFailure(Throwable failure) {
		ConnectException error = ClientErrors.toConnectException(failure);
		return error.getCause() != null
				&& (error.code() == Code.UNAVAILABLE || error.code() == Code.CANCELED || error.code() == Code.UNKNOWN);
	}

	@SuppressWarnings("unchecked")
	private static <Res extends Message> Flux<Res> typed(Flux<Message> responses, MethodDescriptor<?, Res> method) {
		return (Flux<Res>) (Flux<?>) responses;
	}

	/**
	 * Builds an {@link HttpConnectTransport}. Not thread-safe; each {@link #build()} makes an independent transport.
	 */
	public static final class Builder {

		private static final long DEFAULT_MAX_BYTES = 4L * 1024 * 1024;

		private static final int DEFAULT_COMPRESS_MIN_BYTES = 1024;

		private final String baseUrl;

		private WireProtocol protocol = WireProtocol.CONNECT;

		private @Nullable HttpVersion httpVersion;

		private String codec = "proto";

		private @Nullable String sendCompression;

		private List<Compression> compressions = BuiltInCompressions.onClassPath().available();

		private int compressMinBytes = DEFAULT_COMPRESS_MIN_BYTES;

		private @Nullable Duration timeout;

		private boolean inheritDeadline = true;

		private long readMaxBytes = DEFAULT_MAX_BYTES;

		private long sendMaxBytes = DEFAULT_MAX_BYTES;

		private List<ConnectInterceptor> interceptors = List.of();

		private final HttpHeaders headers = new HttpHeaders();

		private boolean getRequests;

		private int getUrlMaxBytes = 4096;

		private @Nullable HttpClient httpClient;

		private @Nullable SslBundle ssl;

		private @Nullable ClientHttpConnector connector;

		private Builder(String baseUrl) {
			this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
		}

		/**
		 * Sets the wire protocol; {@link WireProtocol#CONNECT} by default. {@link WireProtocol#GRPC} needs HTTP/2.
		 */
		public Builder protocol(WireProtocol protocol) {
			this.protocol = Objects.requireNonNull(protocol, "protocol");
			return this;
		}

		/**
		 * Sets the HTTP version. By default {@link HttpVersion#HTTP_1_1}, except for {@link WireProtocol#GRPC}, which
		 * defaults to {@link HttpVersion#H2C} for an {@code http} base URL and {@link HttpVersion#H2} for an
		 * {@code https} one. {@link HttpVersion#H2C} needs an {@code http} base URL, {@link HttpVersion#H2} an
		 * {@code https} one.
		 */
		public Builder httpVersion(HttpVersion httpVersion) {
			this.httpVersion = Objects.requireNonNull(httpVersion, "httpVersion");
			return this;
		}

		/** Sets the codec of messages: {@code "proto"} (the default) or {@code "json"}. */
		public Builder codec(String codec) {
			this.codec = Objects.requireNonNull(codec, "codec");
			return this;
		}

		/**
		 * Sets the compression of request messages, such as {@code "gzip"}; it must be one of the
		 * {@link #compressions(List) available ones}. None by default. Messages under the
		 * {@link #compressMinBytes(int) minimum size} are sent uncompressed.
		 */
		public Builder sendCompression(@Nullable String name) {
			this.sendCompression = name;
			return this;
		}

		/**
		 * Sets the size from which request messages are compressed with the {@link #sendCompression(String) send
		 * compression}; smaller ones are sent as they are, since compressing them costs more than it saves. 1 KiB by
		 * default; {@code 0} compresses every message.
		 */
		public Builder compressMinBytes(int bytes) {
			if (bytes < 0) {
				throw new IllegalArgumentException("compressMinBytes must not be negative, got " + bytes);
			}
			this.compressMinBytes = bytes;
			return this;
		}

		/**
		 * Sets the compressions available for requests and accepted in responses, besides {@code identity}, most
		 * preferred first. By default the built-in ones whose library is present: {@code gzip}, then {@code br} with
		 * Brotli4j and {@code zstd} with zstd-jni.
		 */
		public Builder compressions(List<? extends Compression> compressions) {
			this.compressions = List.copyOf(compressions);
			return this;
		}

		/** Sets the timeout of calls whose options set none; none by default. */
		public Builder timeout(@Nullable Duration timeout) {
			if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
				throw new IllegalArgumentException("A timeout must be positive, got " + timeout);
			}
			this.timeout = timeout;
			return this;
		}

		/**
		 * Sets whether calls inherit the deadline of the server call they are made in, as in gRPC; on by default. Off,
		 * every call takes its own timeout only, as if made {@link CallOptions#withoutInheritedDeadline()}.
		 */
		public Builder inheritDeadline(boolean inheritDeadline) {
			this.inheritDeadline = inheritDeadline;
			return this;
		}

		/** Sets the largest response message accepted, before and after decompression; 4 MiB by default. */
		public Builder readMaxBytes(long bytes) {
			this.readMaxBytes = positive(bytes, "readMaxBytes");
			return this;
		}

		/** Sets the largest request message sent, before and after compression; 4 MiB by default. */
		public Builder sendMaxBytes(long bytes) {
			this.sendMaxBytes = positive(bytes, "sendMaxBytes");
			return this;
		}

		/** Sets the interceptors of every call, the first outermost; none by default. */
		public Builder interceptors(List<? extends ConnectInterceptor> interceptors) {
			this.interceptors = List.copyOf(interceptors);
			return this;
		}

		/**
		 * Adds a header to every call. Names the protocol owns ({@code Content-Type}, {@code Connect-*} and the like)
		 * are ignored.
		 */
		public Builder header(String name, String value) {
			this.headers.add(name, value);
			return this;
		}

		/**
		 * Sets whether unary {@code NO_SIDE_EFFECTS} procedures are called with HTTP GET; off by default. Only the
		 * Connect protocol has GET requests; gRPC and gRPC-Web ignore this, as connect-go does.
		 */
		public Builder getRequests(boolean getRequests) {
			this.getRequests = getRequests;
			return this;
		}

		/** Sets the longest URL of a GET request; a longer request is sent with POST. 4096 bytes by default. */
		public Builder getUrlMaxBytes(int bytes) {
			this.getUrlMaxBytes = (int) positive(bytes, "getUrlMaxBytes");
			return this;
		}

		/**
		 * Sets the Reactor Netty client to use, for TLS trust, proxies, metrics or connection pooling of your own;
		 * the transport sets its protocol (and, for {@code https} without TLS configured, the default TLS). The
		 * transport does not close its resources. By default the transport creates a client with its own pool.
		 */
		public Builder httpClient(HttpClient httpClient) {
			this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
			return this;
		}

		/**
		 * Sets the TLS material of an {@code https} base URL, such as a bundle from Spring Boot's {@code SslBundles}
		 * or one built with {@code SslBundle.of(new PemSslStoreBundle(...))}: its trust material verifies the
		 * server's certificate in place of the JVM's default trust store, its key material (if any) is the client
		 * certificate presented to servers that ask for one, and its ciphers and protocols apply when set. It
		 * replaces any TLS set-up of a client given to {@link #httpClient(HttpClient)}. None by default: {@code https}
		 * then uses the JVM's default trust store and no client certificate.
		 */
		public Builder ssl(@Nullable SslBundle bundle) {
			this.ssl = bundle;
			return this;
		}

		/**
		 * Sets a Spring {@link ClientHttpConnector} to make the HTTP exchanges in place of the transport's own Reactor
		 * Netty client. Its main use is spring-test's {@code HttpHandlerConnector}, which hands each request to an
		 * application's {@code HttpHandler} in memory, with no socket (as {@code @ConnectTest} does). The connector
		 * decides the HTTP version and TLS, so {@link #httpVersion}, {@link #httpClient} and {@link #ssl} must be left
		 * unset, and it is not closed with the transport. Spring's client API has no HTTP trailers: the
		 * {@link WireProtocol#CONNECT} and {@link WireProtocol#GRPC_WEB} protocols work over a connector,
		 * {@link WireProtocol#GRPC} does not. None by default.
		 */
		public Builder clientHttpConnector(@Nullable ClientHttpConnector connector) {
			this.connector = connector;
			return this;
		}

		/**
		 * Builds the transport.
		 * @throws IllegalArgumentException for a malformed base URL, an unknown codec or send compression, an HTTP
		 * version that does not fit the URL's scheme, gRPC over HTTP/1.1, an SSL bundle with an {@code http} URL, or
		 * a {@link #clientHttpConnector connector} with gRPC or with settings of the transport's own client
		 */
		public HttpConnectTransport build() {
			URI uri;
			try {
				uri = URI.create(this.baseUrl);
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("Invalid base URL \"" + this.baseUrl + "\": " + ex.getMessage(), ex);
			}
			String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
			if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
				throw new IllegalArgumentException(
						"Invalid base URL \"" + this.baseUrl + "\": expected http://host[:port][/path] or https://…");
			}
			boolean tls = scheme.equals("https");
			if (this.connector != null) {
				checkConnector();
			}
			HttpVersion httpVersion = (this.connector != null) ? null : httpVersion(tls);
			if (httpVersion == HttpVersion.H2C && tls) {
				throw new IllegalArgumentException("HTTP version H2C is cleartext HTTP/2, but the base URL \""
						+ this.baseUrl + "\" is https: use H2");
			}
			if (httpVersion == HttpVersion.H2 && !tls) {
				throw new IllegalArgumentException("HTTP version H2 is HTTP/2 over TLS, but the base URL \""
						+ this.baseUrl + "\" is http: use H2C");
			}
			if (this.ssl != null && !tls) {
				throw new IllegalArgumentException("An SSL bundle is set, but the base URL \"" + this.baseUrl
						+ "\" is http: use https, or leave the bundle out");
			}
			Codec codec = switch (this.codec) {
				case "proto" -> ProtoCodec.INSTANCE;
				case "json" -> new ClientJsonCodec();
				default -> throw new IllegalArgumentException(
						"Unknown codec \"" + this.codec + "\": use \"proto\" or \"json\"");
			};
			Compressions compressions = new Compressions(new ArrayList<>(this.compressions), this.compressMinBytes);
			Compression send = null;
			if (this.sendCompression != null && !this.sendCompression.isEmpty()
					&& !Compressions.IDENTITY.equals(this.sendCompression)) {
				send = compressions.get(this.sendCompression);
				if (send == null) {
					throw new IllegalArgumentException("Unknown send compression \"" + this.sendCompression
							+ "\": available are " + compressions.acceptHeader());
				}
			}
			ConnectionProvider own = null;
			ClientHttp http;
			if (this.connector != null) {
				http = new ConnectorClientHttp(this.connector);
			}
			else {
				HttpClient client = this.httpClient;
				if (client == null) {
					own = ConnectionProvider.create("connect-" + uri.getHost());
					client = HttpClient.create(own);
				}
				http = new NettyClientHttp(nettyClient(client, Objects.requireNonNull(httpVersion), tls));
			}
			String base = this.baseUrl;
			while (base.endsWith("/")) {
				base = base.substring(0, base.length() - 1);
			}
			ClientConfig config = new ClientConfig(http, base, codec, compressions, send, this.readMaxBytes,
					this.sendMaxBytes, this.getRequests, this.getUrlMaxBytes);
			HttpHeaders headers = new HttpHeaders();
			headers.addAll(this.headers);
			ClientProtocol unary = switch (this.protocol) {
				case CONNECT -> new ConnectUnaryClientProtocol(config);
				case GRPC -> new GrpcClientProtocol(config, false);
				case GRPC_WEB -> new GrpcClientProtocol(config, true);
			};
			// gRPC and gRPC-Web make every call a stream; Connect has a form of its own for unary calls.
			ClientProtocol streaming = switch (this.protocol) {
				case CONNECT -> new ConnectStreamingClientProtocol(config);
				case GRPC, GRPC_WEB -> unary;
			};
			return new HttpConnectTransport(unary, streaming, InterceptorChain.of(this.interceptors),
					HttpHeaders.readOnlyHttpHeaders(headers), this.timeout, this.inheritDeadline, own);
		}

		private void checkConnector() {
			if (this.protocol == WireProtocol.GRPC) {
				throw new IllegalArgumentException("The gRPC protocol needs HTTP/2 trailers, which a"
						+ " ClientHttpConnector does not expose: use the CONNECT or GRPC_WEB protocol, or leave"
						+ " the connector out");
			}
			if (this.httpVersion != null || this.httpClient != null || this.ssl != null) {
				throw new IllegalArgumentException("A ClientHttpConnector decides the HTTP version and TLS itself:"
						+ " leave httpVersion, httpClient and ssl unset, or leave the connector out");
			}
		}

		private HttpClient nettyClient(HttpClient client, HttpVersion httpVersion, boolean tls) {
			HttpClient result = switch (httpVersion) {
				case HTTP_1_1 -> client.protocol(HttpProtocol.HTTP11);
				case H2C -> client.protocol(HttpProtocol.H2C);
				case H2 -> client.protocol(HttpProtocol.H2);
			};
			if (this.ssl != null) {
				SslBundle bundle = this.ssl;
				return result.secure((spec) -> spec.sslContext(ClientSsl.contextSpec(bundle, httpVersion)));
			}
			if (tls && result.configuration().sslProvider() == null) {
				return result.secure();
			}
			return result;
		}

		private HttpVersion httpVersion(boolean tls) {
			if (this.httpVersion == null) {
				if (this.protocol != WireProtocol.GRPC) {
					return HttpVersion.HTTP_1_1;
				}
				return tls ? HttpVersion.H2 : HttpVersion.H2C;
			}
			if (this.protocol == WireProtocol.GRPC && this.httpVersion == HttpVersion.HTTP_1_1) {
				throw new IllegalArgumentException("The gRPC protocol needs HTTP/2, but the HTTP version is HTTP_1_1:"
						+ " use H2C (for http URLs) or H2 (for https URLs), or the GRPC_WEB protocol over HTTP/1.1");
			}
			return this.httpVersion;
		}

		private static long positive(long value, String name) {
			if (value <= 0) {
				throw new IllegalArgumentException(name + " must be positive, got " + value);
			}
			return value;
		}

	}

}
