package io.connectspring.internal.wire;

import io.connectspring.Code;
import io.connectspring.ConnectException;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CompressionsTests {

	private final GzipCompression gzip = new GzipCompression();

	private final Compressions compressions = new Compressions(List.of(this.gzip), 1024);

	@ParameterizedTest
	@ValueSource(strings = { "gzip", "br, gzip", "br,gzip;q=0.5", " br ,\tgzip ;q=1", ",,gzip", "identity gzip" })
	void responseUsesTheFirstSupportedNameOfTheAcceptList(String accept) {
		Compressions.Negotiated negotiated = this.compressions.negotiate(null, accept);
		assertThat(negotiated.request()).isNull();
		assertThat(negotiated.response()).isSameAs(this.gzip);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", " , ", "br", "identity", "gzipx", "x-gzip;q=1" })
	void responseIsUncompressedWhenNothingAcceptedIsSupported(String accept) {
		Compressions.Negotiated negotiated = this.compressions.negotiate(null, accept);
		assertThat(negotiated.request()).isNull();
		assertThat(negotiated.response()).isNull();
	}

	@Test
	void compressedRequestGetsAResponseCompressedAlike() {
		Compressions.Negotiated negotiated = this.compressions.negotiate("gzip", "br");
		assertThat(negotiated.request()).isSameAs(this.gzip);
		assertThat(negotiated.response()).isSameAs(this.gzip);
	}

	@Test
	void unknownRequestCompressionIsUnimplementedListingTheSupportedOnes() {
		assertThatExceptionOfType(ConnectException.class).isThrownBy(() -> this.compressions.negotiate("br", null))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(Code.UNIMPLEMENTED))
			.withMessageContaining("supported encodings are gzip");
	}

	@Test
	void withoutCompressionsNothingIsNegotiated() {
		Compressions none = new Compressions(List.of(), 1024);
		assertThat(none.negotiate(null, "gzip").response()).isNull();
		assertThat(none.acceptHeader()).isEmpty();
	}

}
