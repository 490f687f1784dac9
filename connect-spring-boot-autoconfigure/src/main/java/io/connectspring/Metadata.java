package io.connectspring;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

import org.springframework.http.HttpHeaders;

/**
 * Helpers for Connect metadata held in {@link HttpHeaders}. Connect metadata is HTTP headers: names are
 * case-insensitive, a name may have several values, and values are printable ASCII. Binary values travel base64
 * encoded under names ending in {@code -bin}; these helpers write them unpadded and read padded and unpadded alike.
 * Names starting with {@code connect-} are reserved for the protocol.
 *
 * @see <a href="https://connectrpc.com/docs/protocol#unary-request">Connect metadata</a>
 */
public final class Metadata {

	private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();

	private Metadata() {
	}

	/** Returns whether a header name is for binary values, that is ends with {@code -bin}. */
	public static boolean isBinary(String name) {
		return name.toLowerCase(Locale.ROOT).endsWith("-bin");
	}

	/** Adds a binary value under a name that must end with {@code -bin}. */
	public static void addBinary(HttpHeaders headers, String name, byte[] value) {
		if (!isBinary(name)) {
			throw new IllegalArgumentException("Binary metadata names end with -bin, got " + name);
		}
		headers.add(name, ENCODER.encodeToString(value));
	}

	/**
	 * Returns the decoded binary values under a {@code -bin} name, in order; standard and URL-safe base64, padded or
	 * not, are accepted.
	 * @throws IllegalArgumentException if a value is not base64
	 */
	public static List<byte[]> getBinary(HttpHeaders headers, String name) {
		List<byte[]> result = new ArrayList<>();
		for (String value : headers.getOrEmpty(name)) {
			result.add(decodeBase64(value));
		}
		return result;
	}

	/** Decodes base64 in the standard or URL-safe alphabet, with or without padding. */
	public static byte[] decodeBase64(String value) {
		String trimmed = value.trim();
		int end = trimmed.length();
		while (end > 0 && trimmed.charAt(end - 1) == '=') {
			end--;
		}
		String unpadded = trimmed.substring(0, end);
		boolean urlSafe = unpadded.indexOf('-') >= 0 || unpadded.indexOf('_') >= 0;
		return (urlSafe ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(unpadded);
	}

}
