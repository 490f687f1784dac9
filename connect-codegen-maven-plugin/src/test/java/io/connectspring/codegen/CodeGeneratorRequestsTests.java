package io.connectspring.codegen;

import java.util.List;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.compiler.PluginProtos.CodeGeneratorRequest;
import com.google.protobuf.compiler.PluginProtos.Version;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CodeGeneratorRequestsTests {

	@Test
	void filesComeInDependencyOrder() {
		FileDescriptorSet set = FileDescriptorSet.newBuilder()
			.addFile(file("c.proto", "b.proto", "a.proto"))
			.addFile(file("b.proto", "a.proto"))
			.addFile(file("a.proto"))
			.build();
		CodeGeneratorRequest request = CodeGeneratorRequests.of(set, List.of("c.proto"), Version.getDefaultInstance());
		assertThat(request.getProtoFileList()).extracting(FileDescriptorProto::getName)
			.containsExactly("a.proto", "b.proto", "c.proto");
		assertThat(request.getFileToGenerateList()).containsExactly("c.proto");
		assertThat(request.hasParameter()).isFalse();
	}

	@Test
	void aMissingImportFailsWithAHint() {
		FileDescriptorSet set = FileDescriptorSet.newBuilder().addFile(file("c.proto", "missing.proto")).build();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CodeGeneratorRequests.of(set, List.of("c.proto"), Version.getDefaultInstance()))
			.withMessageContaining("missing.proto")
			.withMessageContaining("--include_imports");
	}

	@Test
	void versionsParseFromProtocOutput() {
		assertThat(CodeGeneratorRequests.parseVersion("libprotoc 35.1\n"))
			.isEqualTo(Version.newBuilder().setMinor(35).setPatch(1).setSuffix("").build());
		assertThat(CodeGeneratorRequests.parseVersion("libprotoc 3.25.3-rc1"))
			.isEqualTo(Version.newBuilder().setMajor(3).setMinor(25).setPatch(3).setSuffix("-rc1").build());
	}

	private static FileDescriptorProto file(String name, String... dependencies) {
		return FileDescriptorProto.newBuilder().setName(name).addAllDependency(List.of(dependencies)).build();
	}

}
