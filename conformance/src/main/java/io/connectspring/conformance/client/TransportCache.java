package io.connectspring.conformance.client;

import io.connectspring.client.HttpConnectTransport;
import io.connectspring.client.HttpVersion;
import io.connectspring.client.WireProtocol;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.google.protobuf.ByteString;
import connectrpc.conformance.v1.ClientCompat.ClientCompatRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;

/**
 * One {@link HttpConnectTransport} per distinct client configuration of the runner's requests, so that thousands of
 * calls share a few connection pools. Safe for concurrent use.
 */
final class TransportCache implements AutoCloseable {

	private final Map<Key, HttpConnectTransport> transports = new ConcurrentHashMap<>();

	/**
	 * Returns the transport for the request's settings, building it on first use.
	 * @throws IllegalArgumentException for settings the transport cannot have
	 */
	HttpConnectTransport get(ClientCompatRequest request) {
		return this.transports.computeIfAbsent(Key.of(request), this::build);
	}

	private HttpConnectTransport build(Key key) {
		boolean tls = !key.serverCert().isEmpty();
		HttpConnectTransport.Builder builder = HttpConnectTransport
			.builder((tls ? "https://" : "http://") + hostPort(key.host(), key.port()))
			.protocol(key.protocol())
			.httpVersion(key.http2() ? (tls ? HttpVersion.H2 : HttpVersion.H2C) : HttpVersion.HTTP_1_1)
			.codec(key.codec())
			.sendCompression(key.compression())
			// The suite checks that every request is compressed as asked, however small, as connect-go does.
			.compressMinBytes(0)
			.getRequests(key.useGet());
		if (key.receiveLimit() > 0) {
			builder.readMaxBytes(key.receiveLimit());
		}
		if (tls) {
			builder.ssl(sslBundle(key));
		}
		return builder.build();
	}

	private static String hostPort(String host, int port) {
		return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
	}

	/** The server's certificate as the one trusted authority; the client certificate and key when the runner sent them. */
	private static SslBundle sslBundle(Key key) {
		PemSslStoreDetails trust = PemSslStoreDetails.forCertificate(key.serverCert().toString(StandardCharsets.UTF_8));
		PemSslStoreDetails keys = null;
		if (!key.clientCert().isEmpty()) {
			keys = PemSslStoreDetails.forCertificate(key.clientCert().toString(StandardCharsets.UTF_8))
				.withPrivateKey(key.clientKey().toString(StandardCharsets.UTF_8));
		}
		return SslBundle.of(new PemSslStoreBundle(keys, trust));
	}

	@Override
	public void close() {
		this.transports.values().forEach(HttpConnectTransport::close);
		this.transports.clear();
	}

	/** What tells one transport from another; everything else in a request is per call. */
	private record Key(String host, int port, WireProtocol protocol, boolean http2, String codec,
			@Nullable String compression, int receiveLimit, boolean useGet, ByteString serverCert,
			ByteString clientCert, ByteString clientKey) {

		static Key of(ClientCompatRequest request) {
			WireProtocol protocol = switch (request.getProtocol()) {
				case PROTOCOL_CONNECT -> WireProtocol.CONNECT;
				case PROTOCOL_GRPC -> WireProtocol.GRPC;
				case PROTOCOL_GRPC_WEB -> WireProtocol.GRPC_WEB;
				default -> throw new IllegalArgumentException("unsupported protocol " + request.getProtocol());
			};
			boolean http2 = switch (request.getHttpVersion()) {
				case HTTP_VERSION_1 -> false;
				case HTTP_VERSION_2 -> true;
				default -> throw new IllegalArgumentException("unsupported HTTP version " + request.getHttpVersion());
			};
			String codec = switch (request.getCodec()) {
				case CODEC_PROTO -> "proto";
				case CODEC_JSON -> "json";
				default -> throw new IllegalArgumentException("unsupported codec " + request.getCodec());
			};
			String compression = switch (request.getCompression()) {
				case COMPRESSION_UNSPECIFIED, COMPRESSION_IDENTITY -> null;
				case COMPRESSION_GZIP -> "gzip";
				case COMPRESSION_BR -> "br";
				case COMPRESSION_ZSTD -> "zstd";
				default -> throw new IllegalArgumentException("unsupported compression " + request.getCompression());
			};
			return new Key(request.getHost(), request.getPort(), protocol, http2, codec, compression,
					request.getMessageReceiveLimit(), request.getUseGetHttpMethod(), request.getServerTlsCert(),
					request.getClientTlsCreds().getCert(), request.getClientTlsCreds().getKey());
		}

	}

}
