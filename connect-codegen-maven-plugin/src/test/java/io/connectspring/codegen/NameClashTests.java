package io.connectspring.codegen;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.google.protobuf.compiler.PluginProtos.CodeGeneratorResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The name-clash rule: a class the generator writes must not have the name of another class in the same Java package
 * from the same file. Each failure names the file, the service, the clashing type, and a fix.
 */
class NameClashTests {

	@TempDir
	Path root;

	@TempDir
	Path work;

	@Test
	void whenATopLevelMessageHasTheNameOfAGeneratedClassThenGenerationFails() throws IOException {
		proto("clash/v1/clash.proto", """
				syntax = "proto3";
				package clash.v1;
				option java_multiple_files = true;
				message GreetServiceClient {}
				service GreetService {
				  rpc Greet(GreetServiceClient) returns (GreetServiceClient);
				}
				""");
		assertThat(generate().getError()).contains("clash/v1/clash.proto")
			.contains("service clash.v1.GreetService")
			.contains("clash.v1.GreetServiceClient")
			.contains("message clash.v1.GreetServiceClient")
			.contains("Rename the service or the clashing type")
			.contains("java_package");
	}

	@Test
	void whenMessagesAreNestedInTheOuterClassThenTheirNamesDoNotClash() throws IOException {
		proto("nested/v1/nested.proto", """
				syntax = "proto3";
				package nested.v1;
				message GreetServiceClient {}
				service GreetService {
				  rpc Greet(GreetServiceClient) returns (GreetServiceClient);
				}
				""");
		CodeGeneratorResponse response = generate();
		assertThat(response.hasError()).as(response.getError()).isFalse();
		assertThat(response.getFileList()).extracting(CodeGeneratorResponse.File::getName)
			.contains("nested/v1/GreetServiceClient.java");
	}

	@Test
	void whenTheOuterClassHasTheNameOfAGeneratedClassThenGenerationFails() throws IOException {
		proto("outer/greet_service_blocking.proto", """
				syntax = "proto3";
				package outer;
				message Empty {}
				service GreetService {
				  rpc Greet(Empty) returns (Empty);
				}
				""");
		assertThat(generate().getError()).contains("outer/greet_service_blocking.proto")
			.contains("outer.GreetServiceBlocking")
			.contains("the outer class protoc writes for outer/greet_service_blocking.proto")
			.contains("java_outer_classname");
	}

	@Test
	void whenTwoServicesNeedTheSameClassThenGenerationFails() throws IOException {
		proto("two.proto", """
				syntax = "proto3";
				package two;
				message M {}
				service Foo {
				  rpc Call(M) returns (M);
				}
				service FooClient {
				  rpc Call(M) returns (M);
				}
				""");
		assertThat(generate().getError()).contains("service two.FooClient")
			.contains("a class generated for service two.Foo");
	}

	@Test
	void whenTwoMethodsGetTheSameJavaNameThenGenerationFails() throws IOException {
		proto("methods.proto", """
				syntax = "proto3";
				package methods;
				message M {}
				service Things {
				  rpc GetThing(M) returns (M);
				  rpc get_thing(M) returns (M);
				}
				""");
		assertThat(generate().getError()).contains("methods.proto")
			.contains("methods.Things")
			.contains("method get_thing gets the Java method name getThing, which is already used by method GetThing");
	}

	@Test
	void whenGenerationFailsThenTheResponseHasNoFiles() throws IOException {
		proto("clash.proto", """
				syntax = "proto3";
				option java_multiple_files = true;
				message SConnect {}
				service S {
				  rpc Call(SConnect) returns (SConnect);
				}
				""");
		CodeGeneratorResponse response = generate();
		assertThat(response.getError()).contains("needs a Java class named SConnect");
		assertThat(response.getFileList()).isEmpty();
	}

	private void proto(String name, String content) throws IOException {
		Path file = this.root.resolve(name);
		Files.createDirectories(file.getParent());
		Files.writeString(file, content);
	}

	private CodeGeneratorResponse generate() throws IOException {
		return ConnectCodeGenerator.generate(TestProtos.request(this.root, this.work));
	}

}
