package io.connectspring.server;

import io.connectspring.Code;
import io.connectspring.ConnectCall;
import io.connectspring.ConnectException;
import io.connectspring.fixtures.EchoService;
import io.connectspring.fixtures.Envelopes;
import io.connectspring.fixtures.Envelopes.Frame;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** {@code @ConnectExceptionHandler} methods mapping the errors of reactive and blocking services. */
class ExceptionHandlingInterceptorTests {

	/** Fails Echo with the exception its request names; Count fails after one message; Chat is blocking. */
	static class FailingService implements BindableService {

		@Override
		public ServiceBinding bindService() {
			return ServiceBinding.builder(EchoService.DESCRIPTOR)
				.unary(EchoService.ECHO, (request, context) -> Mono.error(exception(request.getValue())))
				.blockingUnary(EchoService.POST_ONLY, (request, context) -> {
					throw exception(request.getValue());
				})
				.clientStreaming(EchoService.SUM, (requests, context) -> Mono.error(new IllegalStateException()))
				.serverStreaming(EchoService.COUNT, (request, context) -> Flux.just(EchoService.string("1"))
					.concatWith(Mono.error(new NoSuchElementException("gone mid-stream"))))
				.blockingBidiStreaming(EchoService.CHAT, (requests, context) -> Stream.of(EchoService.string("x"))
					.map((response) -> {
						throw new NoSuchElementException("blocking stream");
					}))
				.build();
		}

		static RuntimeException exception(String name) {
			return switch (name) {
				case "missing" -> new NoSuchElementException("no such thing");
				case "wrapped" -> new IllegalStateException("wrapper", new NoSuchElementException("inner"));
				case "io" -> new UncheckedIOException(new java.io.IOException("disk"));
				case "local" -> new UnsupportedOperationException("local");
				default -> new IllegalArgumentException("bad: " + name);
			};
		}

		@ConnectExceptionHandler
		ConnectException local(UnsupportedOperationException ex) {
			return new ConnectException(Code.UNIMPLEMENTED, "handled by the service");
		}

		@ConnectExceptionHandler
		ConnectException localIllegalArgument(IllegalArgumentException ex) {
			return new ConnectException(Code.INVALID_ARGUMENT, "service: " + ex.getMessage());
		}

	}

	static class Advice {

		@ConnectExceptionHandler
		ConnectException notFound(NoSuchElementException ex, ConnectCall call) {
			return new ConnectException(Code.NOT_FOUND, ex.getMessage() + " in " + call.method().methodName());
		}

		@ConnectExceptionHandler(IllegalArgumentException.class)
		ConnectException invalid(RuntimeException ex) {
			return new ConnectException(Code.INVALID_ARGUMENT, "advice: " + ex.getMessage());
		}

		@ConnectExceptionHandler
		ConnectException runtime(RuntimeException ex) {
			return null;
		}

	}

	private final FailingService service = new FailingService();

	private final WebTestClient client = WebTestClient
		.bindToRouterFunction(new ConnectRouterFunctionBuilder()
			.interceptors(List.of(new ExceptionHandlingInterceptor(List.of(new Advice()),
					Map.of(EchoService.NAME, this.service))))
			.service("failing", this.service)
			.build())
		.build();

	private String unary(String procedure, String name) {
		return this.client.post()
			.uri("/test.v1.EchoService/" + procedure)
			.header("Content-Type", "application/json")
			.bodyValue("\"" + name + "\"")
			.exchange()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
	}

	private List<Frame> stream(String procedure, String message) {
		byte[] body = this.client.post()
			.uri("/test.v1.EchoService/" + procedure)
			.header("Content-Type", "application/connect+json")
			.bodyValue(Envelopes.json(message))
			.exchange()
			.expectBody(byte[].class)
			.returnResult()
			.getResponseBody();
		return Envelopes.parse((body != null) ? body : new byte[0]);
	}

	@Test
	void adviceMapsReactiveServiceException() {
		assertThat(unary("Echo", "missing"))
			.isEqualTo("{\"code\":\"not_found\",\"message\":\"no such thing in Echo\"}");
	}

