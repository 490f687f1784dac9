package io.connectspring.conformance.client;

import io.connectspring.ConnectException;
import io.connectspring.client.BidiStreamCall;
import io.connectspring.client.CallOptions;
import io.connectspring.client.ConnectTransport;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import java.util.stream.Stream;

import com.google.protobuf.Message;
import connectrpc.conformance.v1.ClientCompat.ClientCompatRequest;
import connectrpc.conformance.v1.ClientCompat.ClientResponseResult;
import connectrpc.conformance.v1.ConformanceServiceBlockingClient;
import connectrpc.conformance.v1.Service.BidiStreamRequest;
import connectrpc.conformance.v1.Service.BidiStreamResponse;
import connectrpc.conformance.v1.Service.ClientStreamRequest;
import connectrpc.conformance.v1.Service.ConformancePayload;
import connectrpc.conformance.v1.Service.IdempotentUnaryRequest;
import connectrpc.conformance.v1.Service.ServerStreamRequest;
import connectrpc.conformance.v1.Service.ServerStreamResponse;
import connectrpc.conformance.v1.Service.UnaryRequest;
import connectrpc.conformance.v1.Service.UnimplementedRequest;

/**
 * Makes calls with the blocking {@link ConformanceServiceBlockingClient}. Unary and client-stream calls, which
 * block until their response, are cancelled by interrupting the waiting thread; streams by closing them.
 */
final class BlockingInvoker implements Invoker {

	private final ScheduledExecutorService timer;

	BlockingInvoker(ScheduledExecutorService timer) {
		this.timer = timer;
	}

	@Override
	public ClientResponseResult invoke(ClientCompatRequest request, ConnectTransport transport)
			throws InterruptedException {
		ConformanceServiceBlockingClient client = new ConformanceServiceBlockingClient(transport);
		CallPlan plan = CallPlan.of(request);
		Results results = new Results();
		CallOptions options = CallPlan.options(request, results);
		switch (request.getMethod()) {
			case "Unary" -> {
				UnaryRequest message = CallPlan.single(request, UnaryRequest.class);
				unary(() -> client.unary(message, options).getPayload(), plan, results);
			}
			case "IdempotentUnary" -> {
				IdempotentUnaryRequest message = CallPlan.single(request, IdempotentUnaryRequest.class);
				unary(() -> client.idempotentUnary(message, options).getPayload(), plan, results);
			}
			case "Unimplemented" -> {
				UnimplementedRequest message = CallPlan.single(request, UnimplementedRequest.class);
				unary(() -> {
					client.unimplemented(message, options);
					return null;
				}, plan, results);
			}
			case "ServerStream" -> serverStream(client, CallPlan.single(request, ServerStreamRequest.class), options,
					plan, results);
			case "ClientStream" -> clientStream(client, CallPlan.messages(request, ClientStreamRequest.class),
					options, plan, results);
			case "BidiStream" -> bidiStream(client, CallPlan.messages(request, BidiStreamRequest.class), options,
					plan, results);
			default -> throw new IllegalArgumentException("unknown method " + request.getMethod());
		}
		return results.toResult();
	}

	private void unary(Supplier<ConformancePayload> call, CallPlan plan, Results results) {
		Interrupter interrupter = plan.cancelsAfterCloseSend() ? Interrupter.after(this.timer, plan.afterCloseSendMs())
				: Interrupter.forCurrentThread();
		try {
			ConformancePayload payload = call.get();
			if (payload != null) {
				results.payload(payload);
			}
		}
		catch (ConnectException ex) {
			results.error(ex);
		}
		finally {
			interrupter.disarm();
		}
	}

