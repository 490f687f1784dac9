package io.connectspring.examples.grpcjava;

import io.connectspring.demo.greet.v1.GreetRequest;
import io.connectspring.demo.greet.v1.GreetResponse;
import io.connectspring.demo.greet.v1.GreetServiceGrpc;
import io.connectspring.demo.greet.v1.GreetStreamRequest;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.StreamObserver;
import org.springframework.stereotype.Service;

/**
 * The demo's {@code greet.v1.GreetService} written for grpc-java, on the base class {@code protoc-gen-grpc-java}
 * generates, as a team would have it before adding the starter. It is a Spring bean and nothing more: the starter
 * serves every {@code io.grpc.BindableService} bean over Connect, gRPC and gRPC-Web. Shown in
 * docs/grpc-compatibility.md.
 */
// tag::service[]
@Service
public class GrpcJavaGreetService extends GreetServiceGrpc.GreetServiceImplBase {

	@Override
	public void greet(GreetRequest request, StreamObserver<GreetResponse> responses) {
		if (request.getName().isEmpty()) {
			responses.onError(Status.INVALID_ARGUMENT.withDescription("name is required").asRuntimeException());
			return;
		}
		responses.onNext(greeting("Hello, " + request.getName() + "!"));
		responses.onCompleted();
	}

	@Override
	public void greetStream(GreetStreamRequest request, StreamObserver<GreetResponse> responses) {
		if (request.getCount() < 0) {
			// A status with details, as grpc-java services send them: Connect clients get the details too.
			BadRequest violation = BadRequest.newBuilder()
				.addFieldViolations(BadRequest.FieldViolation.newBuilder().setField("count").setDescription("negative"))
				.build();
			responses.onError(StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
				.setCode(Code.INVALID_ARGUMENT_VALUE)
				.setMessage("count must not be negative")
				.addDetails(Any.pack(violation))
				.build()));
			return;
		}
		// No need to watch isReady(): the starter holds this thread while the client falls behind.
		for (int n = 1; n <= request.getCount(); n++) {
			responses.onNext(greeting("Hello, " + request.getName() + "! #" + n));
		}
		responses.onCompleted();
	}

	// docs:elide // greetEveryone and converse: StreamObservers, as in any grpc-java service
	@Override
	public StreamObserver<GreetRequest> greetEveryone(StreamObserver<GreetResponse> responses) {
		StringBuilder lines = new StringBuilder();
		return new StreamObserver<>() {

			@Override
			public void onNext(GreetRequest request) {
				lines.append("Hello, ").append(request.getName()).append("!\n");
			}

			@Override
			public void onError(Throwable error) {
			}

			@Override
			public void onCompleted() {
				responses.onNext(greeting(lines.toString()));
				responses.onCompleted();
			}

		};
	}

	@Override
	public StreamObserver<GreetRequest> converse(StreamObserver<GreetResponse> responses) {
		return new StreamObserver<>() {

			@Override
			public void onNext(GreetRequest request) {
				responses.onNext(greeting("Hello, " + request.getName() + "!"));
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
	// docs:end-elide

	private static GreetResponse greeting(String text) {
		return GreetResponse.newBuilder().setGreeting(text).build();
	}

}
// end::service[]
