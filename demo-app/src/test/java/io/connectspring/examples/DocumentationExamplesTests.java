package io.connectspring.examples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every code block of the documentation is cut from a source file that is compiled (and mostly tested) in this build,
 * and fails here when the two part ways. Run with {@code -Ddocs.update=true} to rewrite the blocks from their sources.
 *
 * @see DocumentationBlocks the markers a page and a source file use
 */
class DocumentationExamplesTests {

	private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

	@Test
	void everyCodeBlockOfTheDocsIsCutFromACompiledSource() throws IOException {
		List<String> problems = new ArrayList<>();
		boolean update = Boolean.getBoolean("docs.update");
		for (Path page : pages()) {
			String text = Files.readString(page, StandardCharsets.UTF_8);
			DocumentationBlocks.Result result = DocumentationBlocks.check(ROOT, ROOT.relativize(page).toString(), text);
			if (update && !result.updated().equals(text)) {
				Files.writeString(page, result.updated(), StandardCharsets.UTF_8);
			}
			problems.addAll(update ? result.unfixable() : result.problems());
		}
		assertThat(problems).as("code blocks that differ from their sources (-Ddocs.update=true rewrites them)")
			.isEmpty();
	}

	@Test
	void theChecksFindEveryPage() throws IOException {
		assertThat(pages()).extracting((page) -> page.getFileName().toString())
			.contains("README.md", "getting-started.md", "clients.md", "interceptors.md");
	}

	private static List<Path> pages() throws IOException {
		List<Path> pages = new ArrayList<>();
		pages.add(ROOT.resolve("README.md"));
		try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
			docs.filter((path) -> path.toString().endsWith(".md")).sorted().forEach(pages::add);
		}
		return pages;
	}

}
