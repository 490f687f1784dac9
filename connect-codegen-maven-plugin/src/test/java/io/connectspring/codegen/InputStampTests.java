package io.connectspring.codegen;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class InputStampTests {

	@TempDir
	Path root;

	@TempDir
	Path target;

	private Path stampFile;

	private Path output;

	@BeforeEach
	void protos() throws IOException {
		write("greet/v1/greet.proto", "syntax = \"proto3\";");
		write("notes.txt", "not a proto");
		this.stampFile = this.target.resolve("connect-codegen/inputs.sha256");
		this.output = this.target.resolve("generated-sources/connect");
	}

	@Test
	void whenNothingChangedAndTheOutputExistsThenItIsUpToDate() throws IOException {
		String stamp = stamp("config");
		generated();
		InputStamp.write(this.stampFile, stamp);
		assertThat(InputStamp.isUpToDate(this.stampFile, stamp("config"), this.output)).isTrue();
	}

	@Test
	void whenAProtoChangesThenItIsNotUpToDate() throws IOException {
		generated();
		InputStamp.write(this.stampFile, stamp("config"));
		write("greet/v1/greet.proto", "syntax = \"proto2\";");
		assertThat(InputStamp.isUpToDate(this.stampFile, stamp("config"), this.output)).isFalse();
	}

	@Test
	void whenAProtoIsAddedOrRenamedThenItIsNotUpToDate() throws IOException {
		String before = stamp("config");
		write("greet/v1/other.proto", "syntax = \"proto3\";");
		assertThat(stamp("config")).isNotEqualTo(before);
		Files.delete(this.root.resolve("greet/v1/other.proto"));
		assertThat(stamp("config")).isEqualTo(before);
		Files.move(this.root.resolve("greet/v1/greet.proto"), this.root.resolve("greet/v1/renamed.proto"));
		assertThat(stamp("config")).isNotEqualTo(before);
	}

	@Test
	void whenOnlyOtherFilesChangeThenTheStampIsTheSame() throws IOException {
		String before = stamp("config");
		write("notes.txt", "changed");
		assertThat(stamp("config")).isEqualTo(before);
	}

	@Test
	void whenTheConfigurationChangesThenItIsNotUpToDate() throws IOException {
		generated();
		InputStamp.write(this.stampFile, stamp("protoc=4.35.1"));
		assertThat(InputStamp.isUpToDate(this.stampFile, stamp("protoc=4.33.2"), this.output)).isFalse();
	}

	@Test
	void whenTheOutputIsMissingOrEmptyThenItIsNotUpToDate() throws IOException {
		String stamp = stamp("config");
		InputStamp.write(this.stampFile, stamp);
		assertThat(InputStamp.isUpToDate(this.stampFile, stamp, this.output)).isFalse();
		Files.createDirectories(this.output);
		assertThat(InputStamp.isUpToDate(this.stampFile, stamp, this.output)).isFalse();
	}

	@Test
	void whenThereIsNoStampThenItIsNotUpToDate() throws IOException {
		generated();
		assertThat(InputStamp.isUpToDate(this.stampFile, stamp("config"), this.output)).isFalse();
	}

	@Test
	void aMissingProtoRootCountsAsEmpty() throws IOException {
		assertThat(InputStamp.protoFiles(this.root.resolve("missing"))).isEmpty();
		assertThat(InputStamp.compute(List.of(this.root.resolve("missing")), "config")).hasSize(64);
	}

	private String stamp(String configuration) throws IOException {
		return InputStamp.compute(List.of(this.root), configuration);
	}

	private void generated() throws IOException {
		Files.createDirectories(this.output.resolve("greet/v1"));
		Files.writeString(this.output.resolve("greet/v1/GreetService.java"), "interface GreetService {}");
	}

	private void write(String name, String content) throws IOException {
		Path file = this.root.resolve(name);
		Files.createDirectories(file.getParent());
		Files.writeString(file, content);
	}

}
