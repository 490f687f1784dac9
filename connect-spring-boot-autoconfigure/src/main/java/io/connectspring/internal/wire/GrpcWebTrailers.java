package io.connectspring.internal.wire;

import io.connectspring.Code;
import io.connectspring.ConnectException;

import java.nio.charset.StandardCharsets;

import org.springframework.http.HttpHeaders;

/**
 * The trailers frame of a gRPC-Web body: an HTTP/1-style header block, {@code name: value} lines separated by CRLF
 * (a bare LF is accepted too), without the final empty line. Its size is bounded by the envelope it came in, which
 * the client's message size limit bounds.
 *
 * @see <a href="https://github.com/grpc/grpc/blob/master/doc/PROTOCOL-WEB.md#protocol-differences-vs-grpc-over-http2">
 * gRPC-Web: trailers</a>
 */
public final class GrpcWebTrailers {

	private GrpcWebTrailers() {
	}

	/**
	 * Parses a trailers frame's data. Names are case-insensitive; values are trimmed; empty lines are skipped.
	 * @throws ConnectException with {@link Code#INTERNAL} for a line without a colon, an empty or invalid name, or
	 * a control character in a value
	 */
	public static HttpHeaders parse(byte[] data) {
		HttpHeaders trailers = new HttpHeaders();
		String block = new String(data, StandardCharsets.ISO_8859_1);
		int start = 0;
		while (start < block.length()) {
			int end = block.indexOf('\n', start);
			if (end < 0) {
				end = block.length();
			}
			String line = block.substring(start, (end > start && block.charAt(end - 1) == '\r') ? end - 1 : end);
			start = end + 1;
			if (line.isEmpty()) {
				continue;
			}
			int colon = line.indexOf(':');
			if (colon <= 0) {
				throw invalid("line without a name and a colon");
			}
			String name = line.substring(0, colon);
			for (int i = 0; i < name.length(); i++) {
				if (!isTokenChar(name.charAt(i))) {
					throw invalid("invalid character in name \"" + printable(name) + "\"");
				}
			}
			String value = line.substring(colon + 1).strip();
			for (int i = 0; i < value.length(); i++) {
				char c = value.charAt(i);
				if (c < 0x20 && c != '\t' || c == 0x7F) {
					throw invalid("control character in the value of \"" + name + "\"");
				}
			}
			trailers.add(name, value);
		}
		return trailers;
	}

	private static boolean isTokenChar(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
				|| "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
	}

	private static String printable(String text) {
		StringBuilder out = new StringBuilder();
		text.codePoints()
			.limit(64)
			.forEach((c) -> out
				.append((c >= 0x20 && c < 0x7F) ? Character.toString(c) : "\\x" + Integer.toHexString(c)));
		return out.toString();
	}

	private static ConnectException invalid(String problem) {
		return new ConnectException(Code.INTERNAL, "gRPC-Web protocol error: trailers invalid: " + problem);
	}

}
