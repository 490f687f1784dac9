package io.connectspring.internal.server;

import io.connectspring.fixtures.EchoService;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CallStateTests {

	private static CallState call(HttpHeaders headers) {
		return new CallState(EchoService.ECHO, headers, null, "connect", "POST", new LinkedMultiValueMap<>());
	}

	@Test
	void requestHeadersOfAnHttp2RequestLeaveOutWhatReactorNettyAdded() {
		HttpHeaders received = new HttpHeaders();
		received.set("content-type", "application/proto");
		received.set("x-custom", "a");
		received.set("x-http2-scheme", "http");
		received.set("x-http2-stream-id", "5");
		received.set("transfer-encoding", "chunked");
		HttpHeaders seen = call(received).requestHeaders();
		assertThat(seen.headerNames()).containsExactlyInAnyOrder("content-type", "x-custom");
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> seen.add("x-more", "b"));
	}

	@Test
	void requestHeadersOfAnHttp1RequestAreAsReceivedAndReadOnly() {
		HttpHeaders received = new HttpHeaders();
		received.set("transfer-encoding", "chunked");
		received.set("x-custom", "a");
		HttpHeaders seen = call(received).requestHeaders();
		assertThat(seen.headerNames()).containsExactlyInAnyOrder("transfer-encoding", "x-custom");
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> seen.add("x-more", "b"));
	}

	@Test
	void queryParamsAreTheOnesGiven() {
		MultiValueMap<String, String> query = new LinkedMultiValueMap<>();
		query.add("encoding", "json");
		CallState call = new CallState(EchoService.ECHO, new HttpHeaders(), null, "connect", "GET", query);
		assertThat(call.queryParams().getFirst("encoding")).isEqualTo("json");
	}

	@Test
	void sendHeadersNowReachesTheListenerWhetherItCameBeforeOrAfter() {
		AtomicInteger sent = new AtomicInteger();
		CallState early = call(new HttpHeaders());
		early.sendHeadersNow();
		early.onSendHeadersNow(sent::incrementAndGet);
		assertThat(sent).hasValue(1);
		CallState late = call(new HttpHeaders());
		late.onSendHeadersNow(sent::incrementAndGet);
		assertThat(sent).hasValue(1);
		late.sendHeadersNow();
		assertThat(sent).hasValue(2);
	}

}
