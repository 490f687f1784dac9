package io.connectspring.codegen;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.compiler.PluginProtos.CodeGeneratorRequest;
import com.google.protobuf.compiler.PluginProtos.CodeGeneratorResponse;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;

/**
 * Generates Java code from the {@code .proto} files under {@link #protoSourceRoot}: protoc's message classes
 * ({@code --java_out}, unless {@link #includeMessages} is off) and the Connect service interfaces and clients. protoc
 * is resolved from the project's repositories (or {@link #protocExecutable} is used), and the Connect generator runs
 * inside Maven, so no plugin executable or script is needed on any OS. Generation is skipped when neither the
 * {@code .proto} files nor the configuration changed since the last run.
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true)
public class GenerateMojo extends AbstractMojo {

	/** The root of the {@code .proto} files to generate code for; it is also the first proto path. */
	@Parameter(property = "connect.protoSourceRoot", defaultValue = "${project.basedir}/src/main/proto",
			required = true)
	private File protoSourceRoot;

	/** Where the generated Java sources go; added to the project's compile source roots. */
	@Parameter(property = "connect.outputDirectory",
			defaultValue = "${project.build.directory}/generated-sources/connect", required = true)
	private File outputDirectory;

	/** The version of {@code com.google.protobuf:protoc} to run; defaults to the protobuf version of this plugin. */
	@Parameter(property = "connect.protocVersion")
	private String protocVersion;

	/** A local protoc executable to run instead of the one resolved from the repositories. */
	@Parameter(property = "connect.protocExecutable")
	private File protocExecutable;

	/** Whether to also generate the message classes with protoc's {@code --java_out}. */
	@Parameter(property = "connect.includeMessages", defaultValue = "true")
	private boolean includeMessages;

	/**
	 * Whether to also generate, in Kotlin, a coroutine server interface ({@code <Service>Coroutine}) and a coroutine
	 * client ({@code <Service>CoroutineClient}) for each service; the project compiles them with
	 * {@code kotlin-maven-plugin} and needs {@code kotlinx-coroutines-reactor}.
	 */
	@Parameter(property = "connect.kotlin", defaultValue = "false")
	private boolean kotlin;

	/** More proto paths for imports; no code is generated for the files found only there. */
	@Parameter
	private List<File> additionalProtoPaths = new ArrayList<>();

	/** Whether to skip the goal. */
	@Parameter(property = "connect.skip", defaultValue = "false")
	private boolean skip;

	@Parameter(defaultValue = "${project}", readonly = true, required = true)
	private MavenProject project;

	@Parameter(defaultValue = "${repositorySystemSession}", readonly = true, required = true)
	private RepositorySystemSession repositorySession;

	@Parameter(defaultValue = "${project.remoteProjectRepositories}", readonly = true, required = true)
	private List<RemoteRepository> remoteRepositories;

	@Component
	private RepositorySystem repositorySystem;

	@Override
	public void execute() throws MojoExecutionException, MojoFailureException {
		if (this.skip) {
			getLog().info("Skipping Connect code generation");
			return;
		}
		Path sourceRoot = this.protoSourceRoot.toPath().toAbsolutePath().normalize();
		Path output = this.outputDirectory.toPath().toAbsolutePath().normalize();
		Path workDirectory = Path.of(this.project.getBuild().getDirectory(), "connect-codegen");
		try {
			List<Path> protoFiles = InputStamp.protoFiles(sourceRoot);
			if (protoFiles.isEmpty()) {
				getLog().info("No .proto files under " + sourceRoot + "; nothing to generate");
				return;
			}
			List<Path> protoPaths = new ArrayList<>();
			protoPaths.add(sourceRoot);
			for (File path : this.additionalProtoPaths) {
				protoPaths.add(path.toPath().toAbsolutePath().normalize());
			}
			String version = (this.protocVersion != null) ? this.protocVersion
					: defaults().getProperty("protobuf.version");
			Path stampFile = workDirectory.resolve("inputs.sha256");
			String stamp = InputStamp.compute(protoPaths, configuration(version, output));
			if (InputStamp.isUpToDate(stampFile, stamp, output)) {
				getLog().info("Connect code is up to date");
			}
			else {
				generate(protoFiles, protoPaths, sourceRoot, output, workDirectory, version);
				InputStamp.write(stampFile, stamp);
			}
		}
		catch (IOException ex) {
			throw new MojoExecutionException("Connect code generation failed: " + ex.getMessage(), ex);
		}
		this.project.addCompileSourceRoot(output.toString());
	}

	private void generate(List<Path> protoFiles, List<Path> protoPaths, Path sourceRoot, Path output,
			Path workDirectory, String version) throws IOException, MojoExecutionException, MojoFailureException {
		Protoc protoc = new Protoc(protoc(workDirectory, version));
		Path include = workDirectory.resolve("include");
		Protoc.extractWellKnownTypes(include);
		if (output.startsWith(Path.of(this.project.getBuild().getDirectory()).toAbsolutePath().normalize())) {
			// Files of removed services must not linger; only a directory under target/ is ours to clear.
			deleteRecursively(output);
		}
		Files.createDirectories(output);
		Path descriptorSet = workDirectory.resolve("descriptor-set.binpb");
		List<String> fileNames = new ArrayList<>();
		for (Path file : protoFiles) {
			fileNames.add(sourceRoot.relativize(file).toString().replace(File.separatorChar, '/'));
		}
		List<String> arguments = new ArrayList<>();
		for (Path path : protoPaths) {
			arguments.add("--proto_path=" + path);
		}
		arguments.add("--proto_path=" + include);
		if (this.includeMessages) {
			arguments.add("--java_out=" + output);
		}
		arguments.add("--descriptor_set_out=" + descriptorSet);
		arguments.add("--include_imports");
		arguments.add("--include_source_info");
		arguments.addAll(fileNames);
		Protoc.Result result = protoc.run(arguments);
		if (!result.succeeded()) {
			throw new MojoFailureException("protoc failed on the .proto files under " + sourceRoot + ":\n"
					+ result.output().trim());
		}
		if (!result.output().isBlank()) {
			getLog().warn("protoc: " + result.output().trim());
		}
		FileDescriptorSet files = FileDescriptorSet.parseFrom(Files.readAllBytes(descriptorSet));
		CodeGeneratorRequest request = CodeGeneratorRequests.of(files, fileNames,
				CodeGeneratorRequests.parseVersion(protoc.version()))
			.toBuilder()
			.setParameter(new GeneratorOptions(this.kotlin).toParameter())
			.build();
		CodeGeneratorResponse response = ConnectCodeGenerator.generate(request);
		if (response.hasError()) {
			throw new MojoFailureException("Connect code generation failed: " + response.getError());
		}
		for (CodeGeneratorResponse.File file : response.getFileList()) {
			Path target = output.resolve(file.getName()).normalize();
			Files.createDirectories(target.getParent());
			Files.writeString(target, file.getContent(), StandardCharsets.UTF_8);
		}
		getLog().info("Generated " + response.getFileCount() + " Connect source files from " + fileNames.size()
				+ " .proto files into " + output);
	}

	/** Returns the protoc to run: the configured executable, else the resolved one copied into the work directory. */
	private Path protoc(Path workDirectory, String version) throws IOException, MojoExecutionException {
		if (this.protocExecutable != null) {
			if (!this.protocExecutable.isFile()) {
				throw new MojoExecutionException("protocExecutable " + this.protocExecutable + " does not exist");
			}
			return this.protocExecutable.toPath();
		}
		String classifier;
		try {
			classifier = ProtocClassifier.current();
		}
		catch (IllegalStateException ex) {
			throw new MojoExecutionException(ex.getMessage(), ex);
		}
		DefaultArtifact artifact = new DefaultArtifact("com.google.protobuf", "protoc", classifier, "exe", version);
		Path resolved;
		try {
			resolved = this.repositorySystem
				.resolveArtifact(this.repositorySession,
						new ArtifactRequest(artifact, this.remoteRepositories, null))
				.getArtifact()
				.getFile()
				.toPath();
		}
		catch (ArtifactResolutionException ex) {
			throw new MojoExecutionException("Cannot resolve protoc " + artifact + ": " + ex.getMessage()
					+ ". Set <protocVersion> to a published version, or <protocExecutable> to a local protoc.", ex);
		}
		Path copy = workDirectory.resolve("protoc-" + version + "-" + classifier + ".exe");
		if (!Files.isRegularFile(copy) || Files.size(copy) != Files.size(resolved)) {
			Files.createDirectories(workDirectory);
			Files.copy(resolved, copy, StandardCopyOption.REPLACE_EXISTING);
		}
		Protoc.makeExecutable(copy);
		return copy;
	}

	private String configuration(String version, Path output) {
		return "plugin=" + defaults().getProperty("plugin.version") + "\nprotoc=" + version + "\nprotocExecutable="
				+ this.protocExecutable + "\nincludeMessages=" + this.includeMessages + "\nkotlin=" + this.kotlin
				+ "\noutput=" + output;
	}

	/** Returns the defaults filtered into this plugin at build time. */
	static Properties defaults() {
		Properties properties = new Properties();
		try (InputStream in = GenerateMojo.class.getResourceAsStream("codegen.properties")) {
			if (in == null) {
				throw new IllegalStateException("codegen.properties is missing from the plugin");
			}
			properties.load(in);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read codegen.properties", ex);
		}
		return properties;
	}

	private static void deleteRecursively(Path directory) throws IOException {
		if (!Files.exists(directory)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(directory)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}

}
