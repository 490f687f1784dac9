package io.connectspring.benchmarks.grpc;

import io.connectspring.benchmarks.Greetings;
import io.connectspring.benchmarks.greet.v1.GreetRequest;
import io.connectspring.benchmarks.greet.v1.GreetResponse;
import io.connectspring.benchmarks.greet.v1.GreetServiceGrpc;
import io.connectspring.benchmarks.greet.v1.GreetStreamRequest;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;

/**
 * {@code greet.v1.GreetService} on grpc-java's generated base class, doing what every bench server does.
 * {@code GreetStream} honours flow control ({@code isReady()} and the on-ready handler), the way a grpc-java
 * stream of a million messages must be written not to buffer them all; our side gets the same from Reactor's
 * backpressure.
 */
final class GrpcGreetService extends GreetServiceGrpc.GreetServiceImplBase {

	@Override
	public void greet(GreetRequest request, StreamObserver<GreetResponse> responses) {
		responses.onNext(Greetings.greet(request));
		responses.onCompleted();
	}

	@Override
	public StreamObserver<GreetRequest> greetEveryone(StreamObserver<GreetResponse> responses) {
		return new StreamObserver<>() {

			private long count;

			@Override
			public void onNext(GreetRequest request) {
				this.count++;
			}

			@Override
			public void onError(Throwable error) {
			}

			@Override
			public void onCompleted() {
				responses.onNext(GreetResponse.newBuilder().setGreeting("Hello, " + this.count + " people!").build());
				responses.onCompleted();
			}

		};
	}

	@Override
	public void greetStream(GreetStreamRequest request, StreamObserver<GreetResponse> responses) {
		ServerCallStreamObserver<GreetResponse> call = (ServerCallStreamObserver<GreetResponse>) responses;
		String prefix = Greetings.streamPrefix(request.getName());
		int count = request.getCount();
		Runnable drain = new Runnable() {

			private int next = 1;

			private boolean done;

			@Override
			public void run() {
				while (!this.done && call.isReady() && this.next <= count) {
					call.onNext(Greetings.streamed(prefix, this.next++));
				}
				if (!this.done && this.next > count) {
					this.done = true;
					call.onCompleted();
				}
			}

		};
		call.setOnReadyHandler(drain);
		call.setOnCancelHandler(() -> {
		});
		drain.run();
	}

	@Override
	public StreamObserver<GreetRequest> converse(StreamObserver<GreetResponse> responses) {
		return new StreamObserver<>() {

			@Override
			public void onNext(GreetRequest request) {
				responses.onNext(Greetings.greet(request));
			}

			@Override
			public void onError(Throwable error) {
			}

			@Override
			public void onCompleted() {
				responses.onCompleted();
			}

		};
	}

}
