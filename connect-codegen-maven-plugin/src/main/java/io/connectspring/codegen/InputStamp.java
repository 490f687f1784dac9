package io.connectspring.codegen;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * A SHA-256 over everything generation depends on: the path and content of every {@code .proto} file under the
 * proto paths, the goal's configuration and the generator's own classes (so that a rebuilt snapshot of the plugin
 * regenerates even though its version did not change). The goal stores it in a stamp file after generating, and
 * skips the next run when the stamp matches and the output is still there.
 */
final class InputStamp {

	/** The classes whose code decides what is generated. */
	private static final List<Class<?>> GENERATOR_CLASSES = List.of(ConnectCodeGenerator.class, ServiceWriter.class,
			ServiceModel.class, JavaNames.class, JavaTypes.class, Javadoc.class);

	private static final String GENERATOR = generatorFingerprint();

	private InputStamp() {
	}

	private static String generatorFingerprint() {
		MessageDigest digest = sha256();
		for (Class<?> type : GENERATOR_CLASSES) {
			try (InputStream in = type.getResourceAsStream(type.getSimpleName() + ".class")) {
				if (in == null) {
					throw new IllegalStateException("Class file of " + type.getName() + " is missing from the plugin");
				}
				digest.update(in.readAllBytes());
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot read the class file of " + type.getName(), ex);
			}
		}
		return HexFormat.of().formatHex(digest.digest());
	}

	/**
	 * Computes the stamp of the {@code .proto} files under the given roots (missing roots count as empty) and a
	 * description of the configuration.
	 */
	static String compute(List<Path> protoRoots, String configuration) throws IOException {
		MessageDigest digest = sha256();
		update(digest, configuration);
		update(digest, "generator:" + GENERATOR);
		for (Path root : protoRoots) {
			update(digest, "root:" + root.toAbsolutePath().normalize());
			for (Path file : protoFiles(root)) {
				byte[] content = Files.readAllBytes(file);
				update(digest, "file:" + root.relativize(file).toString().replace('\\', '/') + ":" + content.length);
				digest.update(content);
			}
		}
		return HexFormat.of().formatHex(digest.digest());
	}

	/**
	 * Returns whether the stamp file holds the given stamp and the output directory exists and is not empty, so
	 * generation may be skipped.
	 */
	static boolean isUpToDate(Path stampFile, String stamp, Path outputDirectory) throws IOException {
		if (!Files.isRegularFile(stampFile) || !Files.isDirectory(outputDirectory)) {
			return false;
		}
		try (Stream<Path> entries = Files.list(outputDirectory)) {
			if (entries.findAny().isEmpty()) {
				return false;
			}
		}
		return Files.readString(stampFile, StandardCharsets.UTF_8).trim().equals(stamp);
	}

	/** Writes the stamp, creating the file's directory if needed. */
	static void write(Path stampFile, String stamp) throws IOException {
		Files.createDirectories(stampFile.toAbsolutePath().getParent());
		Files.writeString(stampFile, stamp + "\n", StandardCharsets.UTF_8);
	}

	/** Returns the {@code .proto} files under a root, sorted by path; none if the root does not exist. */
	static List<Path> protoFiles(Path root) throws IOException {
		if (!Files.isDirectory(root)) {
			return List.of();
		}
		try (Stream<Path> files = Files.walk(root)) {
			return files
				.filter((file) -> Files.isRegularFile(file) && file.getFileName().toString().endsWith(".proto"))
				.sorted()
				.toList();
		}
		catch (UncheckedIOException ex) {
			throw ex.getCause();
		}
	}

	private static void update(MessageDigest digest, String text) {
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		digest.update(bytes);
		// A separator no path or configuration contains, so that ("ab", "c") and ("a", "bc") differ.
		digest.update((byte) 0);
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every JVM", ex);
		}
	}

}