	@Test
	void adviceMapsBlockingServiceException() {
		assertThat(unary("PostOnly", "missing"))
			.isEqualTo("{\"code\":\"not_found\",\"message\":\"no such thing in PostOnly\"}");
	}

	@Test
	void serviceHandlersComeBeforeAdvice() {
		assertThat(unary("Echo", "other"))
			.isEqualTo("{\"code\":\"invalid_argument\",\"message\":\"service: bad: other\"}");
		assertThat(unary("Echo", "local")).contains("\"code\":\"unimplemented\"");
	}

	@Test
	void unmatchedExceptionIsTriedByItsCause() {
		assertThat(unary("Echo", "wrapped")).isEqualTo("{\"code\":\"not_found\",\"message\":\"inner in Echo\"}");
	}

	@Test
	void handlerReturningNullLeavesExceptionUnknown() {
		assertThat(unary("Echo", "io")).isEqualTo("{\"code\":\"unknown\",\"message\":\"internal server error\"}");
	}

	@Test
	void errorRaisedMidStreamIsMapped() {
		List<Frame> frames = stream("Count", "1");
		assertThat(frames).extracting(Frame::text)
			.containsExactly("\"1\"", "{\"error\":{\"code\":\"not_found\",\"message\":\"gone mid-stream in Count\"}}");
	}

	@Test
	void errorOfBlockingStreamIsMapped() {
		List<Frame> frames = stream("Chat", "\"a\"");
		assertThat(frames).extracting(Frame::text)
			.containsExactly("{\"error\":{\"code\":\"not_found\",\"message\":\"blocking stream in Chat\"}}");
	}

	@Test
	void closestExceptionTypeWins() {
		ExceptionHandlerMethods methods = ExceptionHandlerMethods.of(new Advice());
		ConnectException mapped = methods.handle(new IllegalArgumentException("x"), null);
		assertThat(mapped).isNotNull().extracting(ConnectException::code).isEqualTo(Code.INVALID_ARGUMENT);
	}

	@Test
	void passesThroughOnlyServicesNoHandlerAppliesTo() {
		assertThat(new ExceptionHandlingInterceptor(List.of(), Map.of(EchoService.NAME, new Object()))
			.passesThrough(EchoService.ECHO)).isTrue();
		assertThat(new ExceptionHandlingInterceptor(List.of(), Map.of(EchoService.NAME, this.service))
			.passesThrough(EchoService.ECHO)).isFalse();
		assertThat(new ExceptionHandlingInterceptor(List.of(new Advice()), Map.of()).passesThrough(EchoService.ECHO))
			.isFalse();
	}

	@Test
	void handlerWithUnsupportedParameterFailsAtStartup() {
		Object bean = new Object() {
			@ConnectExceptionHandler
			ConnectException bad(IllegalStateException ex, String other) {
				return new ConnectException(Code.INTERNAL, "x");
			}
		};
		assertThatIllegalStateException().isThrownBy(() -> ExceptionHandlerMethods.of(bean))
			.withMessageContaining("bad")
			.withMessageContaining("java.lang.String");
	}

	@Test
	void handlerNotReturningConnectExceptionFailsAtStartup() {
		Object bean = new Object() {
			@ConnectExceptionHandler
			String bad(IllegalStateException ex) {
				return "x";
			}
		};
		assertThatIllegalStateException().isThrownBy(() -> ExceptionHandlerMethods.of(bean))
			.withMessageContaining("not ConnectException");
	}

	@Test
	void twoHandlersOfOneTypeFailAtStartup() {
		Object bean = new Object() {
			@ConnectExceptionHandler
			ConnectException one(IllegalStateException ex) {
				return null;
			}

			@ConnectExceptionHandler(IllegalStateException.class)
			ConnectException two(RuntimeException ex) {
				return null;
			}
		};
		assertThatIllegalStateException().isThrownBy(() -> ExceptionHandlerMethods.of(bean))
			.withMessageContaining("handle java.lang.IllegalStateException");
	}

}
