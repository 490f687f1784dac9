package io.connectspring.internal.wire;

import io.connectspring.Code;
import io.connectspring.ConnectException;
import io.connectspring.ErrorDetail;
import io.connectspring.Metadata;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.google.protobuf.util.JsonFormat;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;

/**
 * Writes and reads the Connect error JSON ({@code {"code", "message", "details"}}) and the end-of-stream message
 * ({@code {"error", "metadata"}}). Details carry {@code type} and base64 {@code value}: written unpadded, read
 * padded or not.
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

	/**
	 * Reads Connect error JSON, as a client receives it with a non-200 unary response.
	 * @param json the body
	 * @param fallback the code to use when the JSON has none or one the spec does not define (the one the HTTP status
	 * implies)
	 * @return the error, with its details
	 * @throws IllegalArgumentException when the body is not a JSON object, or a field has the wrong type
	 */
	public static ConnectException parseError(byte[] json, Code fallback) {
		return readError(parseObject(json), fallback);
	}

	/**
	 * Reads an end-of-stream message.
	 * @throws IllegalArgumentException when it is not a JSON object of the expected shape
	 */
	public static EndStream parseEndStream(byte[] json) {
		Struct end = parseObject(json);
		HttpHeaders metadata = new HttpHeaders();
		Value meta = end.getFieldsOrDefault("metadata", null);
		if (meta != null && !meta.hasNullValue()) {
			for (Map.Entry<String, Value> entry : object(meta, "metadata").getFieldsMap().entrySet()) {
				Value values = entry.getValue();
				if (!values.hasListValue()) {
					throw new IllegalArgumentException("metadata \"" + entry.getKey() + "\" is not an array");
				}
				for (Value value : values.getListValue().getValuesList()) {
					metadata.add(entry.getKey(), string(value, "metadata value"));
				}
			}
		}
		Value error = end.getFieldsOrDefault("error", null);
		ConnectException exception = (error != null && !error.hasNullValue())
				? readError(object(error, "error"), Code.UNKNOWN) : null;
		return new EndStream(exception, metadata);
	}

	private static Struct parseObject(byte[] json) {
		Struct.Builder builder = Struct.newBuilder();
		try {
			JsonFormat.parser().merge(new String(json, StandardCharsets.UTF_8), builder);
		}
		catch (InvalidProtocolBufferException | RuntimeException ex) {
			throw new IllegalArgumentException("not a JSON object: " + ex.getMessage(), ex);
		}
		return builder.build();
	}

	private static ConnectException readError(Struct error, Code fallback) {
		Value codeValue = error.getFieldsOrDefault("code", null);
		Code code = fallback;
		if (codeValue != null && !codeValue.hasNullValue()) {
			String name = string(codeValue, "code");
			Code named = Code.forProtocolName(name);
			// The spec: a code the client does not know is read as if there were none.
			code = (named != null) ? named : fallback;
		}
		Value messageValue = error.getFieldsOrDefault("message", null);
		String message = (messageValue != null && !messageValue.hasNullValue()) ? string(messageValue, "message")
				: "";
		ConnectException exception = new ConnectException(code, message);
		Value details = error.getFieldsOrDefault("details", null);
		if (details != null && details.hasListValue()) {
			for (Value detail : details.getListValue().getValuesList()) {
				Struct fields = object(detail, "detail");
				String type = string(fields.getFieldsOrDefault("type", Value.getDefaultInstance()), "detail type");
				String value = string(fields.getFieldsOrDefault("value", Value.getDefaultInstance()), "detail value");
				byte[] bytes;
				try {
					bytes = Metadata.decodeBase64(value);
				}
				catch (IllegalArgumentException ex) {
					throw new IllegalArgumentException("detail value of " + type + " is not base64", ex);
				}
				String typeUrl = type.contains("/") ? type : "type.googleapis.com/" + type;
				exception.details()
					.add(new ErrorDetail(
							Any.newBuilder().setTypeUrl(typeUrl).setValue(ByteString.copyFrom(bytes)).build()));
			}
		}
		return exception;
	}

	private static Struct object(Value value, String what) {
		if (!value.hasStructValue()) {
			throw new IllegalArgumentException(what + " is not a JSON object");
		}
		return value.getStructValue();
	}

	private static String string(Value value, String what) {
		if (!value.hasStringValue()) {
			throw new IllegalArgumentException(what + " is not a JSON string");
		}
		return value.getStringValue();
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

	public static void appendString(StringBuilder json, String value) {
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

	/**
	 * A parsed end-of-stream message.
	 *
	 * @param error the error the stream ended with, or {@code null} when it succeeded
	 * @param metadata the trailers
	 */
	public record EndStream(@Nullable ConnectException error, HttpHeaders metadata) {
	}

}
