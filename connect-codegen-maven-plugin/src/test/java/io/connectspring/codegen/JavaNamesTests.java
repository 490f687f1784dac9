package io.connectspring.codegen;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileOptions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JavaNamesTests {

	@Test
	void javaPackageIsTheJavaPackageOptionElseTheProtoPackage() {
		assertThat(JavaNames.javaPackage(FileDescriptorProto.newBuilder().setPackage("greet.v1").build()))
			.isEqualTo("greet.v1");
		assertThat(JavaNames.javaPackage(FileDescriptorProto.newBuilder()
			.setPackage("greet.v1")
			.setOptions(FileOptions.newBuilder().setJavaPackage("com.example.greet"))
			.build())).isEqualTo("com.example.greet");
		assertThat(JavaNames.javaPackage(FileDescriptorProto.getDefaultInstance())).isEmpty();
	}

	@Test
	void outerClassNameIsTheCamelCaseFileNameAsProtocWritesIt() {
		assertThat(outer("greet/v1/greet_service.proto")).isEqualTo("GreetService");
		assertThat(outer("a/b/foo-bar.baz.proto")).isEqualTo("FooBarBaz");
		assertThat(outer("v1/http2_api.proto")).isEqualTo("Http2Api");
		assertThat(outer("Upper.proto")).isEqualTo("Upper");
	}

	@Test
	void outerClassNameGetsTheOuterClassSuffixWhenATypeHasItsName() {
		FileDescriptorProto file = FileDescriptorProto.newBuilder()
			.setName("legacy/legacy.proto")
			.addMessageType(DescriptorProto.newBuilder()
				.setName("Wrapper")
				.addNestedType(DescriptorProto.newBuilder().setName("Legacy")))
			.build();
		assertThat(JavaNames.outerClassName(file)).isEqualTo("LegacyOuterClass");
	}

	@Test
	void outerClassNameOptionWins() {
		FileDescriptorProto file = FileDescriptorProto.newBuilder()
			.setName("legacy.proto")
			.setOptions(FileOptions.newBuilder().setJavaOuterClassname("LegacyProtos"))
			.addMessageType(DescriptorProto.newBuilder().setName("Legacy"))
			.build();
		assertThat(JavaNames.outerClassName(file)).isEqualTo("LegacyProtos");
	}

	@Test
	void methodNamesAreLowerCamelCaseWithKeywordsSuffixed() {
		assertThat(JavaNames.methodName("GreetEveryone")).isEqualTo("greetEveryone");
		assertThat(JavaNames.methodName("snake_case_name")).isEqualTo("snakeCaseName");
		assertThat(JavaNames.methodName("URLFetch")).isEqualTo("uRLFetch");
		assertThat(JavaNames.methodName("New")).isEqualTo("new_");
		assertThat(JavaNames.methodName("Default")).isEqualTo("default_");
		assertThat(JavaNames.methodName("GetClass")).isEqualTo("getClass_");
	}

	@Test
	void constantNamesAreUpperSnakeCase() {
		assertThat(JavaNames.constantName("Greet")).isEqualTo("GREET");
		assertThat(JavaNames.constantName("GreetEveryone")).isEqualTo("GREET_EVERYONE");
		assertThat(JavaNames.constantName("snake_case")).isEqualTo("SNAKE_CASE");
		assertThat(JavaNames.constantName("getHTTPStatus")).isEqualTo("GET_HTTPSTATUS");
	}

	private static String outer(String fileName) {
		return JavaNames.outerClassName(FileDescriptorProto.newBuilder().setName(fileName).build());
	}

}
