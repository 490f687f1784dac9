package io.connectspring.internal.wire;

import io.connectspring.Code;
import io.connectspring.ConnectException;
import io.connectspring.ErrorDetail;
import io.connectspring.Metadata;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import com.google.protobuf.Any;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;

/**
 * The status of a gRPC or gRPC-Web call as it travels in trailers (or in the headers of a trailers-only response):
 * {@code grpc-status} (the code's number, {@code 0} for OK), {@code grpc-message} (percent-encoded UTF-8) and
 * {@code grpc-status-details-bin} (a base64 {@code google.rpc.Status} carrying the code, the message and the
 * details as {@code google.protobuf.Any}). {@code google.rpc.Status} is read and written here with the Protobuf wire
 * format directly, so no extra dependency is needed.
 *
 * @see <a href="https://github.com/grpc/grpc/blob/master/doc/PROTOCOL-HTTP2.md#responses">gRPC over HTTP/2:
 * Responses</a>
 */
public final class GrpcStatus {

	/** The trailer holding the status code's number. */
	public static final String STATUS = "grpc-status";

	/** The trailer holding the percent-encoded error message. */
	public static final String MESSAGE = "grpc-message";

	/** The trailer holding the base64 {@code google.rpc.Status}. */
	public static final String DETAILS = "grpc-status-details-bin";

	private static final char[] HEX = "0123456789ABCDEF".toCharArray();

	private static final int STATUS_CODE_FIELD = 1;

	private static final int STATUS_MESSAGE_FIELD = 2;

	private static final int STATUS_DETAILS_FIELD = 3;

	private GrpcStatus() {
	}

	/** Returns the number gRPC sends for an error's code, or {@code 0} (OK) when there is no error. */
	public static int number(@Nullable ConnectException error) {
		return (error != null) ? error.code().number() : 0;
	}

	/**
	 * Returns the code for a gRPC status number other than {@code 0}; numbers that name no code are
	 * {@link Code#UNKNOWN}.
	 */
	public static Code code(int number) {
		Code code = Code.forNumber(number);
		return (code != null) ? code : Code.UNKNOWN;
	}

	/**
	 * Percent-encodes a message for {@code grpc-message}: the UTF-8 bytes outside printable ASCII
	 * ({@code 0x20}–{@code 0x7E}) and {@code '%'} itself become {@code %XX}.
	 */
	public static String percentEncode(String message) {
		byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
		StringBuilder out = null;
		for (int i = 0; i < bytes.length; i++) {
			int b = bytes[i] & 0xFF;
			boolean escape = b < 0x20 || b > 0x7E || b == '%';
			if (escape && out == null) {
				out = new StringBuilder(bytes.length + 16);
				out.append(new String(bytes, 0, i, StandardCharsets.US_ASCII));
			}
			if (out != null) {
				if (escape) {
					out.append('%').append(HEX[b >> 4]).append(HEX[b & 0xF]);
				}
				else {
					out.append((char) b);
				}
			}
		}
		return (out != null) ? out.toString() : message;
	}

	/**
	 * Decodes a {@code grpc-message}, leniently as the gRPC spec asks: a {@code '%'} not followed by two hex digits
	 * is kept as is, and bytes that are not valid UTF-8 become replacement characters.
	 */
	public static String percentDecode(String encoded) {
		if (encoded.indexOf('%') < 0) {
			return encoded;
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream(encoded.length());
		byte[] bytes = encoded.getBytes(StandardCharsets.UTF_8);
		for (int i = 0; i < bytes.length; i++) {
			if (bytes[i] == '%' && i + 2 < bytes.length && hex(bytes[i + 1]) >= 0 && hex(bytes[i + 2]) >= 0) {
				out.write(hex(bytes[i + 1]) << 4 | hex(bytes[i + 2]));
				i += 2;
			}
			else {
				out.write(bytes[i]);
			}
		}
		return out.toString(StandardCharsets.UTF_8);
	}

	/** Returns an error as the bytes of a {@code google.rpc.Status}: its code, message and details. */
	public static byte[] statusBytes(ConnectException error) {
		try {
			ByteArrayOutputStream bytes = new ByteArrayOutputStream();
			CodedOutputStream out = CodedOutputStream.newInstance(bytes);
			out.writeInt32(STATUS_CODE_FIELD, error.code().number());
			if (!error.rawMessage().isEmpty()) {
				out.writeString(STATUS_MESSAGE_FIELD, error.rawMessage());
			}
			for (ErrorDetail detail : error.details()) {
				out.writeMessage(STATUS_DETAILS_FIELD, detail.value());
			}
			out.flush();
			return bytes.toByteArray();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Writing to memory cannot fail", ex);
		}
	}

	/**
	 * Returns the error a {@code google.rpc.Status} describes, with its details; a status with code {@code 0}
	 * gives {@code null}.
	 * @throws ConnectException with {@link Code#INTERNAL} when the bytes are not a {@code google.rpc.Status}
	 */
	public static @Nullable ConnectException fromStatusBytes(byte[] status) {
		int number = 0;
		String message = "";
		List<Any> details = new ArrayList<>();
		try {
			CodedInputStream in = CodedInputStream.newInstance(status);
			for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
				int field = WireFormat.getTagFieldNumber(tag);
				int type = WireFormat.getTagWireType(tag);
				if (field == STATUS_CODE_FIELD && type == WireFormat.WIRETYPE_VARINT) {
					number = in.readInt32();
				}
				else if (field == STATUS_MESSAGE_FIELD && type == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
					message = in.readStringRequireUtf8();
				}
				else if (field == STATUS_DETAILS_FIELD && type == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
					details.add(Any.parseFrom(in.readBytes()));
				}
				else if (!in.skipField(tag)) {
					break;
				}
			}
		}
		catch (IOException ex) {
			throw new ConnectException(Code.INTERNAL,
					"protocol error: " + DETAILS + " is not a google.rpc.Status: " + ex.getMessage());
		}
		if (number == 0) {
			return null;
		}
		ConnectException error = new ConnectException(code(number), message);
		for (Any detail : details) {
			error.details().add(new ErrorDetail(detail));
		}
		return error;
	}

