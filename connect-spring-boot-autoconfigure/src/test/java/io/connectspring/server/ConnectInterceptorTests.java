package io.connectspring.server;

import io.connectspring.Code;
import io.connectspring.ConnectException;
import io.connectspring.ConnectInterceptor;
import io.connectspring.fixtures.EchoService;
import io.connectspring.fixtures.Envelopes;
import io.connectspring.fixtures.Envelopes.Frame;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.google.protobuf.Int32Value;
import com.google.protobuf.Message;
import com.google.protobuf.StringValue;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;

import static org.assertj.core.api.Assertions.assertThat;

/** Interceptors around served calls of every stream type, through the router as a client sees them. */
class ConnectInterceptorTests {

	private static final ConnectInterceptor REQUIRE_TOKEN = (call, requests, next) -> {
		if (!"Bearer t0ken".equals(call.requestHeaders().getFirst("Authorization"))) {
			return Flux.error(new ConnectException(Code.UNAUTHENTICATED, "no token"));
		}
		return next.proceed(requests);
	};

	/** Upper-cases string requests, doubles numbers, and tags string responses. */
	private static final ConnectInterceptor REWRITE = (call, requests, next) -> next
		.proceed(requests.map(ConnectInterceptorTests::rewriteRequest))
		.map((response) -> (response instanceof StringValue value) ? EchoService.string(value.getValue() + "!")
				: response);

	private static WebTestClient client(List<ConnectInterceptor> interceptors) {
		return WebTestClient
			.bindToRouterFunction(new ConnectRouterFunctionBuilder().interceptors(interceptors)
				.service("echo", new EchoService())
				.build())
			.build();
	}

	private static WebTestClient.ResponseSpec unary(WebTestClient client, String body, String... headers) {
		WebTestClient.RequestBodySpec request = client.post()
			.uri("/test.v1.EchoService/Echo")
			.header("Content-Type", "application/json");
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return request.bodyValue(body).exchange();
	}

	private static List<Frame> stream(WebTestClient client, String procedure, List<String> messages,
			String... headers) {
		WebTestClient.RequestBodySpec request = client.post()
			.uri("/test.v1.EchoService/" + procedure)
			.header("Content-Type", "application/connect+json");
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		byte[] body = request.bodyValue(Envelopes.json(messages.toArray(String[]::new)))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(byte[].class)
			.returnResult()
			.getResponseBody();
		return Envelopes.parse((body != null) ? body : new byte[0]);
	}

	private static Message rewriteRequest(Message request) {
		if (request instanceof StringValue value) {
			return EchoService.string(value.getValue().toUpperCase());
		}
		return EchoService.int32(((Int32Value) request).getValue() * 2);
	}

	private static String endStream(List<Frame> frames) {
		Frame last = frames.get(frames.size() - 1);
		assertThat(last.flags()).isEqualTo(2);
		return last.text();
	}

	@Test
	void metadataInterceptorRejectsUnaryCallWithoutToken() {
		unary(client(List.of(REQUIRE_TOKEN)), "\"hi\"").expectStatus()
			.isUnauthorized()
			.expectBody(String.class)
			.isEqualTo("{\"code\":\"unauthenticated\",\"message\":\"no token\"}");
	}

	@Test
	void metadataInterceptorPassesUnaryCallWithToken() {
		unary(client(List.of(REQUIRE_TOKEN)), "\"hi\"", "Authorization", "Bearer t0ken").expectStatus()
			.isOk()
			.expectBody(String.class)
			.isEqualTo("\"hi\"");
	}

	@ParameterizedTest
	@CsvSource({ "Sum, 1", "Count, 2", "Chat, '\"a\"'" })
	void metadataInterceptorRejectsStreamsWithoutToken(String procedure, String message) {
		List<Frame> frames = stream(client(List.of(REQUIRE_TOKEN)), procedure, List.of(message));
		assertThat(frames).hasSize(1);
		assertThat(endStream(frames)).isEqualTo("{\"error\":{\"code\":\"unauthenticated\",\"message\":\"no token\"}}");
	}

	@ParameterizedTest
	@CsvSource({ "Sum, 1, '{}'", "Count, 2, '{\"metadata\":{\"x-trailer\":[\"t\"]}}'", "Chat, '\"a\"', '{}'" })
	void metadataInterceptorPassesStreamsWithToken(String procedure, String message, String end) {
		List<Frame> frames = stream(client(List.of(REQUIRE_TOKEN)), procedure, List.of(message), "Authorization",
				"Bearer t0ken");
		assertThat(frames).hasSizeGreaterThan(1);
		assertThat(endStream(frames)).isEqualTo(end);
	}

	@Test
	void messageInterceptorRewritesUnaryRequestAndResponse() {
		unary(client(List.of(REWRITE)), "\"hi\"").expectStatus().isOk().expectBody(String.class).isEqualTo("\"HI!\"");
	}

	@Test
	void messageInterceptorRewritesClientStream() {
		assertThat(stream(client(List.of(REWRITE)), "Sum", List.of("1", "2"))).extracting(Frame::text)
			.containsExactly("6", "{}");
	}

	@Test
	void messageInterceptorRewritesServerStream() {
		assertThat(stream(client(List.of(REWRITE)), "Count", List.of("2"))).extracting(Frame::text)
			.containsExactly("\"1!\"", "\"2!\"", "\"3!\"", "\"4!\"", "{\"metadata\":{\"x-trailer\":[\"t\"]}}");
	}

