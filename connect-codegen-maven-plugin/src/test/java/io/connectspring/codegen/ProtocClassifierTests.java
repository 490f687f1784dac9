package io.connectspring.codegen;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class ProtocClassifierTests {

	@Test
	void knownPlatformsMapToMavenCentralClassifiers() {
		assertThat(ProtocClassifier.of("Linux", "amd64")).isEqualTo("linux-x86_64");
		assertThat(ProtocClassifier.of("Linux", "aarch64")).isEqualTo("linux-aarch_64");
		assertThat(ProtocClassifier.of("Mac OS X", "x86_64")).isEqualTo("osx-x86_64");
		assertThat(ProtocClassifier.of("Mac OS X", "aarch64")).isEqualTo("osx-aarch_64");
		assertThat(ProtocClassifier.of("Windows 11", "amd64")).isEqualTo("windows-x86_64");
	}

	@Test
	void unknownPlatformsFailWithHowToUseALocalProtoc() {
		assertThatIllegalStateException().isThrownBy(() -> ProtocClassifier.of("FreeBSD", "amd64"))
			.withMessageContaining("FreeBSD on amd64")
			.withMessageContaining("<protocExecutable>");
		assertThatIllegalStateException().isThrownBy(() -> ProtocClassifier.of("Linux", "riscv64"))
			.withMessageContaining("<protocExecutable>");
		assertThatIllegalStateException().isThrownBy(() -> ProtocClassifier.of("Windows 11", "aarch64"))
			.withMessageContaining("<protocExecutable>");
	}

	@Test
	void theRunningPlatformIsKnownOnTheBuildMachine() {
		assertThat(ProtocClassifier.current()).matches("(linux|osx|windows)-(x86_64|aarch_64)");
	}

}