	private void clientStream(ConformanceServiceBlockingClient client, List<ClientStreamRequest> messages,
			CallOptions options, CallPlan plan, Results results) {
		Interrupter interrupter = Interrupter.forCurrentThread();
		CountDownLatch callEnded = new CountDownLatch(1);
		Iterable<ClientStreamRequest> requests = () -> new Requests<>(messages, plan, () -> {
			if (plan.beforeCloseSend()) {
				// Cancel instead of ending the request stream: interrupt the caller and hold the stream open.
				interrupter.interrupt();
				awaitQuietly(callEnded);
			}
			else if (plan.cancelsAfterCloseSend()) {
				this.timer.schedule(interrupter::interrupt, plan.afterCloseSendMs(),
						java.util.concurrent.TimeUnit.MILLISECONDS);
			}
		});
		try {
			results.payload(client.clientStream(requests, options).getPayload());
		}
		catch (ConnectException ex) {
			results.error(ex);
		}
		finally {
			callEnded.countDown();
			interrupter.disarm();
		}
	}

	private static void serverStream(ConformanceServiceBlockingClient client, ServerStreamRequest message,
			CallOptions options, CallPlan plan, Results results) throws InterruptedException {
		try (Stream<ServerStreamResponse> stream = client.serverStream(message, options)) {
			Iterator<ServerStreamResponse> responses = stream.iterator();
			if (plan.cancelsAfterCloseSend()) {
				plan.delayAfterCloseSend();
				stream.close();
			}
			while (responses.hasNext()) {
				results.payload(responses.next().getPayload());
				if (plan.cancelsAfter(results.payloadCount())) {
					stream.close();
				}
			}
		}
		catch (ConnectException ex) {
			results.error(ex);
		}
	}

	private static void bidiStream(ConformanceServiceBlockingClient client, List<BidiStreamRequest> messages,
			CallOptions options, CallPlan plan, Results results) throws InterruptedException {
		try (BidiStreamCall<BidiStreamRequest, BidiStreamResponse> call = client.bidiStream(options)) {
			for (int i = 0; i < messages.size(); i++) {
				if (plan.cancelsAfter(results.payloadCount())) {
					// Closed after the last response read: the call's sending side is gone with it.
					results.unsentRequests(messages.size() - i);
					break;
				}
				plan.delay();
				try {
					call.send(messages.get(i));
				}
				catch (ConnectException ex) {
					results.unsentRequests(messages.size() - i);
					break;
				}
				if (plan.fullDuplex() && !receive(call, plan, results)) {
					break;
				}
			}
			if (plan.beforeCloseSend()) {
				call.close();
			}
			else {
				call.closeSend();
				if (plan.cancelsAfterCloseSend()) {
					plan.delayAfterCloseSend();
					call.close();
				}
			}
			if (!results.failed()) {
				while (receive(call, plan, results)) {
					// each response is recorded by receive
				}
			}
		}
	}

	/** Receives one response and records it; returns false at the end of the call (its error recorded). */
	private static boolean receive(BidiStreamCall<BidiStreamRequest, BidiStreamResponse> call, CallPlan plan,
			Results results) {
		BidiStreamResponse response;
		try {
			response = call.receive();
		}
		catch (ConnectException ex) {
			results.error(ex);
			return false;
		}
		if (response == null) {
			return false;
		}
		results.payload(response.getPayload());
		if (plan.cancelsAfter(results.payloadCount())) {
			call.close();
		}
		return true;
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * The request messages of a client stream as the blocking client reads them: a delay before each, and an action
	 * when the last one has been taken, where the stream's sending side closes.
	 */
	private static final class Requests<T extends Message> implements Iterator<T> {

		private final List<T> messages;

		private final CallPlan plan;

		private final Runnable atEnd;

		private int next;

		private boolean ended;

		Requests(List<T> messages, CallPlan plan, Runnable atEnd) {
			this.messages = messages;
			this.plan = plan;
			this.atEnd = atEnd;
		}

		@Override
		public boolean hasNext() {
			if (this.next < this.messages.size()) {
				return true;
			}
			if (!this.ended) {
				this.ended = true;
				this.atEnd.run();
			}
			return false;
		}

		@Override
		public T next() {
			if (this.next >= this.messages.size()) {
				throw new NoSuchElementException();
			}
			try {
				this.plan.delay();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return this.messages.get(this.next++);
		}

	}

}
