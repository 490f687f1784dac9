package io.connectspring.boot.autoconfigure;

import io.connectspring.Compression;
import io.connectspring.internal.wire.BuiltInCompressions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Finds compressions by name among the built-in ones that can run with the application's class loader ({@code gzip},
 * and {@code br} and {@code zstd} when their libraries are present) and the {@link Compression} beans (a bean wins a
 * clash).
 */
final class CompressionBeans {

	private final BuiltInCompressions builtIns;

	private final Map<String, Compression> available = new LinkedHashMap<>();

	/**
	 * Looks up the built-in compressions and the beans.
	 * @param classLoader the application's class loader, which the optional compression libraries are looked for with
	 */
	CompressionBeans(ObjectProvider<Compression> beans, @Nullable ClassLoader classLoader) {
		this.builtIns = BuiltInCompressions.find(classLoader);
		this.builtIns.available().forEach((compression) -> this.available.put(compression.name(), compression));
		beans.orderedStream().forEach((compression) -> this.available.put(compression.name(), compression));
	}

	/** Returns the names of the built-in compressions that can run, most preferred first: the default of a property. */
	List<String> builtInNames() {
		return this.builtIns.availableNames();
	}

	/**
	 * Returns the named compressions, in the order named.
	 * @param names the names, or {@code null} for {@link #builtInNames() the built-in ones that can run}
	 * @param property the property that names them, for the error message
	 * @throws IllegalStateException if a name is neither an available built-in nor a bean's; for a built-in whose
	 * library is missing, the message names the artifact to add
	 */
	List<Compression> named(@Nullable List<String> names, String property) {
		List<Compression> named = new ArrayList<>();
		for (String name : (names != null) ? names : builtInNames()) {
			Compression compression = this.available.get(name);
			if (compression == null) {
				String reason = this.builtIns.unavailableReason(name);
				throw new IllegalStateException(property + " names '" + name + "', which "
						+ ((reason != null) ? "is built in but " + reason
								: "is neither built in nor a Compression bean")
						+ "; available: " + this.available.keySet());
			}
			named.add(compression);
		}
		return named;
	}

}