	@Test
	void messageInterceptorRewritesBidiStream() {
		assertThat(stream(client(List.of(REWRITE)), "Chat", List.of("\"a\"", "\"b\""))).extracting(Frame::text)
			.containsExactly("\"you said A!\"", "\"you said B!\"", "{}");
	}

	@Test
	void firstInterceptorRunsOutermost() {
		List<String> events = new CopyOnWriteArrayList<>();
		ConnectInterceptor first = recording("first", events);
		ConnectInterceptor second = recording("second", events);
		unary(client(List.of(first, second)), "\"hi\"").expectStatus().isOk();
		assertThat(events).containsExactly("first request", "second request", "second response", "first response");
	}

	@Test
	void interceptorSeesAndSetsMetadata() {
		ConnectInterceptor interceptor = (call, requests, next) -> {
			call.responseHeaders().set("x-procedure", call.method().procedure());
			call.responseTrailers().set("x-side", call.side().name());
			return next.proceed(requests);
		};
		unary(client(List.of(interceptor)), "\"hi\"").expectHeader()
			.valueEquals("x-procedure", "/test.v1.EchoService/Echo")
			.expectHeader()
			.valueEquals("trailer-x-side", "SERVER");
	}

	@Test
	void interceptorThrowingConnectExceptionEndsCallWithIt() {
		ConnectInterceptor throwing = (call, requests, next) -> {
			throw new ConnectException(Code.PERMISSION_DENIED, "nope");
		};
		unary(client(List.of(throwing)), "\"hi\"").expectStatus()
			.isForbidden()
			.expectBody(String.class)
			.isEqualTo("{\"code\":\"permission_denied\",\"message\":\"nope\"}");
	}

	@Test
	void interceptorFailingWithOtherExceptionEndsStreamWithUnknown() {
		ConnectInterceptor failing = (call, requests, next) -> next.proceed(requests)
			.concatWith(Flux.error(new IllegalStateException("internal detail")));
		List<Frame> frames = stream(client(List.of(failing)), "Count", List.of("1"));
		assertThat(frames).extracting(Frame::text).first().isEqualTo("\"1\"");
		assertThat(endStream(frames)).contains("\"code\":\"unknown\"").doesNotContain("internal detail");
	}

	@Test
	void interceptorDroppingUnaryRequestLeavesTheServiceWithoutOneAsConnectGo() {
		// connect-go counts the requests where the handler reads them, after the interceptors.
		ConnectInterceptor dropping = (call, requests, next) -> next.proceed(Flux.empty());
		unary(client(List.of(dropping)), "\"hi\"").expectStatus()
			.isEqualTo(501)
			.expectBody(String.class)
			.value((body) -> assertThat(body).contains("\"code\":\"unimplemented\"")
				.contains("unary request has no messages"));
	}

	@Test
	void interceptorDuplicatingUnaryResponseGetsInternal() {
		ConnectInterceptor duplicating = (call, requests, next) -> next.proceed(requests)
			.flatMap((r) -> Flux.just(r, r));
		unary(client(List.of(duplicating)), "\"hi\"").expectStatus()
			.isEqualTo(500)
			.expectBody(String.class)
			.value((body) -> assertThat(body).contains("\"code\":\"internal\"")
				.contains("more than one response message"));
	}

	@Test
	void interceptorDuplicatingServerStreamRequestLeavesTheServiceWithTwoAsConnectGo() {
		ConnectInterceptor duplicating = (call, requests, next) -> next
			.proceed(requests.flatMap((r) -> Flux.just(r, r)));
		List<Frame> frames = stream(client(List.of(duplicating)), "Count", List.of("1"));
		assertThat(endStream(frames)).contains("\"code\":\"unimplemented\"")
			.contains("server stream request has multiple messages");
	}

	@Test
	void interceptorDuplicatingClientStreamResponseGetsInternal() {
		ConnectInterceptor duplicating = (call, requests, next) -> next.proceed(requests)
			.flatMap((r) -> Flux.just(r, r));
		List<Frame> frames = stream(client(List.of(duplicating)), "Sum", List.of("1"));
		assertThat(endStream(frames)).contains("\"code\":\"internal\"").contains("more than one response message");
	}

	@Test
	void interceptorPassingWrongMessageTypeGetsInternal() {
		ConnectInterceptor wrongType = (call, requests, next) -> next
			.proceed(requests.map((r) -> EchoService.int32(1)));
		unary(client(List.of(wrongType)), "\"hi\"").expectStatus()
			.isEqualTo(500)
			.expectBody(String.class)
			.value((body) -> assertThat(body).contains("google.protobuf.Int32Value"));
	}

	@Test
	void clientSendingTwoServerStreamRequestsStillGetsUnimplementedWithInterceptors() {
		List<Frame> frames = stream(client(List.of(REQUIRE_TOKEN)), "Count", List.of("1", "2"), "Authorization",
				"Bearer t0ken");
		assertThat(endStream(frames)).contains("\"code\":\"unimplemented\"");
	}

	@Test
	void serviceWithOwnInterceptorsIgnoresGlobalOnes() {
		WebTestClient client = WebTestClient
			.bindToRouterFunction(new ConnectRouterFunctionBuilder().interceptors(List.of(REQUIRE_TOKEN))
				.service("echo", new EchoService(), List.of(REWRITE))
				.build())
			.build();
		unary(client, "\"hi\"").expectStatus().isOk().expectBody(String.class).isEqualTo("\"HI!\"");
	}

	private static ConnectInterceptor recording(String name, List<String> events) {
		return (call, requests, next) -> next.proceed(requests.doOnNext((r) -> events.add(name + " request")))
			.doOnNext((r) -> events.add(name + " response"));
	}

}
