package io.connectspring.internal.protocol;

import io.connectspring.ConnectException;
import io.connectspring.ErrorDetail;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;

/**
 * Writes the Connect error JSON ({@code {"code", "message", "details"}}) and the end-of-stream message
 * ({@code {"error", "metadata"}}). Details carry {@code type} and unpadded base64 {@code value}.
 *
 * @see <a href="https://connectrpc.com/docs/protocol#error-end-stream">Connect errors and end-of-stream</a>
 */
public final class ErrorJson {

	private static final Base64.Encoder BASE64 = Base64.getEncoder().withoutPadding();

	private ErrorJson() {
	}

	/** Returns the error as Connect error JSON, UTF-8. */
	public static byte[] error(ConnectException error) {
		StringBuilder json = new StringBuilder(64);
		appendError(json, error);
		return json.toString().getBytes(StandardCharsets.UTF_8);
	}

	/** Returns an end-of-stream message: the error if any, and the trailers as metadata if there are any. */
	public static byte[] endStream(@Nullable ConnectException error, HttpHeaders metadata) {
		StringBuilder json = new StringBuilder(32).append('{');
		boolean first = true;
		if (error != null) {
			json.append("\"error\":");
			appendError(json, error);
			first = false;
		}
		if (!metadata.isEmpty()) {
			if (!first) {
				json.append(',');
			}
			json.append("\"metadata\":{");
			boolean firstEntry = true;
			for (Map.Entry<String, List<String>> entry : metadata.headerSet()) {
				if (!firstEntry) {
					json.append(',');
				}
				firstEntry = false;
				appendString(json, entry.getKey());
				json.append(":[");
				for (int i = 0; i < entry.getValue().size(); i++) {
					if (i > 0) {
						json.append(',');
					}
					appendString(json, entry.getValue().get(i));
				}
				json.append(']');
			}
			json.append('}');
		}
		return json.append('}').toString().getBytes(StandardCharsets.UTF_8);
	}

	private static void appendError(StringBuilder json, ConnectException error) {
		json.append("{\"code\":");
		appendString(json, error.code().protocolName());
		if (!error.rawMessage().isEmpty()) {
			json.append(",\"message\":");
			appendString(json, error.rawMessage());
		}
		if (!error.details().isEmpty()) {
			json.append(",\"details\":[");
			for (int i = 0; i < error.details().size(); i++) {
				ErrorDetail detail = error.details().get(i);
				if (i > 0) {
					json.append(',');
				}
				json.append("{\"type\":");
				appendString(json, detail.typeName());
				json.append(",\"value\":\"").append(BASE64.encodeToString(detail.value().getValue().toByteArray()));
				json.append("\"}");
			}
			json.append(']');
		}
		json.append('}');
	}

	static void appendString(StringBuilder json, String value) {
		json.append('"');
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '"' -> json.append("\\\"");
				case '\\' -> json.append("\\\\");
				case '\n' -> json.append("\\n");
				case '\r' -> json.append("\\r");
				case '\t' -> json.append("\\t");
				default -> {
					if (c < 0x20 || c == 0x2028 || c == 0x2029) {
						json.append(String.format("\\u%04x", (int) c));
					}
					else {
						json.append(c);
					}
				}
			}
		}
		json.append('"');
	}

}
