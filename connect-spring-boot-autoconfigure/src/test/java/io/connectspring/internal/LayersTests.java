package io.connectspring.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The internal packages keep to their layers: the wire formats know neither side nor the HTTP stack, the call
 * runtime both sides share and the observation of calls know neither side, and the server and client sides do not
 * reach into each other. Read from the imports of the sources, so a move that breaks a layer fails here before it
 * spreads.
 */
class LayersTests {

	private static final Path INTERNAL = Path.of("src/main/java/io/connectspring/internal");

	/** The packages of either side, public and internal, and the auto-configuration above them. */
	private static final String[] EITHER_SIDE = { "io.connectspring.internal.server.",
			"io.connectspring.internal.client.", "io.connectspring.server.", "io.connectspring.client.",
			"io.connectspring.boot." };

	@Test
	void theWireLayerImportsNeitherSideNorTheHttpStack() throws IOException {
		assertThat(importsStartingWith("wire", "io.netty.", "reactor.netty.", "org.springframework.web.",
				"org.springframework.http.server.", "org.springframework.http.client.", "io.connectspring.server.",
				"io.connectspring.client.", "io.connectspring.boot.", "io.connectspring.internal.server.",
				"io.connectspring.internal.client."))
			.isEmpty();
	}

	@Test
	void theSharedCallRuntimeImportsNeitherSide() throws IOException {
		assertThat(importsStartingWith("protocol", EITHER_SIDE)).isEmpty();
	}

	@Test
	void theObservationOfCallsImportsNeitherSide() throws IOException {
		assertThat(importsStartingWith("observation", EITHER_SIDE)).isEmpty();
	}

	@Test
	void theClientSideDoesNotImportTheServerSide() throws IOException {
		assertThat(importsStartingWith("client", "io.connectspring.internal.server.")).isEmpty();
	}

	@Test
	void theServerSideDoesNotImportTheClientSide() throws IOException {
		assertThat(importsStartingWith("server", "io.connectspring.internal.client.")).isEmpty();
	}

	@Test
	void theWireLayerHasItsClasses() throws IOException {
		assertThat(sources("wire")).extracting((source) -> source.getFileName().toString())
			.contains("Envelope.java", "EnvelopeDecoder.java", "Codec.java", "Compressions.java", "GrpcStatus.java",
					"HttpStatuses.java");
	}

	/** Returns "File: import" for every import of the package's sources that starts with one of the prefixes. */
	private static List<String> importsStartingWith(String layer, String... prefixes) throws IOException {
		List<String> found = new ArrayList<>();
		for (Path source : sources(layer)) {
			for (String line : Files.readAllLines(source)) {
				String imported = importOf(line);
				if (imported != null && Stream.of(prefixes).anyMatch(imported::startsWith)) {
					found.add(source.getFileName() + ": " + imported);
				}
			}
		}
		return found;
	}

	private static @Nullable String importOf(String line) {
		String trimmed = line.strip();
		if (!trimmed.startsWith("import ")) {
			return null;
		}
		String imported = trimmed.substring("import ".length());
		if (imported.startsWith("static ")) {
			imported = imported.substring("static ".length());
		}
		return imported.endsWith(";") ? imported.substring(0, imported.length() - 1).strip() : imported;
	}

	private static List<Path> sources(String layer) throws IOException {
		try (Stream<Path> files = Files.walk(INTERNAL.resolve(layer))) {
			return files.filter((file) -> file.toString().endsWith(".java")).sorted().toList();
		}
	}

}
