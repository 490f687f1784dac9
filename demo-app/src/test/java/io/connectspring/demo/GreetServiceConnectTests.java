package io.connectspring.demo;

import io.connectspring.Code;
import io.connectspring.ConnectException;
import io.connectspring.boot.test.ConnectTest;
import io.connectspring.client.CallOptions;
import io.connectspring.client.ResponseMetadata;
import io.connectspring.demo.auth.AuthConfiguration;
import io.connectspring.demo.greet.v1.GreetRequest;
import io.connectspring.demo.greet.v1.GreetResponse;
import io.connectspring.demo.greet.v1.GreetServiceBlockingClient;
import io.connectspring.demo.greet.v1.GreetServiceClient;
import io.connectspring.demo.greet.v1.GreetStreamRequest;

import java.time.Duration;

import build.buf.validate.Violations;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The demo's GreetService without a port: {@code @ConnectTest} serves it with its interceptor (the bearer token check
 * of {@link AuthConfiguration}, imported, as the slice leaves configuration classes out), and the generated clients
 * call it in memory.
 */
// tag::test[]
@ConnectTest(services = GreetServiceImpl.class, properties = "demo.auth.token=s3cret")
@Import(AuthConfiguration.class)
class GreetServiceConnectTests {

	private static final CallOptions AUTHORIZED = CallOptions.defaults().withHeader("Authorization", "Bearer s3cret");

	@Autowired
	private GreetServiceClient client;

	@Autowired
	private GreetServiceBlockingClient blockingClient;

	@Test
	void greetAnswersWithAGreetingAndAHeader() {
		ResponseMetadata metadata = new ResponseMetadata();
		StepVerifier.create(this.client.greet(person("Ada"), AUTHORIZED.withResponseMetadata(metadata)))
			.expectNext(greeting("Hello, Ada!"))
			.verifyComplete();
		assertThat(metadata.headers().getFirst("greet-version")).isEqualTo("v1");
	}

	@Test
	void greetRejectsAnEmptyName() {
		assertThatExceptionOfType(ConnectException.class)
			.isThrownBy(() -> this.blockingClient.greet(person(""), AUTHORIZED))
			.satisfies((error) -> assertThat(error.code()).isEqualTo(Code.INVALID_ARGUMENT))
			.withMessage("invalid_argument: name is required");
	}

	@Test
	void aNameWithALineBreakBreaksTheRulesOfGreetProto() {
		// tag::violations[]
		assertThatExceptionOfType(ConnectException.class)
			.isThrownBy(() -> this.blockingClient.greet(person("Ada\nLovelace"), AUTHORIZED))
			.satisfies((error) -> {
				assertThat(error.code()).isEqualTo(Code.INVALID_ARGUMENT);
				assertThat(error.rawMessage()).isEqualTo(
						"validation error:\n - name: value contains substring `\n` [string.not_contains]");
				Violations violations = error.details().get(0).unpack(Violations.class).orElseThrow();
				assertThat(violations.getViolations(0).getRuleId()).isEqualTo("string.not_contains");
			});
		// end::violations[]
	}

	@Test
	void theInterceptorRejectsCallsWithoutTheToken() {
		StepVerifier.create(this.client.greet(person("Ada")))
			.expectErrorSatisfies((error) -> assertThat(((ConnectException) error).code())
				.isEqualTo(Code.UNAUTHENTICATED))
			.verify();
	}

	@Test
	void greetStreamSendsCountGreetings() {
		GreetStreamRequest request = GreetStreamRequest.newBuilder().setName("Ada").setCount(3).build();
		StepVerifier.create(this.client.greetStream(request, AUTHORIZED))
			.expectNext(greeting("Hello, Ada! #1"), greeting("Hello, Ada! #2"), greeting("Hello, Ada! #3"))
			.verifyComplete();
	}

	@Test
	void greetEveryoneAnswersOnceForTheWholeStream() {
		StepVerifier.create(this.client.greetEveryone(Flux.just(person("Ada"), person("Grace")), AUTHORIZED))
			.expectNext(greeting("Hello, Ada!\nHello, Grace!\n"))
			.verifyComplete();
	}

	@Test
	void converseAnswersEachGreetingAsItArrives() {
		// The next name is sent only once the previous answer has arrived: the exchange is full-duplex in memory.
		Sinks.Many<GreetRequest> names = Sinks.many().unicast().onBackpressureBuffer();
		StepVerifier.create(this.client.converse(names.asFlux(), AUTHORIZED))
			.then(() -> names.tryEmitNext(person("Ada")))
			.expectNext(greeting("Hello, Ada!"))
			.then(() -> names.tryEmitNext(person("Linus")))
			.expectNext(greeting("Hello, Linus!"))
			.then(names::tryEmitComplete)
			.expectComplete()
			.verify(Duration.ofSeconds(10));
	}

	// docs:elide // person(...) and greeting(...) build the messages
	private static GreetRequest person(String name) {
		return GreetRequest.newBuilder().setName(name).build();
	}

	private static GreetResponse greeting(String text) {
		return GreetResponse.newBuilder().setGreeting(text).build();
	}
	// docs:end-elide

}
// end::test[]
