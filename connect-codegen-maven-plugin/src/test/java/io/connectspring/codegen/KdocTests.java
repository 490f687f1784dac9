package io.connectspring.codegen;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KdocTests {

	@Test
	void bothEndsOfANestedCommentAreEscapedBecauseKotlinCommentsNest() {
		assertThat(Kdoc.escape("a /* b */ c")).isEqualTo("a &#47;* b *&#47; c");
	}

	@Test
	void anAtSignStartingALineIsEscapedSoItIsNoBlockTag() {
		assertThat(Kdoc.escape("@author me, mail@example.com")).isEqualTo("&#64;author me, mail@example.com");
	}

	@Test
	void theGeneratedTextFollowsTheProtoCommentAfterABlankLine() {
		assertThat(Kdoc.lines(" Greets.\n", "Generated.")).containsExactly("Greets.", "", "Generated.");
		assertThat(Kdoc.lines("", "Generated.")).containsExactly("Generated.");
	}

}
