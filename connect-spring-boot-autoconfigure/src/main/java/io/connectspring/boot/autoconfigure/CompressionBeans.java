package io.connectspring.boot.autoconfigure;

import io.connectspring.Compression;
import io.connectspring.internal.protocol.GzipCompression;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;

/** Finds compressions by name among the built-in gzip and the {@link Compression} beans (a bean wins a clash). */
final class CompressionBeans {

	private CompressionBeans() {
	}

	/**
	 * Returns the named compressions, in the order named.
	 * @param property the property that names them, for the error message
	 * @throws IllegalStateException if a name is neither built in nor a bean's
	 */
	static List<Compression> named(List<String> names, ObjectProvider<Compression> beans, String property) {
		Map<String, Compression> available = new LinkedHashMap<>();
		available.put("gzip", new GzipCompression());
		beans.orderedStream().forEach((compression) -> available.put(compression.name(), compression));
		List<Compression> named = new ArrayList<>();
		for (String name : names) {
			Compression compression = available.get(name);
			if (compression == null) {
				throw new IllegalStateException(property + " names '" + name
						+ "', which is neither built in nor a Compression bean; available: " + available.keySet());
			}
			named.add(compression);
		}
		return named;
	}

}
