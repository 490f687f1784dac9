package io.connectspring.conformance.client;

import io.connectspring.ConnectException;
import io.connectspring.client.CallOptions;
import io.connectspring.client.ConnectTransport;

import java.util.List;
import java.util.function.Function;

import com.google.protobuf.Message;
import connectrpc.conformance.v1.ClientCompat.ClientCompatRequest;
import connectrpc.conformance.v1.ClientCompat.ClientResponseResult;
import connectrpc.conformance.v1.ConformanceServiceClient;
import connectrpc.conformance.v1.Service.BidiStreamRequest;
import connectrpc.conformance.v1.Service.BidiStreamResponse;
import connectrpc.conformance.v1.Service.ClientStreamRequest;
import connectrpc.conformance.v1.Service.ClientStreamResponse;
import connectrpc.conformance.v1.Service.ConformancePayload;
import connectrpc.conformance.v1.Service.IdempotentUnaryRequest;
import connectrpc.conformance.v1.Service.ServerStreamRequest;
import connectrpc.conformance.v1.Service.ServerStreamResponse;
import connectrpc.conformance.v1.Service.UnaryRequest;
import connectrpc.conformance.v1.Service.UnimplementedRequest;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Makes calls with the reactive {@link ConformanceServiceClient}: request streams are a {@link Sinks.Many} the
 * calling thread emits into, one message after each delay; responses are read one at a time through a
 * {@link ResponseReceiver}; cancelling disposes the subscription.
 */
final class ReactiveInvoker implements Invoker {

	@Override
	public ClientResponseResult invoke(ClientCompatRequest request, ConnectTransport transport)
			throws InterruptedException {
		ConformanceServiceClient client = new ConformanceServiceClient(transport);
		CallPlan plan = CallPlan.of(request);
		Results results = new Results();
		CallOptions options = CallPlan.options(request, results);
		switch (request.getMethod()) {
			case "Unary" -> unary(client.unary(CallPlan.single(request, UnaryRequest.class), options),
					(response) -> response.getPayload(), plan, results);
			case "IdempotentUnary" -> unary(
					client.idempotentUnary(CallPlan.single(request, IdempotentUnaryRequest.class), options),
					(response) -> response.getPayload(), plan, results);
			case "Unimplemented" -> unary(
					client.unimplemented(CallPlan.single(request, UnimplementedRequest.class), options),
					(response) -> null, plan, results);
			case "ServerStream" -> serverStream(
					client.serverStream(CallPlan.single(request, ServerStreamRequest.class), options), plan, results);
			case "ClientStream" -> clientStream(client, CallPlan.messages(request, ClientStreamRequest.class),
					options, plan, results);
			case "BidiStream" -> bidiStream(client, CallPlan.messages(request, BidiStreamRequest.class), options,
					plan, results);
			default -> throw new IllegalArgumentException("unknown method " + request.getMethod());
		}
		return results.toResult();
	}

	private static <Res extends Message> void unary(Mono<Res> call, Function<Res, ConformancePayload> payload,
			CallPlan plan, Results results) throws InterruptedException {
		ResponseReceiver<Res> responses = ResponseReceiver.subscribe(call);
		if (plan.cancelsAfterCloseSend()) {
			plan.delayAfterCloseSend();
			responses.dispose();
		}
		receiveAll(responses, payload, plan, results);
	}

	private static void serverStream(Publisher<ServerStreamResponse> call, CallPlan plan, Results results)
			throws InterruptedException {
		ResponseReceiver<ServerStreamResponse> responses = ResponseReceiver.subscribe(call);
		if (plan.cancelsAfterCloseSend()) {
			plan.delayAfterCloseSend();
			responses.dispose();
		}
		receiveAll(responses, ServerStreamResponse::getPayload, plan, results);
	}

	private static void clientStream(ConformanceServiceClient client, List<ClientStreamRequest> messages,
			CallOptions options, CallPlan plan, Results results) throws InterruptedException {
		Sinks.Many<ClientStreamRequest> requests = Sinks.many().unicast().onBackpressureBuffer();
		ResponseReceiver<ClientStreamResponse> responses = ResponseReceiver
			.subscribe(client.clientStream(requests.asFlux(), options));
		for (int i = 0; i < messages.size(); i++) {
			plan.delay();
			if (requests.tryEmitNext(messages.get(i)).isFailure()) {
				results.unsentRequests(messages.size() - i);
				break;
			}
		}
		closeSend(requests, responses, plan);
		receiveAll(responses, ClientStreamResponse::getPayload, plan, results);
	}

	private static void bidiStream(ConformanceServiceClient client, List<BidiStreamRequest> messages,
			CallOptions options, CallPlan plan, Results results) throws InterruptedException {
		Sinks.Many<BidiStreamRequest> requests = Sinks.many().unicast().onBackpressureBuffer();
		ResponseReceiver<BidiStreamResponse> responses = ResponseReceiver
			.subscribe(client.bidiStream(requests.asFlux(), options));
		boolean ended = false;
		for (int i = 0; i < messages.size() && !ended; i++) {
			plan.delay();
			if (requests.tryEmitNext(messages.get(i)).isFailure()) {
				results.unsentRequests(messages.size() - i);
				break;
			}
			if (plan.fullDuplex()) {
				ended = !receiveOne(responses, BidiStreamResponse::getPayload, plan, results);
			}
		}
		closeSend(requests, responses, plan);
		if (!ended) {
			receiveAll(responses, BidiStreamResponse::getPayload, plan, results);
		}
	}

	private static void closeSend(Sinks.Many<?> requests, ResponseReceiver<?> responses, CallPlan plan)
			throws InterruptedException {
		if (plan.beforeCloseSend()) {
			responses.dispose();
			return;
		}
		requests.tryEmitComplete();
		if (plan.cancelsAfterCloseSend()) {
			plan.delayAfterCloseSend();
			responses.dispose();
		}
	}

	private static <Res> void receiveAll(ResponseReceiver<Res> responses, Function<Res, ConformancePayload> payload,
			CallPlan plan, Results results) throws InterruptedException {
		while (receiveOne(responses, payload, plan, results)) {
			// each response is recorded by receiveOne
		}
	}

	/** Receives one response and records it; returns false at the end of the call (its error recorded). */
	private static <Res> boolean receiveOne(ResponseReceiver<Res> responses,
			Function<Res, ConformancePayload> payload, CallPlan plan, Results results) throws InterruptedException {
		Res response;
		try {
			response = responses.receive();
		}
		catch (ConnectException ex) {
			results.error(ex);
			return false;
		}
		if (response == null) {
			return false;
		}
		ConformancePayload value = payload.apply(response);
		if (value != null) {
			results.payload(value);
		}
		if (plan.cancelsAfter(results.payloadCount())) {
			responses.dispose();
		}
		return true;
	}

}
