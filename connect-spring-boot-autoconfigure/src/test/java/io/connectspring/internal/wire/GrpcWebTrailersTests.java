package io.connectspring.internal.wire;

import io.connectspring.Code;
import io.connectspring.ConnectException;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** How the trailers frame of a gRPC-Web body is read. */
class GrpcWebTrailersTests {

	private static HttpHeaders parse(String block) {
		return GrpcWebTrailers.parse(block.getBytes(StandardCharsets.ISO_8859_1));
	}

	@Test
	void crlfAndBareLfLinesAreReadWithRepeatedNamesKept() {
		HttpHeaders trailers = parse("grpc-status: 0\r\nGrpc-Message:  ok \nx-a: 1\r\nx-a: 2");
		assertThat(trailers.getFirst("grpc-status")).isEqualTo("0");
		assertThat(trailers.getFirst("grpc-message")).isEqualTo("ok");
		assertThat(trailers.get("x-a")).containsExactly("1", "2");
	}

	@Test
	void emptyBlockAndEmptyLinesGiveNoTrailers() {
		assertThat(parse("").isEmpty()).isTrue();
		assertThat(parse("\r\n\r\n").isEmpty()).isTrue();
	}

	@Test
	void emptyValueIsKept() {
		assertThat(parse("x-empty:\r\n").getFirst("x-empty")).isEmpty();
	}

	@Test
	void malformedLinesAreInternalErrors() {
		for (String block : new String[] { "no colon", ": no name", "bad name: 1", "x: a\u0000b", "nämé: 1" }) {
			assertThatExceptionOfType(ConnectException.class).as(block)
				.isThrownBy(() -> parse(block))
				.satisfies((ex) -> assertThat(ex.code()).isEqualTo(Code.INTERNAL))
				.withMessageContaining("trailers invalid");
		}
	}

}
