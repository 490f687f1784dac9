package io.connectspring.internal.wire;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/** The codecs a server or client supports, by name, in order of preference. Immutable. */
public final class Codecs {

	private final Map<String, Codec> byName = new LinkedHashMap<>();

	public Codecs(List<Codec> codecs) {
		for (Codec codec : codecs) {
			this.byName.putIfAbsent(codec.name(), codec);
		}
	}

	/** Returns the codec with the given name, or {@code null}. */
	public @Nullable Codec get(String name) {
		return this.byName.get(name);
	}

}
