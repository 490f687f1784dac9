package io.connectspring.internal.protocol;

import io.connectspring.Code;
import io.connectspring.ConnectException;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClientResponse;

/** What the Connect client protocols share: request headers out, response headers in, bounded bodies. */
final class ClientExchange {

	/** The largest value {@code Connect-Timeout-Ms} may carry: 10 digits. */
	private static final long MAX_TIMEOUT_MS = 9_999_999_999L;

	private ClientExchange() {
	}

	/** Writes the application's headers, then the protocol's (which win), onto an outgoing request. */
	static void writeHeaders(io.netty.handler.codec.http.HttpHeaders target, HttpHeaders application,
			HttpHeaders protocol) {
		for (Map.Entry<String, List<String>> entry : application.headerSet()) {
			if (!ConnectHeaders.isReserved(entry.getKey())) {
				target.set(entry.getKey(), entry.getValue());
			}
		}
		for (Map.Entry<String, List<String>> entry : protocol.headerSet()) {
			target.set(entry.getKey(), entry.getValue());
		}
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
		long millis = Math.min(MAX_TIMEOUT_MS, Math.max(1, remaining.toMillis()));
		protocol.set(ConnectHeaders.TIMEOUT, Long.toString(millis));
	}

	/**
	 * Copies the response's headers into the call: for unary calls, {@code trailer-} headers become trailers.
	 */
	static void readHeaders(HttpClientResponse response, ClientCallState call, boolean unary) {
		HttpHeaders headers = call.mutableResponseHeaders();
		HttpHeaders trailers = call.mutableResponseTrailers();
		for (Map.Entry<String, String> entry : response.responseHeaders()) {
			String name = entry.getKey();
			if (unary && name.length() > ConnectHeaders.TRAILER_PREFIX.length()
					&& name.toLowerCase(Locale.ROOT).startsWith(ConnectHeaders.TRAILER_PREFIX)) {
				trailers.add(name.substring(ConnectHeaders.TRAILER_PREFIX.length()), entry.getValue());
			}
			else {
				headers.add(name, entry.getValue());
			}
		}
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

	/** Returns the media type of a content type without parameters, lower case; empty for none. */
	static String mediaType(@Nullable String contentType) {
		if (contentType == null) {
			return "";
		}
		int semicolon = contentType.indexOf(';');
		return ((semicolon >= 0) ? contentType.substring(0, semicolon) : contentType).trim()
			.toLowerCase(Locale.ROOT);
	}

}
