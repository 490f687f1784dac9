package io.connectspring.validation;

import io.connectspring.Code;
import io.connectspring.ConnectException;
import io.connectspring.ConnectInterceptor;
import io.connectspring.client.CallOptions;
import io.connectspring.client.HttpConnectTransport;
import io.connectspring.client.WireProtocol;
import io.connectspring.fixtures.EchoService;
import io.connectspring.fixtures.Persons;
import io.connectspring.server.ConnectRouterFunctionBuilder;

import java.time.Duration;
import java.util.List;

import build.buf.validate.FieldPath;
import build.buf.validate.FieldPathElement;
import build.buf.validate.Violation;
import build.buf.validate.Violations;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.StringValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.test.web.reactive.server.HttpHandlerConnector;
import org.springframework.web.reactive.function.server.RouterFunctions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

import static io.connectspring.fixtures.Persons.person;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The interceptor on our server (over the in-memory connector, in the two protocols it carries) and on a client,
 * with a schema whose {@code test.v1.Person.name} must have 1 to 10 characters.
 */
class ValidationInterceptorTests {

	private static final String TOO_SHORT = "validation error:\n"
			+ " - name: value length must be at least 1 characters [string.min_len]";

	private final Persons.Service service = new Persons.Service();

	private HttpConnectTransport serving(ConnectInterceptor serverInterceptor, WireProtocol protocol) {
		var router = new ConnectRouterFunctionBuilder().interceptors(List.of(serverInterceptor))
			.service("persons", this.service)
			.service("echo", new EchoService())
			.build();
		return HttpConnectTransport.builder("http://localhost")
			.clientHttpConnector(new HttpHandlerConnector(RouterFunctions.toHttpHandler(router)))
			.protocol(protocol)
			.build();
	}

	@ParameterizedTest
	@EnumSource(value = WireProtocol.class, names = { "CONNECT", "GRPC_WEB" })
	void validRequestReachesTheService(WireProtocol protocol) {
		StepVerifier
			.create(serving(ValidationInterceptor.create(), protocol).unary(Persons.GREET, person("Ada"),
					CallOptions.defaults()))
			.assertNext((response) -> assertThat(Persons.name(response)).isEqualTo("hello Ada"))
			.verifyComplete();
		assertThat(this.service.calls).hasValue(1);
	}

	@ParameterizedTest
	@EnumSource(value = WireProtocol.class, names = { "CONNECT", "GRPC_WEB" })
	void invalidRequestFailsWithInvalidArgumentAndTheViolationsWithoutReachingTheService(WireProtocol protocol) {
		StepVerifier
			.create(serving(ValidationInterceptor.create(), protocol).unary(Persons.GREET, person(""),
					CallOptions.defaults()))
			.expectErrorSatisfies((error) -> {
				ConnectException connect = (ConnectException) error;
				assertThat(connect.code()).isEqualTo(Code.INVALID_ARGUMENT);
				assertThat(connect.rawMessage()).isEqualTo(TOO_SHORT);
				assertThat(connect.details()).singleElement().satisfies((detail) -> {
					assertThat(detail.typeName()).isEqualTo("buf.validate.Violations");
					Violation violation = detail.unpack(Violations.class).orElseThrow().getViolations(0);
					assertThat(violation.getRuleId()).isEqualTo("string.min_len");
					assertThat(violation.getField().getElements(0).getFieldName()).isEqualTo("name");
				});
			})
			.verify();
		assertThat(this.service.calls).hasValue(0);
	}

	@Test
	void everyMessageOfAClientStreamIsChecked() {
		StepVerifier
			.create(serving(ValidationInterceptor.create(), WireProtocol.CONNECT).clientStream(Persons.COUNT,
					Flux.just(person("Ada"), person("x".repeat(11))), CallOptions.defaults()))
			.expectErrorSatisfies((error) -> {
				assertThat(((ConnectException) error).code()).isEqualTo(Code.INVALID_ARGUMENT);
				assertThat(((ConnectException) error).rawMessage()).contains("[string.max_len]");
			})
			.verify();
	}

	@Test
	void aBidiStreamAnswersTheValidMessagesAndEndsAtTheFirstInvalidOne() {
		Sinks.Many<DynamicMessage> requests = Sinks.many().unicast().onBackpressureBuffer();
		StepVerifier
			.create(serving(ValidationInterceptor.create(), WireProtocol.CONNECT).bidiStream(Persons.CHAT,
					requests.asFlux(), CallOptions.defaults()))
			.then(() -> requests.tryEmitNext(person("Ada")))
			.assertNext((response) -> assertThat(Persons.name(response)).isEqualTo("Ada"))
			.then(() -> requests.tryEmitNext(person("")))
			.expectErrorSatisfies((error) -> assertThat(((ConnectException) error).rawMessage()).isEqualTo(TOO_SHORT))
			.verify(Duration.ofSeconds(10));
	}

