package io.connectspring.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class DocumentationBlocksTests {

	@TempDir
	Path root;

	@Test
	void aSnippetIsTheTaggedRegionWithoutOtherTagsItsElisionsShortenedAndDedented() throws IOException {
		source("""
				class A {
					// tag::m[]
					void m() {
						// tag::inner[]
						int a = 1;
						// end::inner[]
						// docs:elide // ...
						int b = 2;
						// docs:end-elide
						// docs:elide
						int c = 3;
						// docs:end-elide
					}
					// end::m[]
				}
				""");
		assertThat(DocumentationBlocks.region(this.root.resolve("A.java"), "m"))
			.containsExactly("void m() {", "\tint a = 1;", "\t// ...", "}");
	}

	@Test
	void aBlockThatDiffersFromItsRegionIsReportedAndRewritten() throws IOException {
		source("class A {\n\t// tag::m[]\n\tint a = 1;\n\t// end::m[]\n}\n");
		String page = "Text\n\n<!-- snippet: A.java#m -->\n```java\nint a = 2;\n```\n";
		DocumentationBlocks.Result result = DocumentationBlocks.check(this.root, "page.md", page);
		assertThat(result.problems()).singleElement().asString().contains("page.md:4", "differs from A.java#m");
		assertThat(result.unfixable()).isEmpty();
		assertThat(result.updated()).isEqualTo("Text\n\n<!-- snippet: A.java#m -->\n```java\nint a = 1;\n```\n");
	}

	@Test
	void aBlockWithoutMarkerOrWithAMissingRegionCannotBeFixed() throws IOException {
		source("class A {\n}\n");
		String page = "```java\nint a;\n```\n<!-- snippet: A.java#gone -->\n```java\nint b;\n```\n";
		assertThat(DocumentationBlocks.check(this.root, "page.md", page).unfixable()).hasSize(2);
	}

	@Test
	void aSignatureSketchMustDeclareOnlyWhatTheSourceDeclares() throws IOException {
		source("public interface A {\n\tMono<String> greet(String name, int count);\n}\n");
		String good = "<!-- signatures: A.java -->\n```java\npublic interface A {\n\tMono<String> greet(String name,"
				+ " int count); // a comment\n}\n```\n";
		String bad = good.replace("int count", "long count");
		assertThat(DocumentationBlocks.check(this.root, "page.md", good).problems()).isEmpty();
		assertThat(DocumentationBlocks.check(this.root, "page.md", bad).problems()).singleElement()
			.asString()
			.contains("long count");
	}

	@Test
	void otherLanguagesAreNotChecked() {
		String page = "```yaml\nconnect:\n  server: {}\n```\n";
		assertThat(DocumentationBlocks.check(this.root, "page.md", page).problems()).isEmpty();
	}

	private void source(String text) throws IOException {
		Files.writeString(this.root.resolve("A.java"), text);
	}

}
