package io.connectspring.server.grpcjava;

import io.connectspring.Code;
import io.connectspring.ConnectException;

import java.util.Locale;
import java.util.Set;

import io.grpc.Metadata;
import org.springframework.http.HttpHeaders;

/**
 * Carries metadata between the HTTP headers the runtime holds and grpc-java's {@link Metadata}: ASCII values as they
 * are; binary values (names ending in {@code -bin}) base64-decoded on the way in, where a header may hold several
 * values separated by commas, and encoded unpadded on the way out, as the gRPC and Connect specifications ask.
 */
final class GrpcMetadata {

	/**
	 * Request headers that are not metadata: the hop-by-hop ones, which HTTP/2 forbids, and {@code host}, which
	 * grpc-java gives a service as the call's authority.
	 */
	private static final Set<String> NOT_METADATA = Set.of("host", "connection", "keep-alive", "proxy-connection",
			"transfer-encoding", "upgrade");

	private GrpcMetadata() {
	}

	/**
	 * Returns request headers as grpc-java metadata. Headers whose names grpc-java cannot hold (it allows
	 * {@code a-z}, {@code 0-9}, {@code -}, {@code _} and {@code .}) are left out.
	 * @throws ConnectException with {@link Code#INVALID_ARGUMENT} when a binary header is not base64
	 */
	static Metadata fromHeaders(HttpHeaders headers) {
		Metadata metadata = new Metadata();
		headers.forEach((name, values) -> {
			String key = name.toLowerCase(Locale.ROOT);
			if (NOT_METADATA.contains(key) || !isValidKey(key)) {
				return;
			}
			if (key.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
				Metadata.Key<byte[]> binary = Metadata.Key.of(key, Metadata.BINARY_BYTE_MARSHALLER);
				for (String value : values) {
					for (String part : value.split(",", -1)) {
						metadata.put(binary, decode(key, part));
					}
				}
			}
			else {
				Metadata.Key<String> ascii = Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER);
				values.forEach((value) -> metadata.put(ascii, value));
			}
		});
		return metadata;
	}

	/** Adds grpc-java metadata to headers (or trailers), leaving out the names in {@code skipped}. */
	static void addTo(HttpHeaders target, Metadata metadata, Set<String> skipped) {
		for (String name : metadata.keys()) {
			if (skipped.contains(name)) {
				continue;
			}
			if (name.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
				Iterable<byte[]> values = metadata.getAll(Metadata.Key.of(name, Metadata.BINARY_BYTE_MARSHALLER));
				if (values != null) {
					values.forEach((value) -> io.connectspring.Metadata.addBinary(target, name, value));
				}
			}
			else {
				Iterable<String> values = metadata.getAll(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER));
				if (values != null) {
					values.forEach((value) -> target.add(name, value));
				}
			}
		}
	}

	private static boolean isValidKey(String key) {
		if (key.isEmpty()) {
			return false;
		}
		for (int i = 0; i < key.length(); i++) {
			char c = key.charAt(i);
			if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.')) {
				return false;
			}
		}
		return true;
	}

	private static byte[] decode(String name, String value) {
		try {
			return io.connectspring.Metadata.decodeBase64(value);
		}
		catch (IllegalArgumentException ex) {
			throw new ConnectException(Code.INVALID_ARGUMENT, "binary metadata " + name + " is not base64");
		}
	}

}
