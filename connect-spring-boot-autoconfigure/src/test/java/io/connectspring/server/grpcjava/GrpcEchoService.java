package io.connectspring.server.grpcjava;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import com.google.protobuf.Any;
import com.google.protobuf.Int32Value;
import com.google.protobuf.StringValue;
import com.google.rpc.Code;
import io.grpc.BindableService;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;

/**
 * A grpc-java service over well-known types, written as {@code protoc-gen-grpc-java} output and its implementation
 * would be (without a schema), with behaviour driven by the request:
 * <ul>
 * <li>{@code Echo} (marked safe, so {@code NO_SIDE_EFFECTS}) answers its request; {@code "fail"} fails
 * with {@code failed_precondition "failed as asked"}, a detail and the trailer {@code x-error-meta: m};
 * {@code "throw"} throws; {@code "deadline"} answers the milliseconds left before the gRPC context's deadline (or
 * {@code "none"}); {@code "wait"} answers nothing, and tells it waits ({@link #waiting}) and when its context is
 * cancelled ({@link #cancellations});</li>
 * <li>{@code Sum} (client stream) adds its requests;</li>
 * <li>{@code Count} (server stream) sends {@code 1..n} without looking at {@code isReady()};</li>
 * <li>{@code Chat} (bidi) answers each request as it arrives.</li>
 * </ul>
 */
final class GrpcEchoService implements BindableService {

	static final String NAME = "test.v1.GrpcEchoService";

	static final MethodDescriptor<StringValue, StringValue> ECHO = method("Echo", MethodDescriptor.MethodType.UNARY,
			StringValue.getDefaultInstance(), StringValue.getDefaultInstance())
		.setSafe(true)
		.build();

	static final MethodDescriptor<Int32Value, Int32Value> SUM = method("Sum",
			MethodDescriptor.MethodType.CLIENT_STREAMING, Int32Value.getDefaultInstance(),
			Int32Value.getDefaultInstance())
		.build();

	static final MethodDescriptor<Int32Value, StringValue> COUNT = method("Count",
			MethodDescriptor.MethodType.SERVER_STREAMING, Int32Value.getDefaultInstance(),
			StringValue.getDefaultInstance())
		.build();

	static final MethodDescriptor<StringValue, StringValue> CHAT = method("Chat",
			MethodDescriptor.MethodType.BIDI_STREAMING, StringValue.getDefaultInstance(),
			StringValue.getDefaultInstance())
		.build();

	static final ServiceDescriptor DESCRIPTOR = ServiceDescriptor.newBuilder(NAME)
		.addMethod(ECHO)
		.addMethod(SUM)
		.addMethod(COUNT)
		.addMethod(CHAT)
		.build();

	/** The causes with which the contexts of {@code "wait"} calls were cancelled, in order. */
	final BlockingQueue<Throwable> cancellations = new LinkedBlockingQueue<>();

	/** Released each time a {@code "wait"} call is waiting. */
	final Semaphore waiting = new Semaphore(0);

	private static <Req extends com.google.protobuf.Message, Res extends com.google.protobuf.Message>
			MethodDescriptor.Builder<Req, Res> method(String name, MethodDescriptor.MethodType type, Req request,
					Res response) {
		return MethodDescriptor.<Req, Res>newBuilder()
			.setType(type)
			.setFullMethodName(MethodDescriptor.generateFullMethodName(NAME, name))
			.setRequestMarshaller(ProtoUtils.marshaller(request))
			.setResponseMarshaller(ProtoUtils.marshaller(response));
	}

	static StringValue string(String value) {
		return StringValue.newBuilder().setValue(value).build();
	}

	static Int32Value int32(int value) {
		return Int32Value.newBuilder().setValue(value).build();
	}

	@Override
	public ServerServiceDefinition bindService() {
		return ServerServiceDefinition.builder(DESCRIPTOR)
			.addMethod(ECHO, ServerCalls.asyncUnaryCall(this::echo))
			.addMethod(SUM, ServerCalls.asyncClientStreamingCall(this::sum))
			.addMethod(COUNT, ServerCalls.asyncServerStreamingCall(this::count))
			.addMethod(CHAT, ServerCalls.asyncBidiStreamingCall(this::chat))
			.build();
	}

	private void echo(StringValue request, StreamObserver<StringValue> responses) {
		switch (request.getValue()) {
			case "fail" -> {
				com.google.rpc.Status status = com.google.rpc.Status.newBuilder()
					.setCode(Code.FAILED_PRECONDITION_VALUE)
					.setMessage("failed as asked")
					.addDetails(Any.pack(string("detail")))
					.build();
				Metadata trailers = new Metadata();
				trailers.put(Metadata.Key.of("x-error-meta", Metadata.ASCII_STRING_MARSHALLER), "m");
				responses.onError(StatusProto.toStatusRuntimeException(status, trailers));
			}
			case "throw" -> throw new IllegalStateException("a bug in the service");
			case "deadline" -> {
				Deadline deadline = Context.current().getDeadline();
				responses.onNext(string((deadline != null)
						? Long.toString(deadline.timeRemaining(TimeUnit.MILLISECONDS)) : "none"));
				responses.onCompleted();
			}
			case "wait" -> {
				Context.current()
					.addListener((context) -> this.cancellations.add(context.cancellationCause()), Runnable::run);
				this.waiting.release();
			}
			default -> {
				responses.onNext(request);
				responses.onCompleted();
			}
		}
	}

	private StreamObserver<Int32Value> sum(StreamObserver<Int32Value> responses) {
		return new StreamObserver<>() {

			private int sum;

			@Override
			public void onNext(Int32Value value) {
				this.sum += value.getValue();
			}

			@Override
			public void onError(Throwable error) {
			}

			@Override
			public void onCompleted() {
				responses.onNext(int32(this.sum));
				responses.onCompleted();
			}

		};
	}

	private void count(Int32Value request, StreamObserver<StringValue> responses) {
		for (int i = 1; i <= request.getValue(); i++) {
			responses.onNext(string(Integer.toString(i)));
		}
		responses.onCompleted();
	}

	private StreamObserver<StringValue> chat(StreamObserver<StringValue> responses) {
		return new StreamObserver<>() {

			@Override
			public void onNext(StringValue value) {
				responses.onNext(string("you said " + value.getValue()));
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
