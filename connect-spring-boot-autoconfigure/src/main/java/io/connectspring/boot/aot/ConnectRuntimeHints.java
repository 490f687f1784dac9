package io.connectspring.boot.aot;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;
import org.springframework.util.ClassUtils;

/**
 * Registers the hints the runtime needs whatever the application's beans: the classes it probes to find the optional
 * compression libraries ({@code Class.forName}), and the native libraries those libraries load from their jars.
 */
class ConnectRuntimeHints implements RuntimeHintsRegistrar {

	static final String BROTLI_PROBE = "com.aayushatharva.brotli4j.Brotli4jLoader";

	static final String ZSTD_PROBE = "com.github.luben.zstd.util.Native";

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		if (ClassUtils.isPresent(BROTLI_PROBE, classLoader)) {
			hints.reflection().registerType(TypeReference.of(BROTLI_PROBE));
			// brotli4j unpacks lib/<os>-<arch>/libbrotli.so (or .dylib, brotli.dll) from its native-<os>-<arch> jar.
			hints.resources().registerPattern("lib/*/*brotli*");
		}
		if (ClassUtils.isPresent(ZSTD_PROBE, classLoader)) {
			hints.reflection().registerType(TypeReference.of(ZSTD_PROBE));
			// zstd-jni unpacks <os>/<arch>/libzstd-jni-<version>.so (or .dylib, .dll) from its jar.
			hints.resources().registerPattern("*/*/*zstd-jni*");
		}
	}

}
