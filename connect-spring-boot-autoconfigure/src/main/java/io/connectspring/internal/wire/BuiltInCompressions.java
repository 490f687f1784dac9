package io.connectspring.internal.wire;

import io.connectspring.Compression;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The compressions built into the runtime and which of them can run here: {@code gzip} always (the JDK's), {@code br}
 * when Brotli4j and its native library for this platform are present, {@code zstd} when zstd-jni is present and its
 * native library loads. Both libraries are optional dependencies: this class looks for them by class name before it
 * touches a class that links against them, so an absent jar means "not available", never a
 * {@link NoClassDefFoundError}, and a native library that does not load means the same, never a crash.
 * <p>
 * The result of one look-up; immutable and thread-safe.
 */
public final class BuiltInCompressions {

	private static final List<Library> LIBRARIES = List.of(
			new Library(BrotliCompression.NAME, "com.aayushatharva.brotli4j.Brotli4jLoader",
					"com.aayushatharva.brotli4j:brotli4j on the class path, with the native-<os>-<arch> artifact of the"
							+ " platform it runs on (such as com.aayushatharva.brotli4j:native-linux-x86_64)",
					"add the com.aayushatharva.brotli4j:native-<os>-<arch> artifact of this platform"),
			new Library(ZstdCompression.NAME, "com.github.luben.zstd.util.Native",
					"com.github.luben:zstd-jni on the class path",
					"zstd-jni has no native library for this platform, or could not extract it to java.io.tmpdir"));

	private final List<Compression> available;

	private final Map<String, String> unavailable;

	private BuiltInCompressions(List<Compression> available, Map<String, String> unavailable) {
		this.available = List.copyOf(available);
		this.unavailable = Map.copyOf(unavailable);
	}

	/**
	 * Returns the built-in compressions that can run with the classes of this class's own class loader, looked up
	 * once.
	 */
	public static BuiltInCompressions onClassPath() {
		return OnClassPath.INSTANCE;
	}

	/**
	 * Looks up the built-in compressions that can run with the classes a class loader sees, loading the native
	 * libraries of those present.
	 * @param classLoader the class loader to look for the optional libraries with, or {@code null} for this class's
	 */
	public static BuiltInCompressions find(@Nullable ClassLoader classLoader) {
		ClassLoader loader = (classLoader != null) ? classLoader : BuiltInCompressions.class.getClassLoader();
		List<Compression> available = new ArrayList<>();
		Map<String, String> unavailable = new LinkedHashMap<>();
		available.add(new GzipCompression());
		for (Library library : LIBRARIES) {
			if (!isPresent(library.probeClass(), loader)) {
				unavailable.put(library.name(), "needs " + library.missing());
				continue;
			}
			try {
				available.add(library.create());
			}
			catch (LinkageError ex) {
				unavailable.put(library.name(), "needs a native library that did not load on "
						+ System.getProperty("os.name") + " " + System.getProperty("os.arch") + " (" + ex + "): "
						+ library.nativeMissing());
			}
		}
		return new BuiltInCompressions(available, unavailable);
	}

	/**
	 * Returns the built-in compressions that can run, most preferred first: {@code gzip}, then {@code br},
	 * {@code zstd}.
	 */
	public List<Compression> available() {
		return this.available;
	}

	/** Returns the names of the {@link #available() available} built-in compressions, in the same order. */
	public List<String> availableNames() {
		return this.available.stream().map(Compression::name).toList();
	}

	/**
	 * Returns why the built-in compression of that name cannot run here, as a phrase that names what to add (such as
	 * "needs com.github.luben:zstd-jni on the class path"), or {@code null} if it can run or no built-in has that name.
	 */
	public @Nullable String unavailableReason(String name) {
		return this.unavailable.get(name);
	}

	private static boolean isPresent(String className, ClassLoader classLoader) {
		try {
			Class.forName(className, false, classLoader);
			return true;
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return false;
		}
	}

	/**
	 * An optional library and the compression it provides.
	 *
	 * @param name the compression's name
	 * @param probeClass a class of the library, looked for without initializing it
	 * @param missing what is needed when the library is absent, naming its Maven coordinates
	 * @param nativeMissing what to do when the library's native part does not load
	 */
	private record Library(String name, String probeClass, String missing, String nativeMissing) {

		/**
		 * Creates the compression. Referenced by name only here, so its class (which links against the library) is
		 * loaded only once the library is known to be present.
		 * @throws LinkageError if the library's native part does not load
		 */
		Compression create() {
			return switch (this.name) {
				case BrotliCompression.NAME -> new BrotliCompression();
				case ZstdCompression.NAME -> new ZstdCompression();
				default -> throw new IllegalStateException("no built-in compression " + this.name);
			};
		}

	}

	private static final class OnClassPath {

		static final BuiltInCompressions INSTANCE = find(BuiltInCompressions.class.getClassLoader());

	}

}