	@Test
	void messagesWithoutRulesPass() {
		StepVerifier
			.create(serving(ValidationInterceptor.create(), WireProtocol.CONNECT).unary(EchoService.ECHO,
					StringValue.of(""), CallOptions.defaults()))
			.expectNext(StringValue.of(""))
			.verifyComplete();
	}

	@Test
	void responsesAreLeftUncheckedUnlessAsked() {
		// "hello Grace" has 11 characters: a response that breaks the rules.
		StepVerifier
			.create(serving(ValidationInterceptor.create(), WireProtocol.CONNECT).unary(Persons.GREET,
					person("Grace"), CallOptions.defaults()))
			.assertNext((response) -> assertThat(Persons.name(response)).isEqualTo("hello Grace"))
			.verifyComplete();
		StepVerifier
			.create(serving(ValidationInterceptor.create().validatingResponses(), WireProtocol.CONNECT)
				.unary(Persons.GREET, person("Grace"), CallOptions.defaults()))
			.expectErrorSatisfies((error) -> {
				assertThat(((ConnectException) error).code()).isEqualTo(Code.INTERNAL);
				assertThat(((ConnectException) error).rawMessage()).contains("[string.max_len]");
			})
			.verify();
	}

	@Test
	void aRuleThatDoesNotCompileFailsTheCallWithTheValidatorsMessage() {
		StepVerifier
			.create(serving(ValidationInterceptor.create(), WireProtocol.CONNECT).unary(Persons.CHECK,
					Persons.broken("x"), CallOptions.defaults()))
			.expectErrorSatisfies((error) -> {
				ConnectException connect = (ConnectException) error;
				assertThat(connect.code()).isEqualTo(Code.INVALID_ARGUMENT);
				assertThat(connect.details()).isEmpty();
				assertThat(connect.rawMessage()).isNotBlank().doesNotContain("Exception");
			})
			.verify();
	}

	@Test
	void onAClientAnInvalidRequestFailsBeforeItIsSent() {
		HttpConnectTransport transport = HttpConnectTransport.builder("http://localhost")
			.clientHttpConnector(new HttpHandlerConnector(RouterFunctions
				.toHttpHandler(new ConnectRouterFunctionBuilder().service("persons", this.service).build())))
			.interceptors(List.of(ValidationInterceptor.create()))
			.build();
		StepVerifier.create(transport.unary(Persons.GREET, person(""), CallOptions.defaults()))
			.expectErrorSatisfies((error) -> assertThat(((ConnectException) error).rawMessage()).isEqualTo(TOO_SHORT))
			.verify();
		assertThat(this.service.calls).hasValue(0);
	}

	@Test
	void fieldPathsAreWrittenAsProtovalidateWritesThem() {
		FieldPath path = FieldPath.newBuilder()
			.addElements(FieldPathElement.newBuilder().setFieldName("items").setIndex(2))
			.addElements(FieldPathElement.newBuilder().setFieldName("tags").setStringKey("k\"ey"))
			.addElements(FieldPathElement.newBuilder().setFieldName("flags").setBoolKey(true))
			.addElements(FieldPathElement.newBuilder().setFieldName("ids").setUintKey(-1L))
			.addElements(FieldPathElement.newBuilder().setFieldName("name"))
			.build();
		assertThat(ValidationInterceptor.path(path))
			.isEqualTo("items[2].tags[\"k\\\"ey\"].flags[true].ids[18446744073709551615].name");
	}

	@Test
	void violationsWithoutAFieldAreListedWithoutAPath() {
		Violations violations = Violations.newBuilder()
			.addViolations(Violation.newBuilder().setRuleId("message.rule").setMessage("whole message is wrong"))
			.addViolations(Violation.newBuilder()
				.setField(FieldPath.newBuilder().addElements(FieldPathElement.newBuilder().setFieldName("a")))
				.setRuleId("string.len")
				.setMessage("bad"))
			.build();
		assertThat(ValidationInterceptor.describe(violations))
			.isEqualTo("validation error:\n - whole message is wrong [message.rule]\n - a: bad [string.len]");
	}

}