	/**
	 * Writes an error's status to trailers (or to the headers of a trailers-only response): {@code grpc-status},
	 * {@code grpc-message} when the message is not empty, and {@code grpc-status-details-bin} (unpadded base64)
	 * when the error has details. {@code null} writes {@code grpc-status: 0}. The error's metadata is not written.
	 */
	public static void write(@Nullable ConnectException error, HttpHeaders trailers) {
		trailers.set(STATUS, Integer.toString(number(error)));
		if (error == null) {
			return;
		}
		if (!error.rawMessage().isEmpty()) {
			trailers.set(MESSAGE, percentEncode(error.rawMessage()));
		}
		if (!error.details().isEmpty()) {
			trailers.set(DETAILS, Base64.getEncoder().withoutPadding().encodeToString(statusBytes(error)));
		}
	}

	/**
	 * Reads the status from a response's trailers (or the headers of a trailers-only response), as connect-go does.
	 * When {@code grpc-status-details-bin} is present, its code and message win over {@code grpc-status} and
	 * {@code grpc-message}. The error's metadata holds the trailers' entries that the protocol does not reserve.
	 * @return {@code null} if and only if {@code grpc-status} is {@code 0}; an error otherwise, including
	 * {@link Code#INTERNAL} for missing trailers, {@link Code#UNKNOWN} for trailers without {@code grpc-status} or
	 * with a malformed one, and {@link Code#INTERNAL} for malformed details
	 */
	public static @Nullable ConnectException read(HttpHeaders trailers) {
		String status = trailers.getFirst(STATUS);
		ConnectException error;
		if (status == null || status.isEmpty()) {
			error = new ConnectException(trailers.isEmpty() ? Code.INTERNAL : Code.UNKNOWN,
					"protocol error: no " + STATUS + " trailer: the response may have been truncated");
		}
		else if ("0".equals(status.trim())) {
			return null;
		}
		else {
			error = parsed(status.trim(), trailers);
		}
		ConnectHeaders.copyMetadata(trailers, error.metadata(), "");
		return error;
	}

	private static ConnectException parsed(String status, HttpHeaders trailers) {
		int number;
		try {
			number = Integer.parseInt(status);
		}
		catch (NumberFormatException ex) {
			return new ConnectException(Code.UNKNOWN, "protocol error: invalid " + STATUS + " \"" + status + "\"");
		}
		if (number < 0) {
			return new ConnectException(Code.UNKNOWN, "protocol error: invalid " + STATUS + " \"" + status + "\"");
		}
		String message = trailers.getFirst(MESSAGE);
		ConnectException error = new ConnectException(code(number), (message != null) ? percentDecode(message) : "");
		String details = trailers.getFirst(DETAILS);
		if (details == null || details.isEmpty()) {
			return error;
		}
		byte[] bytes;
		try {
			bytes = Metadata.decodeBase64(details);
		}
		catch (IllegalArgumentException ex) {
			return new ConnectException(Code.INTERNAL, "protocol error: " + DETAILS + " is not base64");
		}
		try {
			ConnectException fromDetails = fromStatusBytes(bytes);
			return (fromDetails != null) ? fromDetails : error;
		}
		catch (ConnectException ex) {
			return ex;
		}
	}

	private static int hex(byte b) {
		if (b >= '0' && b <= '9') {
			return b - '0';
		}
		if (b >= 'A' && b <= 'F') {
			return b - 'A' + 10;
		}
		if (b >= 'a' && b <= 'f') {
			return b - 'a' + 10;
		}
		return -1;
	}

}
