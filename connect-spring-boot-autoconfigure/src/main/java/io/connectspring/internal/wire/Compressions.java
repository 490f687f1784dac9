package io.connectspring.internal.wire;

import io.connectspring.Code;
import io.connectspring.Compression;
import io.connectspring.ConnectException;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The compressions a server or client supports, in order of preference, and the rules for using them: negotiation
 * per the Connect protocol, bounded decompression, and compression above a minimum size. Immutable.
 */
public final class Compressions {

	/** The name of no compression, always supported. */
	public static final String IDENTITY = "identity";

	private static final Negotiated NONE = new Negotiated(null, null);

	private final Map<String, Compression> byName = new LinkedHashMap<>();

	private final String acceptHeader;

	private final int minBytes;

	/**
	 * Creates a registry.
	 * @param compressions the supported algorithms, most preferred first ({@code identity} is implied)
	 * @param minBytes messages smaller than this are sent uncompressed
	 */
	public Compressions(List<Compression> compressions, int minBytes) {
		for (Compression compression : compressions) {
			if (!IDENTITY.equals(compression.name())) {
				this.byName.putIfAbsent(compression.name(), compression);
			}
		}
		this.acceptHeader = String.join(",", this.byName.keySet());
		this.minBytes = minBytes;
	}

	/** Returns the supported compression of that name, or {@code null} for identity and unknown names. */
	public @Nullable Compression get(String name) {
		return this.byName.get(name);
	}

	/** Returns the names of the supported compressions, comma-separated, for an accept-encoding header. */
	public String acceptHeader() {
		return this.acceptHeader;
	}

	/**
	 * Chooses the compression of a request and of its response, as connect-go does: the request's own compression
	 * if any, else the first supported name of the client's accept list, else none.
	 * @param sent the request's content encoding, or {@code null}
	 * @param accept the client's accept-encoding list, or {@code null}
	 * @throws ConnectException with {@link Code#UNIMPLEMENTED} listing the supported ones, for an unknown compression
	 */
	public Negotiated negotiate(@Nullable String sent, @Nullable String accept) {
		Compression request = null;
		if (sent != null && !sent.isEmpty() && !IDENTITY.equals(sent)) {
			request = this.byName.get(sent);
			if (request == null) {
				throw new ConnectException(Code.UNIMPLEMENTED, "unknown compression \"" + sent
						+ "\": supported encodings are "
						+ (this.acceptHeader.isEmpty() ? IDENTITY : this.acceptHeader));
			}
		}
		Compression response = (request == null && accept != null) ? firstSupported(accept) : request;
		return (response == null) ? NONE : new Negotiated(request, response);
	}

	/**
	 * Returns the first supported name of an accept list: names separated by commas or white space, each possibly
	 * followed by {@code ;} parameters. Scanned in place, as this runs for every call.
	 */
	private @Nullable Compression firstSupported(String accept) {
		int length = accept.length();
		int i = 0;
		while (i < length && !this.byName.isEmpty()) {
			while (i < length && isSeparator(accept.charAt(i))) {
				i++;
			}
			int start = i;
			while (i < length && !isSeparator(accept.charAt(i))) {
				i++;
			}
			if (start == i) {
				break;
			}
			String token = accept.substring(start, i);
			int params = token.indexOf(';');
			Compression candidate = this.byName.get((params >= 0) ? token.substring(0, params).trim() : token);
			if (candidate != null) {
				return candidate;
			}
		}
		return null;
	}

	private static boolean isSeparator(char c) {
		return c == ',' || c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
	}

	/** Returns whether a message of this size would be compressed with a negotiated compression. */
	public boolean shouldCompress(@Nullable Compression compression, int size) {
		return compression != null && size >= this.minBytes;
	}

	/** Compresses bytes. */
	public static byte[] compress(Compression compression, byte[] data) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, data.length / 2));
		try (OutputStream compressing = compression.compress(out)) {
			compressing.write(data);
		}
		catch (IOException ex) {
			throw new ConnectException(Code.INTERNAL, "compress: " + compression.name() + " failed", ex);
		}
		return out.toByteArray();
	}

	/**
	 * Decompresses bytes, reading at most {@code maxBytes} of output: a compression bomb fails with
	 * {@link Code#RESOURCE_EXHAUSTED} once it passes the limit, corrupt data with {@link Code#INVALID_ARGUMENT}.
	 */
	public static byte[] decompress(Compression compression, byte[] data, long maxBytes) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(Math.max(64, data.length * 4), 1 << 20));
		byte[] chunk = new byte[8192];
		long total = 0;
		try (InputStream in = compression.decompress(new ByteArrayInputStream(data))) {
			int n;
			while ((n = in.read(chunk)) != -1) {
				total += n;
				if (total > maxBytes) {
					throw new ConnectException(Code.RESOURCE_EXHAUSTED,
							"message is larger than configured max " + maxBytes + " after decompression");
				}
				out.write(chunk, 0, n);
			}
		}
		catch (IOException ex) {
			throw new ConnectException(Code.INVALID_ARGUMENT,
					"decompress: invalid " + compression.name() + " data", ex);
		}
		return out.toByteArray();
	}

	/**
	 * The outcome of a negotiation.
	 *
	 * @param request the compression of the request's messages, or {@code null} for identity
	 * @param response the compression to use for responses, or {@code null} for identity
	 */
	public record Negotiated(@Nullable Compression request, @Nullable Compression response) {
	}

}
