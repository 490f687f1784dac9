package io.connectspring.internal.client;

import io.connectspring.Code;
import io.connectspring.Compression;
import io.connectspring.ConnectException;
import io.connectspring.internal.wire.Compressions;
import io.connectspring.internal.wire.ConnectHeaders;
import io.connectspring.internal.wire.ConnectTimeout;
import io.connectspring.internal.wire.Envelope;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Locale;

import com.google.protobuf.Message;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What the client protocols share: request headers out, enveloped requests, response headers in, bounded bodies.
 */
public final class ClientExchange {

	/**
	 * The {@code User-Agent} of calls whose application sets none: {@code connect-spring/<version>}, or
	 * {@code connect-spring} when the jar carries no version (as in the project's own tests).
	 */
	static final String USER_AGENT = userAgent();

	private ClientExchange() {
	}

	/**
	 * Returns one request message enveloped: serialized, compressed when the compression applies to its size.
	 * @throws ConnectException with {@link Code#RESOURCE_EXHAUSTED} when the message, before or after compression,
	 * is larger than {@code sendMaxBytes}
	 */
	static byte[] envelope(ClientConfig config, Message request, @Nullable Compression compression) {
		byte[] bytes = config.codec().serialize(request);
		if (bytes.length > config.sendMaxBytes()) {
			throw new ConnectException(Code.RESOURCE_EXHAUSTED,
					"message size " + bytes.length + " exceeds sendMaxBytes " + config.sendMaxBytes());
		}
		if (config.compressions().shouldCompress(compression, bytes.length)) {
			byte[] compressed = Compressions.compress(compression, bytes);
			if (compressed.length > config.sendMaxBytes()) {
				throw new ConnectException(Code.RESOURCE_EXHAUSTED, "compressed message size " + compressed.length
						+ " exceeds sendMaxBytes " + config.sendMaxBytes());
			}
			return Envelope.toBytes(Envelope.FLAG_COMPRESSED, compressed);
		}
		return Envelope.toBytes(0, bytes);
	}

	/** Adds {@code Connect-Timeout-Ms} for the time left; fails when none is left. */
	static void addTimeout(HttpHeaders protocol, ClientCallState call) {
		Duration remaining = call.remaining();
		if (remaining == null) {
			return;
		}
		if (remaining.isZero()) {
			throw new ConnectException(Code.DEADLINE_EXCEEDED, "the call's deadline expired before it was sent");
		}
		protocol.set(ConnectHeaders.TIMEOUT, ConnectTimeout.format(remaining));
	}

	/**
	 * Copies the response's headers into the call: for unary calls, {@code trailer-} headers become trailers.
	 */
	static void readHeaders(ClientHttp.Response response, ClientCallState call, boolean unary) {
		HttpHeaders headers = call.mutableResponseHeaders();
		HttpHeaders trailers = call.mutableResponseTrailers();
		response.forEachHeader((name, value) -> {
			if (unary && name.length() > ConnectHeaders.TRAILER_PREFIX.length()
					&& name.toLowerCase(Locale.ROOT).startsWith(ConnectHeaders.TRAILER_PREFIX)) {
				trailers.add(name.substring(ConnectHeaders.TRAILER_PREFIX.length()), value);
			}
			else {
				headers.add(name, value);
			}
		});
	}

	/** Returns the error's metadata filled with the call's response headers and trailers, as connect-go does. */
	static ConnectException withResponseMetadata(ConnectException error, ClientCallState call) {
		HttpHeaders metadata = error.metadata();
		call.mutableResponseHeaders().forEach((name, values) -> values.forEach((value) -> metadata.add(name, value)));
		call.mutableResponseTrailers().forEach((name, values) -> values.forEach((value) -> metadata.add(name, value)));
		return error;
	}

	/**
	 * Reads a whole body, failing with {@link Code#RESOURCE_EXHAUSTED} as soon as it passes {@code maxBytes}
	 * (which cancels the rest).
	 */
	static Mono<byte[]> readBounded(Flux<byte[]> body, @Nullable String contentLength, long maxBytes) {
		if (contentLength != null) {
			try {
				long declared = Long.parseLong(contentLength.trim());
				if (declared > maxBytes) {
					return Mono.error(tooLarge(declared, maxBytes));
				}
			}
			catch (NumberFormatException ex) {
				// Reactor Netty rejects malformed lengths itself; count the bytes instead.
			}
		}
		return Mono.defer(() -> {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			return body.handle((chunk, sink) -> {
				if ((long) out.size() + chunk.length > maxBytes) {
					sink.error(tooLarge((long) out.size() + chunk.length, maxBytes));
				}
				else {
					out.writeBytes(chunk);
				}
			}).then(Mono.fromSupplier(out::toByteArray));
		});
	}

	static ConnectException tooLarge(long size, long maxBytes) {
		return new ConnectException(Code.RESOURCE_EXHAUSTED,
				"message size " + size + " is larger than configured max " + maxBytes);
	}

	private static String userAgent() {
		String version = ClientExchange.class.getPackage().getImplementationVersion();
		return (version != null) ? "connect-spring/" + version : "connect-spring";
	}

}
