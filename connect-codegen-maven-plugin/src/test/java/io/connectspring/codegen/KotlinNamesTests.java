package io.connectspring.codegen;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KotlinNamesTests {

	@Test
	void aKotlinHardKeywordIsQuotedInBackticks() {
		assertThat(KotlinNames.identifier("fun")).isEqualTo("`fun`");
		assertThat(KotlinNames.identifier("object")).isEqualTo("`object`");
		assertThat(KotlinNames.identifier("when")).isEqualTo("`when`");
	}

	@Test
	void otherNamesAndSoftKeywordsAreKept() {
		assertThat(KotlinNames.identifier("greet")).isEqualTo("greet");
		assertThat(KotlinNames.identifier("data")).isEqualTo("data");
		assertThat(KotlinNames.identifier("new_")).isEqualTo("new_");
	}

	@Test
	void eachSegmentOfAQualifiedNameIsQuotedOnItsOwn() {
		assertThat(KotlinNames.qualified("com.example.in.v1.Is")).isEqualTo("com.example.`in`.v1.Is");
		assertThat(KotlinNames.qualified("greet.v1.GreetRequest")).isEqualTo("greet.v1.GreetRequest");
	}

}
