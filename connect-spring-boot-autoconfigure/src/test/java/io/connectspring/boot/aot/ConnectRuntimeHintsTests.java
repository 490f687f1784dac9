package io.connectspring.boot.aot;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.aot.AotServices;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.boot.test.context.FilteredClassLoader;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectRuntimeHintsTests {

	@Test
	void isListedInAotFactories() {
		assertThat(AotServices.factories().load(RuntimeHintsRegistrar.class))
			.hasAtLeastOneElementOfType(ConnectRuntimeHints.class);
	}

	@Test
	void whenCompressionLibrariesArePresentThenTheirProbeClassesAndNativeLibrariesAreRegistered() {
		RuntimeHints hints = new RuntimeHints();
		new ConnectRuntimeHints().registerHints(hints, getClass().getClassLoader());
		assertThat(RuntimeHintsPredicates.reflection().onType(TypeReference.of(ConnectRuntimeHints.BROTLI_PROBE)))
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(TypeReference.of(ConnectRuntimeHints.ZSTD_PROBE)))
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.resource().forResource("lib/linux-x86_64/libbrotli.so")).accepts(hints);
		assertThat(RuntimeHintsPredicates.resource().forResource("lib/windows-x86_64/brotli.dll")).accepts(hints);
		assertThat(RuntimeHintsPredicates.resource().forResource("linux/amd64/libzstd-jni-1.5.7-6.so")).accepts(hints);
		assertThat(RuntimeHintsPredicates.resource().forResource("darwin/aarch64/libzstd-jni-1.5.7-6.dylib"))
			.accepts(hints);
	}

	@Test
	void whenCompressionLibrariesAreAbsentThenNothingIsRegistered() {
		RuntimeHints hints = new RuntimeHints();
		new ConnectRuntimeHints().registerHints(hints,
				new FilteredClassLoader("com.aayushatharva.brotli4j.", "com.github.luben.zstd."));
		assertThat(hints.reflection().typeHints()).isEmpty();
		assertThat(hints.resources().resourcePatternHints()).isEmpty();
	}

}
