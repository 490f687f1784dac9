package io.connectspring.client;

import io.connectspring.Code;
import io.connectspring.ConnectException;
import io.connectspring.ConnectInterceptor;
import io.connectspring.fixtures.ConnectServerExtension;
import io.connectspring.fixtures.EchoService;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import static io.connectspring.fixtures.EchoService.int32;
import static io.connectspring.fixtures.EchoService.string;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * How many messages each side of a call carries, when an interceptor breaks what the stream type promises (the
 * transport's own methods cannot); a server that does is in the bad-server tests.
 */
class HttpConnectTransportCardinalityTests {

	@RegisterExtension
	static final ConnectServerExtension server = new ConnectServerExtension(List.of());

	private HttpConnectTransport transport;

	@AfterEach
	void close() {
		if (this.transport != null) {
			this.transport.close();
		}
	}

	private HttpConnectTransport build(HttpConnectTransport.Builder builder) {
		this.transport = builder.build();
		return this.transport;
	}

	@ParameterizedTest
	@ValueSource(strings = { "CONNECT", "GRPC_WEB" })
	void interceptorDuplicatingAUnaryRequestFailsTheCall(String protocol) {
		ConnectInterceptor duplicating = (call, requests, next) -> next.proceed(requests.concatWith(requests));
		HttpConnectTransport transport = build(HttpConnectTransport.builder(server.baseUrl())
			.protocol(WireProtocol.valueOf(protocol))
			.interceptors(List.of(duplicating)));
		StepVerifier.create(transport.unary(EchoService.ECHO, string("x"), CallOptions.defaults()))
			.expectErrorSatisfies((error) -> {
				assertThat(((ConnectException) error).code()).isEqualTo(Code.INTERNAL);
				assertThat(error).hasMessageContaining("passed more than one request message");
			})
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void interceptorDroppingAServerStreamRequestFailsTheCall() {
		ConnectInterceptor dropping = (call, requests, next) -> next.proceed(Flux.empty());
		HttpConnectTransport transport = build(
				HttpConnectTransport.builder(server.baseUrl()).interceptors(List.of(dropping)));
		StepVerifier.create(transport.serverStream(EchoService.COUNT, int32(2), CallOptions.defaults()))
			.expectErrorSatisfies((error) -> {
				assertThat(((ConnectException) error).code()).isEqualTo(Code.INTERNAL);
				assertThat(error).hasMessageContaining("passed no request message");
			})
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void interceptorDroppingTheUnaryResponseGetsUnimplemented() {
		ConnectInterceptor dropping = (call, requests, next) -> next.proceed(requests).filter((response) -> false);
		HttpConnectTransport transport = build(
				HttpConnectTransport.builder(server.baseUrl()).interceptors(List.of(dropping)));
		// The interceptor chain may name the interceptor (internal) before the transport counts (unimplemented).
		StepVerifier.create(transport.unary(EchoService.ECHO, string("x"), CallOptions.defaults()))
			.expectErrorSatisfies(
					(error) -> assertThat(((ConnectException) error).code()).isIn(Code.UNIMPLEMENTED, Code.INTERNAL))
			.verify(Duration.ofSeconds(5));
	}

}
