package io.connectspring.internal.wire;

import io.connectspring.Compression;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.FilteredClassLoader;

import static org.assertj.core.api.Assertions.assertThat;

class BuiltInCompressionsTests {

	@Test
	void withBothLibrariesPresentGzipBrAndZstdAreAvailableInThatOrder() {
		BuiltInCompressions builtIns = BuiltInCompressions.find(getClass().getClassLoader());
		assertThat(builtIns.availableNames()).containsExactly("gzip", "br", "zstd");
		assertThat(builtIns.available()).extracting(Compression::name).containsExactly("gzip", "br", "zstd");
		assertThat(builtIns.unavailableReason("br")).isNull();
		assertThat(builtIns.unavailableReason("zstd")).isNull();
	}

	@Test
	void theClassPathsLookUpIsMadeOnce() {
		assertThat(BuiltInCompressions.onClassPath()).isSameAs(BuiltInCompressions.onClassPath());
		assertThat(BuiltInCompressions.onClassPath().availableNames()).containsExactly("gzip", "br", "zstd");
	}

	@Test
	void withoutBrotli4jBrIsUnavailableNamingTheArtifacts() {
		BuiltInCompressions builtIns = BuiltInCompressions.find(new FilteredClassLoader("com.aayushatharva.brotli4j"));
		assertThat(builtIns.availableNames()).containsExactly("gzip", "zstd");
		assertThat(builtIns.unavailableReason("br")).contains("com.aayushatharva.brotli4j:brotli4j")
			.contains("native-<os>-<arch>");
		assertThat(builtIns.unavailableReason("zstd")).isNull();
	}

	@Test
	void withoutZstdJniZstdIsUnavailableNamingTheArtifact() {
		BuiltInCompressions builtIns = BuiltInCompressions.find(new FilteredClassLoader("com.github.luben.zstd"));
		assertThat(builtIns.availableNames()).containsExactly("gzip", "br");
		assertThat(builtIns.unavailableReason("zstd")).isEqualTo("needs com.github.luben:zstd-jni on the class path");
	}

	@Test
	void gzipIsAlwaysAvailable() {
		BuiltInCompressions builtIns = BuiltInCompressions
			.find(new FilteredClassLoader("com.aayushatharva.brotli4j", "com.github.luben.zstd"));
		assertThat(builtIns.availableNames()).containsExactly("gzip");
		assertThat(builtIns.unavailableReason("gzip")).isNull();
	}

	@Test
	void namesNoBuiltInHasHaveNoReason() {
		assertThat(BuiltInCompressions.onClassPath().unavailableReason("snappy")).isNull();
	}

}
