package io.connectspring.codegen;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Runs the {@code generate} goal in-process on a small project, with the build's protoc as
 * {@code protocExecutable} (resolution from repositories is exercised by demo-app's build).
 */
class GenerateMojoTests {

	@TempDir
	Path basedir;

	private MavenProject project;

	private Path output;

	@BeforeEach
	void project() throws IOException {
		this.project = new MavenProject();
		this.project.getBuild().setDirectory(this.basedir.resolve("target").toString());
		this.output = this.basedir.resolve("target/generated-sources/connect");
		proto("greet/v1/greet.proto", """
				syntax = "proto3";
				package greet.v1;
				import "google/protobuf/empty.proto";
				option java_multiple_files = true;
				message GreetRequest { string name = 1; }
				message GreetResponse { string greeting = 1; }
				service GreetService {
				  rpc Greet(GreetRequest) returns (GreetResponse);
				  rpc Ping(google.protobuf.Empty) returns (google.protobuf.Empty);
				}
				""");
	}

	@Test
	void generatesMessagesAndConnectCodeAndAddsTheCompileSourceRoot() throws Exception {
		mojo(true).execute();
		assertThat(this.output.resolve("greet/v1/GreetRequest.java")).isRegularFile();
		assertThat(this.output.resolve("greet/v1/GreetServiceConnect.java")).isRegularFile();
		assertThat(this.output.resolve("greet/v1/GreetServiceBlockingClient.java")).isRegularFile();
		assertThat(this.project.getCompileSourceRoots()).containsExactly(this.output.toString());
		assertThat(this.basedir.resolve("target/connect-codegen/inputs.sha256")).isRegularFile();
	}

	@Test
	void withoutMessagesOnlyConnectCodeIsGenerated() throws Exception {
		mojo(false).execute();
		assertThat(this.output.resolve("greet/v1/GreetRequest.java")).doesNotExist();
		assertThat(this.output.resolve("greet/v1/GreetService.java")).isRegularFile();
	}

	@Test
	void withKotlinTheCoroutineInterfaceAndClientAreGeneratedBesideTheJavaCode() throws Exception {
		GenerateMojo mojo = mojo(true);
		set(mojo, "kotlin", true);
		mojo.execute();
		assertThat(this.output.resolve("greet/v1/GreetServiceCoroutine.kt")).isRegularFile();
		assertThat(this.output.resolve("greet/v1/GreetServiceCoroutineClient.kt")).isRegularFile();
		assertThat(this.output.resolve("greet/v1/GreetService.java")).isRegularFile();
	}

	@Test
	void turningKotlinOffRemovesTheKotlinSources() throws Exception {
		GenerateMojo withKotlin = mojo(true);
		set(withKotlin, "kotlin", true);
		withKotlin.execute();
		mojo(true).execute();
		assertThat(this.output.resolve("greet/v1/GreetServiceCoroutine.kt")).doesNotExist();
		assertThat(this.output.resolve("greet/v1/GreetService.java")).isRegularFile();
	}

	@Test
	void whenNothingChangedThenTheSecondRunKeepsTheOutputAndStillAddsTheSourceRoot() throws Exception {
		mojo(true).execute();
		Path marker = Files.writeString(this.output.resolve("marker.txt"), "kept when up to date");
		MavenProject second = new MavenProject();
		second.getBuild().setDirectory(this.project.getBuild().getDirectory());
		this.project = second;
		mojo(true).execute();
		assertThat(marker).exists();
		assertThat(second.getCompileSourceRoots()).containsExactly(this.output.toString());
		proto("greet/v1/greet.proto", Files.readString(this.basedir.resolve("src/main/proto/greet/v1/greet.proto"))
			.replace("string name = 1;", "string name = 1; int32 times = 2;"));
		mojo(true).execute();
		assertThat(marker).doesNotExist();
	}

	@Test
	void aProtoErrorFailsTheBuildWithProtocsMessage() throws Exception {
		proto("broken.proto", "syntax = \"proto3\";\nmessage Broken { strin name = 1; }\n");
		assertThatExceptionOfType(MojoFailureException.class).isThrownBy(() -> mojo(true).execute())
			.withMessageContaining("broken.proto:2:18: \"strin\" is not defined.");
	}

	@Test
	void aNameClashFailsTheBuildWithTheGeneratorsMessage() throws Exception {
		proto("clash/clash.proto", """
				syntax = "proto3";
				package clash;
				option java_multiple_files = true;
				message FooClient {}
				service Foo { rpc Call(FooClient) returns (FooClient); }
				""");
		assertThatExceptionOfType(MojoFailureException.class).isThrownBy(() -> mojo(true).execute())
			.withMessageContaining("clash/clash.proto: service clash.Foo needs a Java class named clash.FooClient");
	}

	@Test
	void theDefaultProtocVersionIsTheOneThePluginWasBuiltWith() {
		assertThat(GenerateMojo.defaults().getProperty("protobuf.version")).matches("\\d+\\.\\d+\\.\\d+.*");
	}

	private GenerateMojo mojo(boolean includeMessages) throws Exception {
		GenerateMojo mojo = new GenerateMojo();
		set(mojo, "protoSourceRoot", this.basedir.resolve("src/main/proto").toFile());
		set(mojo, "outputDirectory", this.output.toFile());
		set(mojo, "protocExecutable", TestProtos.protocPath().toFile());
		set(mojo, "includeMessages", includeMessages);
		set(mojo, "project", this.project);
		return mojo;
	}

	private void proto(String name, String content) throws IOException {
		Path file = this.basedir.resolve("src/main/proto").resolve(name);
		Files.createDirectories(file.getParent());
		Files.writeString(file, content);
	}

	private static void set(Object target, String name, Object value) throws ReflectiveOperationException {
		Field field = GenerateMojo.class.getDeclaredField(name);
		field.setAccessible(true);
		field.set(target, value);
	}

}
