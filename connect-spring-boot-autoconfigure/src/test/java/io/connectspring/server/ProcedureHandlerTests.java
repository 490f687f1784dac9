package io.connectspring.server;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

class ProcedureHandlerTests {

	@Test
	void contentLengthAboveZeroIsABody() {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentLength(3);
		assertThat(ProcedureHandler.hasBody(headers)).isTrue();
	}

	@Test
	void chunkedTransferEncodingOverHttp1IsABody() {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.TRANSFER_ENCODING, "chunked");
		assertThat(ProcedureHandler.hasBody(headers)).isTrue();
	}

	@Test
	void transferEncodingReactorNettyAddsToAnHttp2StreamIsNoBody() {
		// Go's HTTP/2 client ends a bodiless GET with an empty DATA frame; Reactor Netty then adds the header.
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.TRANSFER_ENCODING, "chunked");
		headers.set("x-http2-stream-id", "3");
		assertThat(ProcedureHandler.hasBody(headers)).isFalse();
	}

	@Test
	void noLengthAndNoTransferEncodingIsNoBody() {
		assertThat(ProcedureHandler.hasBody(new HttpHeaders())).isFalse();
	}

}
