package io.connectspring.codegen;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class GeneratorOptionsTests {

	@Test
	void anEmptyParameterMeansJavaOnly() {
		assertThat(GeneratorOptions.parse("")).isEqualTo(GeneratorOptions.DEFAULTS);
		assertThat(GeneratorOptions.DEFAULTS.kotlin()).isFalse();
	}

	@Test
	void kotlinIsTurnedOnByValueOrByItsKeyAlone() {
		assertThat(GeneratorOptions.parse("kotlin=true").kotlin()).isTrue();
		assertThat(GeneratorOptions.parse("kotlin").kotlin()).isTrue();
		assertThat(GeneratorOptions.parse(" kotlin = TRUE ,").kotlin()).isTrue();
		assertThat(GeneratorOptions.parse("kotlin=false").kotlin()).isFalse();
	}

	@Test
	void theParameterOfOptionsParsesBackToThem() {
		for (boolean kotlin : new boolean[] { true, false }) {
			GeneratorOptions options = new GeneratorOptions(kotlin);
			assertThat(GeneratorOptions.parse(options.toParameter())).isEqualTo(options);
		}
		assertThat(GeneratorOptions.DEFAULTS.toParameter()).isEmpty();
	}

	@Test
	void anUnknownOptionIsAnErrorThatListsTheKnownOnes() {
		assertThatExceptionOfType(CodeGenerationException.class).isThrownBy(() -> GeneratorOptions.parse("kotln=true"))
			.withMessage("Unknown option 'kotln' in the plugin parameter 'kotln=true'; the options are: kotlin=true|false");
	}

	@Test
	void aValueThatIsNotABooleanIsAnError() {
		assertThatExceptionOfType(CodeGenerationException.class).isThrownBy(() -> GeneratorOptions.parse("kotlin=yes"))
			.withMessage("Option kotlin must be true or false, not 'yes'");
	}

}
