package io.connectspring.server;

import io.connectspring.ConnectInterceptor;
import io.connectspring.MethodDescriptor;
import io.connectspring.fixtures.EchoService;
import io.connectspring.internal.protocol.InterceptorChain;
import io.connectspring.internal.server.TestCallStates;

import java.util.List;
import java.util.function.Consumer;

import com.google.protobuf.Message;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/**
 * The one place where the server counts a call's messages: what each stream type promises, kept around every handler
 * whatever built it, with and without interceptors.
 */
class BindingInvokerTests {

	private static final ConnectInterceptor PASSING = (call, requests, next) -> next.proceed(requests);

	private static BindingInvoker invoker(Consumer<ServiceBinding.Builder> bind, MethodDescriptor<?, ?> method,
			ConnectInterceptor... interceptors) {
		ServiceBinding.Builder builder = ServiceBinding.builder(EchoService.DESCRIPTOR);
		bind.accept(builder);
		for (MethodDescriptor<?, ?> other : EchoService.DESCRIPTOR.methods()) {
			if (other != method) {
				bindAny(builder, other);
			}
		}
		ServiceBinding.MethodBinding<?, ?> binding = builder.build().handlers().get(method.methodName());
		return new BindingInvoker(binding, InterceptorChain.of(List.of(interceptors)), Schedulers.boundedElastic());
	}

	@SuppressWarnings("unchecked")
	private static void bindAny(ServiceBinding.Builder builder, MethodDescriptor<?, ?> method) {
		builder.handler((MethodDescriptor<Message, Message>) method, (requests, context, scheduler) -> requests,
				false);
	}

	private static Flux<Message> invoke(BindingInvoker invoker, Message... requests) {
		return invoker.invoke(Flux.just(requests), TestCallStates.of(invoker.method()));
	}

	@Test
	void aUnaryImplementationThatAnswersNothingIsInternal() {
		BindingInvoker invoker = invoker(
				(builder) -> builder.unary(EchoService.ECHO, (request, context) -> Mono.empty()), EchoService.ECHO);
		StepVerifier.create(invoke(invoker, EchoService.string("x")))
			.expectErrorMessage("internal: the implementation of /test.v1.EchoService/Echo completed without a"
					+ " response message")
			.verify();
		StepVerifier
			.create(invoker.invokeUnary(Mono.just(EchoService.string("x")), TestCallStates.of(EchoService.ECHO)))
			.expectErrorMessage("internal: the implementation of /test.v1.EchoService/Echo completed without a"
					+ " response message")
			.verify();
	}

	@Test
	void aBlockingUnaryImplementationReturningNullIsInternal() {
		BindingInvoker invoker = invoker(
				(builder) -> builder.blockingUnary(EchoService.ECHO, (request, context) -> null), EchoService.ECHO);
		StepVerifier
			.create(invoker.invokeUnary(Mono.just(EchoService.string("x")), TestCallStates.of(EchoService.ECHO)))
			.expectErrorMessage("internal: the implementation of /test.v1.EchoService/Echo completed without a"
					+ " response message")
			.verify();
	}

	@Test
	void aHandlerOfAUnaryProcedureSeesExactlyOneRequest() {
		BindingInvoker invoker = invoker((builder) -> builder.handler(EchoService.ECHO,
				(requests, context, scheduler) -> requests, false), EchoService.ECHO);
		StepVerifier.create(invoke(invoker, EchoService.string("a"), EchoService.string("b")))
			.expectNext(EchoService.string("a"))
			.expectErrorMessage("unimplemented: unary request has multiple messages")
			.verify();
		StepVerifier.create(invoke(invoker))
			.expectErrorMessage("unimplemented: unary request has no messages")
			.verify();
	}

	@Test
	void aServerStreamWithoutItsRequestIsUnimplementedBeforeTheImplementationRuns() {
		BindingInvoker invoker = invoker((builder) -> builder.serverStreaming(EchoService.COUNT,
				(request, context) -> Flux.error(new AssertionError("must not run"))), EchoService.COUNT);
		StepVerifier.create(invoke(invoker))
			.expectErrorMessage("unimplemented: server stream request has no messages")
			.verify();
		StepVerifier.create(invoke(invoker, EchoService.int32(1), EchoService.int32(2)))
			.expectErrorMessage("unimplemented: server stream request has multiple messages")
			.verify();
	}

	@Test
	void aHandlerOfAClientStreamingProcedureMustAnswerExactlyOnce() {
		BindingInvoker twice = invoker((builder) -> builder.handler(EchoService.SUM,
				(requests, context, scheduler) -> requests, false), EchoService.SUM);
		StepVerifier.create(invoke(twice, EchoService.int32(1), EchoService.int32(2)))
			.expectNext(EchoService.int32(1))
			.expectErrorMessage("internal: the implementation of /test.v1.EchoService/Sum sent more than one response"
					+ " message")
			.verify();
		BindingInvoker never = invoker((builder) -> builder.handler(EchoService.SUM,
				(requests, context, scheduler) -> Flux.empty(), false), EchoService.SUM);
		StepVerifier.create(invoke(never))
			.expectErrorMessage("internal: the implementation of /test.v1.EchoService/Sum completed without a"
					+ " response message")
			.verify();
	}

	@Test
	void streamingSidesAreNotCounted() {
		BindingInvoker invoker = invoker((builder) -> builder.bidiStreaming(EchoService.CHAT,
				(requests, context) -> requests), EchoService.CHAT);
		StepVerifier.create(invoke(invoker)).verifyComplete();
		StepVerifier.create(invoke(invoker, EchoService.string("a"), EchoService.string("b")))
			.expectNextCount(2)
			.verifyComplete();
	}

	@Test
	void anInterceptorThatDropsTheRequestLeavesTheHandlerWithoutOneAsConnectGoWould() {
		ConnectInterceptor dropping = (call, requests, next) -> next.proceed(Flux.empty());
		BindingInvoker invoker = invoker(
				(builder) -> builder.unary(EchoService.ECHO, (request, context) -> Mono.just(request)),
				EchoService.ECHO, dropping);
		StepVerifier.create(invoke(invoker, EchoService.string("x")))
			.expectErrorMessage("unimplemented: unary request has no messages")
			.verify();
	}

	@Test
	void aMissingResponseWithInterceptorsMayBeTheirs() {
		BindingInvoker invoker = invoker(
				(builder) -> builder.unary(EchoService.ECHO, (request, context) -> Mono.empty()), EchoService.ECHO,
				PASSING);
		StepVerifier.create(invoke(invoker, EchoService.string("x")))
			.expectErrorMessage("internal: the implementation of /test.v1.EchoService/Echo or an interceptor"
					+ " completed without a response message")
			.verify();
	}

	@Test
	void anInterceptorThatDuplicatesAResponseIsInternal() {
		ConnectInterceptor duplicating = (call, requests, next) -> next.proceed(requests)
			.flatMap((response) -> Flux.just(response, response));
		BindingInvoker invoker = invoker(
				(builder) -> builder.unary(EchoService.ECHO, (request, context) -> Mono.just(request)),
				EchoService.ECHO, duplicating);
		StepVerifier.create(invoke(invoker, EchoService.string("x")))
			.expectNext(EchoService.string("x"))
			.expectErrorMessage("internal: the implementation of /test.v1.EchoService/Echo or an interceptor sent"
					+ " more than one response message")
			.verify();
	}

}
