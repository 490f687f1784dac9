package io.connectspring.internal.wire;

import io.connectspring.Code;
import io.connectspring.ConnectException;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.util.MultiValueMap;

/** Header names and rules of the Connect protocol shared by its unary and streaming forms. */
public final class ConnectHeaders {

	public static final String PROTOCOL_VERSION = "Connect-Protocol-Version";

	public static final String PROTOCOL_VERSION_VALUE = "1";

	public static final String TIMEOUT = "Connect-Timeout-Ms";

	public static final String STREAM_CONTENT_ENCODING = "Connect-Content-Encoding";

	public static final String STREAM_ACCEPT_ENCODING = "Connect-Accept-Encoding";

	public static final String TRAILER_PREFIX = "trailer-";

	private ConnectHeaders() {
	}

	/** Checks {@code Connect-Protocol-Version} (or the GET query's {@code connect}), as connect-go does. */
	public static void checkProtocolVersion(@Nullable String version, boolean required, boolean get) {
		String name = get ? "connect" : PROTOCOL_VERSION;
		String expected = get ? "v1" : "1";
		if (version == null || version.isEmpty()) {
			if (required) {
				throw new ConnectException(Code.INVALID_ARGUMENT, "missing required "
						+ (get ? "query parameter" : "header") + ": set " + name + " to \"" + expected + "\"");
			}
			return;
		}
		if (!expected.equals(version)) {
			throw new ConnectException(Code.INVALID_ARGUMENT,
					name + " must be \"" + expected + "\": got \"" + version + "\"");
		}
	}

	/** Returns whether a name set by an application must not be written, because the protocol owns it. */
	public static boolean isReserved(String name) {
		// Compared in place, ignoring case: this runs for every header of every call.
		return startsWithIgnoreCase(name, "connect-") || startsWithIgnoreCase(name, "grpc-")
				|| name.equalsIgnoreCase("content-type") || name.equalsIgnoreCase("content-length")
				|| name.equalsIgnoreCase("content-encoding") || name.equalsIgnoreCase("te")
				|| name.equalsIgnoreCase("transfer-encoding") || name.equalsIgnoreCase("connection")
				|| name.equalsIgnoreCase("trailer") || startsWithIgnoreCase(name, "trailer-")
				|| name.equalsIgnoreCase("accept-encoding");
	}

	private static boolean startsWithIgnoreCase(String name, String prefix) {
		return name.regionMatches(true, 0, prefix, 0, prefix.length());
	}

	/** Copies application metadata into a response's headers, skipping reserved names, keeping every value. */
	public static void copyMetadata(HttpHeaders from, HttpHeaders to, String prefix) {
		for (Map.Entry<String, List<String>> entry : from.headerSet()) {
			copy(entry.getKey(), entry.getValue(), to, prefix);
		}
	}

	/**
	 * Copies application metadata from the map behind an {@link HttpHeaders} (its names already unique ignoring
	 * case), as {@link #copyMetadata(HttpHeaders, HttpHeaders, String)}; does nothing for {@code null}.
	 */
	public static void copyMetadata(@Nullable MultiValueMap<String, String> from, HttpHeaders to, String prefix) {
		if (from != null && !from.isEmpty()) {
			from.forEach((name, values) -> copy(name, values, to, prefix));
		}
	}

	private static void copy(String name, List<String> values, HttpHeaders to, String prefix) {
		if (!isReserved(name)) {
			String target = prefix.isEmpty() ? name : prefix + name;
			for (String value : values) {
				to.add(target, value);
			}
		}
	}

	/** Returns the metadata an application set, without reserved names. */
	public static HttpHeaders applicationMetadata(@Nullable MultiValueMap<String, String> metadata) {
		HttpHeaders result = new HttpHeaders();
		copyMetadata(metadata, result, "");
		return result;
	}

}
