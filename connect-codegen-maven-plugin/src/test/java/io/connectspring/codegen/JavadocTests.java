package io.connectspring.codegen;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JavadocTests {

	@Test
	void escapesWhatWouldEndTheCommentOrBeReadAsMarkup() {
		assertThat(Javadoc.escape("ends */ here")).isEqualTo("ends *&#47; here");
		assertThat(Javadoc.escape("<b>bold</b> & co")).isEqualTo("&lt;b&gt;bold&lt;/b&gt; &amp; co");
		assertThat(Javadoc.escape("  @param x")).isEqualTo("  &#64;param x");
		assertThat(Javadoc.escape("mail me@example.com")).isEqualTo("mail me@example.com");
		assertThat(Javadoc.escape("a \\u000a b")).isEqualTo("a &#92;u000a b");
		assertThat(Javadoc.escape("a/b")).isEqualTo("a/b");
	}

	@Test
	void linesDropProtocsLeadingSpaceAndBlankEdgesAndAppendTheGeneratedParagraph() {
		assertThat(Javadoc.lines("\n Greets.\n\n   Indented.\n\n", "Generated.")).containsExactly("Greets.", "",
				"  Indented.", "<p>", "Generated.");
		assertThat(Javadoc.lines("", "Generated.")).containsExactly("Generated.");
		assertThat(Javadoc.lines(" Only.\n", "")).containsExactly("Only.");
		assertThat(Javadoc.lines("", "")).isEmpty();
	}

}
