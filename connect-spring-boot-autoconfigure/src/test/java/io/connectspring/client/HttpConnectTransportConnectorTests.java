package io.connectspring.client;

import io.connectspring.Code;
import io.connectspring.ConnectException;
import io.connectspring.fixtures.EchoService;
import io.connectspring.server.ConnectRouterFunctionBuilder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.google.protobuf.StringValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.test.web.reactive.server.HttpHandlerConnector;
import org.springframework.web.reactive.function.server.RouterFunctions;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import static io.connectspring.fixtures.EchoService.int32;
import static io.connectspring.fixtures.EchoService.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Calls over a Spring {@code ClientHttpConnector} instead of Reactor Netty: spring-test's in-memory
 * {@link HttpHandlerConnector} on our router, with no socket, in the two protocols that need no HTTP trailers. The four
 * stream types over it are among {@link HttpConnectTransportStreamTypesTests}.
 */
class HttpConnectTransportConnectorTests {

	private static final HttpHandler handler = RouterFunctions
		.toHttpHandler(new ConnectRouterFunctionBuilder().service("echo", new EchoService()).build());

	private static final List<HttpConnectTransport> transports = new ArrayList<>();

	static Stream<Arguments> transports() {
		List<Arguments> arguments = new ArrayList<>();
		for (WireProtocol protocol : List.of(WireProtocol.CONNECT, WireProtocol.GRPC_WEB)) {
			for (String codec : List.of("proto", "json")) {
				arguments.add(Arguments.of(protocol, codec));
			}
		}
		return arguments.stream();
	}

	private static HttpConnectTransport transport(WireProtocol protocol, String codec) {
		return track(builder().protocol(protocol).codec(codec).build());
	}

	private static HttpConnectTransport.Builder builder() {
		return HttpConnectTransport.builder("http://localhost").clientHttpConnector(new HttpHandlerConnector(handler));
	}

	private static HttpConnectTransport track(HttpConnectTransport transport) {
		transports.add(transport);
		return transport;
	}

	@AfterAll
	static void closeTransports() {
		transports.forEach(HttpConnectTransport::close);
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("transports")
	void errorArrivesWithCodeDetailsAndMetadata(WireProtocol protocol, String codec) {
		HttpConnectTransport transport = transport(protocol, codec);
		StepVerifier.create(transport.unary(EchoService.ECHO, string("fail:not_found"), CallOptions.defaults()))
			.expectErrorSatisfies((error) -> {
				ConnectException connect = (ConnectException) error;
				assertThat(connect.code()).isEqualTo(Code.NOT_FOUND);
				assertThat(connect.rawMessage()).isEqualTo("failed as asked");
				assertThat(connect.details()).singleElement()
					.satisfies((detail) -> assertThat(detail.unpack(StringValue.class)).contains(string("detail")));
				assertThat(connect.metadata().getFirst("x-error-meta")).isEqualTo("m");
			})
			.verify();
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("transports")
	void errorMidStreamEndsTheStreamAfterTheMessagesBeforeIt(WireProtocol protocol, String codec) {
		HttpConnectTransport transport = transport(protocol, codec);
		StepVerifier.create(transport.serverStream(EchoService.COUNT, int32(-1), CallOptions.defaults()))
			.expectNext(string("1"))
			.expectErrorSatisfies((error) -> assertThat(((ConnectException) error).code()).isEqualTo(Code.OUT_OF_RANGE))
			.verify();
	}

	@Test
	void requestHeadersUserAgentAndTheLengthOfAUnaryRequestReachTheService() {
		StepVerifier
			.create(transport(WireProtocol.CONNECT, "proto").unary(EchoService.ECHO, string("request-headers"),
					CallOptions.defaults().withHeader("x-test", "1")))
			.assertNext((response) -> assertThat(response.getValue().split(","))
				.contains("x-test", "User-Agent", "Content-Length"))
			.verifyComplete();
	}

	@Test
	void getRequestsReachTheServiceAsGet() {
		HttpConnectTransport transport = track(builder().getRequests(true).build());
		StepVerifier.create(transport.unary(EchoService.ECHO, string("http-method"), CallOptions.defaults()))
			.expectNext(string("GET"))
			.verifyComplete();
	}

	@Test
	void timeoutCancelsAStreamThatNeverEnds() {
		HttpConnectTransport transport = track(builder().timeout(Duration.ofMillis(200)).build());
		StepVerifier.create(transport.serverStream(EchoService.COUNT, int32(Integer.MAX_VALUE), CallOptions.defaults()))
			.expectErrorSatisfies(
					(error) -> assertThat(((ConnectException) error).code()).isEqualTo(Code.DEADLINE_EXCEEDED))
			.verify(Duration.ofSeconds(10));
	}

	@Test
	void requestTooLargeToSendFailsTheCallWithResourceExhausted() {
		HttpConnectTransport transport = track(builder().sendMaxBytes(16).build());
		StepVerifier
			.create(transport.bidiStream(EchoService.CHAT, Flux.just(string("short"), string("x".repeat(100))),
					CallOptions.defaults()))
			.expectNext(string("you said short"))
			.expectErrorSatisfies(
					(error) -> assertThat(((ConnectException) error).code()).isEqualTo(Code.RESOURCE_EXHAUSTED))
			.verify(Duration.ofSeconds(10));
	}

	@Test
	void grpcIsRejectedForItNeedsTrailers() {
		assertThatIllegalArgumentException().isThrownBy(() -> builder().protocol(WireProtocol.GRPC).build())
			.withMessageContaining("HTTP/2 trailers");
	}

	@Test
	void settingsOfTheOwnClientAreRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> builder().httpVersion(HttpVersion.H2C).build())
			.withMessageContaining("leave httpVersion, httpClient and ssl unset");
	}

}
