package io.connectspring.demo.e2e.badclient;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * What the server answered to one request, over either transport: status, headers and trailers (lower-case names),
 * body, and the HTTP/2 {@code RST_STREAM} code when the server reset the stream. Reads the error each protocol carries:
 * Connect's error JSON (unary) or end-of-stream message (streams), gRPC's {@code grpc-status} in headers or trailers,
 * gRPC-Web's trailers frame at the end of the body.
 */
record Answer(int status, Map<String, String> headers, byte[] body, Map<String, String> trailers,
		@Nullable Long resetCode) {

	private static final Pattern CODE = Pattern.compile("\"code\"\\s*:\\s*\"([a-z_]+)\"");

	/** gRPC status codes by number, named as the Connect spec names them. */
	private static final List<String> GRPC_CODES = List.of("ok", "canceled", "unknown", "invalid_argument",
			"deadline_exceeded", "not_found", "already_exists", "permission_denied", "resource_exhausted",
			"failed_precondition", "aborted", "out_of_range", "unimplemented", "internal", "unavailable", "data_loss",
			"unauthenticated");

	static Answer of(Http1Socket.Response response) {
		return new Answer(response.status(), response.headers(), response.body(), response.trailers(), null);
	}

	static Answer of(H2cFrames.Response response) {
		Map<String, String> headers = new LinkedHashMap<>();
		if (response.headers() != null) {
			response.headers().forEach((entry) -> headers.put(entry.getKey().toString(), entry.getValue().toString()));
		}
		Map<String, String> trailers = new LinkedHashMap<>();
		if (response.trailers() != null) {
			response.trailers().forEach((entry) -> trailers.put(entry.getKey().toString(), entry.getValue().toString()));
		}
		return new Answer(response.status(), headers, response.body(), trailers, response.resetCode());
	}

	/** Returns a header, looked up in the headers and then in the trailers. */
	@Nullable String header(String name) {
		String value = this.headers.get(name);
		return (value != null) ? value : this.trailers.get(name);
	}

	String bodyText() {
		return new String(this.body, StandardCharsets.UTF_8);
	}

	/** Returns the code of a Connect unary error: the error JSON that is the whole body. */
	@Nullable String connectUnaryCode() {
		return jsonCode(bodyText());
	}

	/** Returns the code of the error in a Connect stream's end-of-stream message (flags 0x02), if it has one. */
	@Nullable String connectEndStreamCode() {
		for (Envelope envelope : envelopes()) {
			if ((envelope.flags() & 0x02) != 0) {
				return jsonCode(new String(envelope.payload(), StandardCharsets.UTF_8));
			}
		}
		return null;
	}

	/**
	 * Returns the gRPC status as a Connect code name: from {@code grpc-status} in the headers or trailers, or, for
	 * gRPC-Web, from the trailers frame (flags 0x80) in the body.
	 */
	@Nullable String grpcCode() {
		String status = header("grpc-status");
		if (status == null) {
			status = grpcWebTrailers().get("grpc-status");
		}
		return (status != null) ? GRPC_CODES.get(Integer.parseInt(status.trim())) : null;
	}

	/** Returns {@code grpc-message}, from the headers, trailers or gRPC-Web trailers frame. */
	@Nullable String grpcMessage() {
		String message = header("grpc-message");
		return (message != null) ? message : grpcWebTrailers().get("grpc-message");
	}

	private Map<String, String> grpcWebTrailers() {
		Map<String, String> fields = new LinkedHashMap<>();
		for (Envelope envelope : envelopes()) {
			if ((envelope.flags() & 0x80) != 0) {
				for (String line : new String(envelope.payload(), StandardCharsets.ISO_8859_1).split("\r\n")) {
					int colon = line.indexOf(':');
					if (colon > 0) {
						fields.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
								line.substring(colon + 1).trim());
					}
				}
			}
		}
		return fields;
	}

	/** Returns the body's enveloped messages, as far as they are complete. */
	List<Envelope> envelopes() {
		List<Envelope> envelopes = new ArrayList<>();
		ByteBuffer buffer = ByteBuffer.wrap(this.body);
		while (buffer.remaining() >= 5) {
			int flags = buffer.get() & 0xff;
			int length = buffer.getInt();
			if (length < 0 || length > buffer.remaining()) {
				break;
			}
			byte[] payload = new byte[length];
			buffer.get(payload);
			envelopes.add(new Envelope(flags, payload));
		}
		return envelopes;
	}

	/** Returns everything of the answer a client reads as text: headers, trailers and body. */
	String allText() {
		return this.headers + " " + this.trailers + " " + new String(this.body, StandardCharsets.ISO_8859_1);
	}

	private static @Nullable String jsonCode(String json) {
		Matcher matcher = CODE.matcher(json);
		return matcher.find() ? matcher.group(1) : null;
	}

	@Override
	public String toString() {
		return "Answer[status=" + this.status + ", headers=" + this.headers + ", trailers=" + this.trailers
				+ ", reset=" + this.resetCode + ", body=" + Arrays.toString(Arrays.copyOf(this.body,
						Math.min(this.body.length, 64)))
				+ " \"" + new String(this.body, 0, Math.min(this.body.length, 200), StandardCharsets.ISO_8859_1)
				+ "\"]";
	}

	/** One enveloped message: flags and payload. */
	record Envelope(int flags, byte[] payload) {

	}

}
