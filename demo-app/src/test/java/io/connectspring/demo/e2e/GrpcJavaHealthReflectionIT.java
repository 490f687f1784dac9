package io.connectspring.demo.e2e;

import io.connectspring.demo.DemoApplication;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.StreamObserver;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.google.protobuf.ByteString;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * grpc-java's own health and reflection clients (from {@code io.grpc:grpc-services}) call the demo's
 * {@code grpc.health.v1.Health} and {@code grpc.reflection.v1.ServerReflection} over gRPC. The starter's classes of
 * the same protos live in {@code io.connectspring.grpc...}, so both sets share this class path without clashing.
 */
@SpringBootTest(classes = DemoApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class GrpcJavaHealthReflectionIT {

	@LocalServerPort
	private int port;

	private ManagedChannel channel;

	@BeforeEach
	void openChannelOnceTheDemoIsServing() {
		this.channel = ManagedChannelBuilder.forAddress("127.0.0.1", this.port).usePlaintext().build();
		// Health is read again when the application becomes ready, just after the test context starts.
		HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(this.channel);
		await().until(() -> health.withDeadlineAfter(10, TimeUnit.SECONDS)
			.check(HealthCheckRequest.getDefaultInstance())
			.getStatus() == ServingStatus.SERVING);
	}

	@AfterEach
	void closeChannel() throws InterruptedException {
		this.channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
	}

	@Test
	void healthCheckAnswersServingForTheServerAndAServedService() {
		HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(this.channel)
			.withDeadlineAfter(10, TimeUnit.SECONDS);
		assertThat(health.check(HealthCheckRequest.newBuilder().setService("").build()).getStatus())
			.isEqualTo(ServingStatus.SERVING);
		assertThat(health.check(HealthCheckRequest.newBuilder().setService("greet.v1.GreetService").build())
			.getStatus()).isEqualTo(ServingStatus.SERVING);
	}

	@Test
	void healthCheckOfAnUnknownServiceFailsWithNotFound() {
		HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(this.channel)
			.withDeadlineAfter(10, TimeUnit.SECONDS);
		assertThatExceptionOfType(StatusRuntimeException.class)
			.isThrownBy(() -> health.check(HealthCheckRequest.newBuilder().setService("nope.v1.Nope").build()))
			.satisfies((ex) -> assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
	}

	@Test
	void healthWatchSendsTheStatusAtOnceAndEndsWhenTheClientCancels() throws Exception {
		BlockingQueue<HealthCheckResponse> received = new LinkedBlockingQueue<>();
		CompletableFuture<Throwable> ended = new CompletableFuture<>();
		CompletableFuture<ClientCallStreamObserver<HealthCheckRequest>> call = new CompletableFuture<>();
		HealthGrpc.newStub(this.channel)
			.watch(HealthCheckRequest.newBuilder().setService("greet.v1.GreetService").build(),
					new ClientResponseObserver<HealthCheckRequest, HealthCheckResponse>() {

						@Override
						public void beforeStart(ClientCallStreamObserver<HealthCheckRequest> requestStream) {
							call.complete(requestStream);
						}

						@Override
						public void onNext(HealthCheckResponse value) {
							received.add(value);
						}

						@Override
						public void onError(Throwable error) {
							ended.complete(error);
						}

						@Override
						public void onCompleted() {
							ended.complete(null);
						}

					});
		HealthCheckResponse first = received.poll(10, TimeUnit.SECONDS);
		assertThat(first).isNotNull();
		assertThat(first.getStatus()).isEqualTo(ServingStatus.SERVING);
		assertThat(ended).isNotDone();
		call.get(10, TimeUnit.SECONDS).cancel("done watching", null);
		assertThat(Status.fromThrowable(ended.get(10, TimeUnit.SECONDS)).getCode()).isEqualTo(Status.Code.CANCELLED);
	}

	@Test
	void reflectionListsTheServicesAndReturnsTheFileOfASymbolWithItsImports() throws Exception {
		List<ServerReflectionResponse> responses = reflect(
				ServerReflectionRequest.newBuilder().setListServices("").build(),
				ServerReflectionRequest.newBuilder().setFileContainingSymbol("greet.v1.GreetService").build(),
				ServerReflectionRequest.newBuilder().setFileContainingSymbol("nope.v1.Nope").build());
		assertThat(responses.get(0).getListServicesResponse().getServiceList()).extracting(ServiceResponse::getName)
			.containsExactly("greet.v1.GreetService", "grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection",
					"grpc.reflection.v1alpha.ServerReflection");
		List<String> files = new ArrayList<>();
		for (ByteString file : responses.get(1).getFileDescriptorResponse().getFileDescriptorProtoList()) {
			files.add(FileDescriptorProto.parseFrom(file).getName());
		}
		assertThat(files).first().isEqualTo("greet/v1/greet.proto");
		FileDescriptorProto greet = FileDescriptorProto
			.parseFrom(responses.get(1).getFileDescriptorResponse().getFileDescriptorProto(0));
		assertThat(greet.getService(0).getName()).isEqualTo("GreetService");
		assertThat(files).containsAll(greet.getDependencyList());
		assertThat(responses.get(2).getErrorResponse().getErrorCode()).isEqualTo(Status.Code.NOT_FOUND.value());
	}

	/** Sends the requests on one reflection stream, half-closes, and returns every response. */
	private List<ServerReflectionResponse> reflect(ServerReflectionRequest... requests) throws Exception {
		List<ServerReflectionResponse> responses = new ArrayList<>();
		CompletableFuture<Void> done = new CompletableFuture<>();
		StreamObserver<ServerReflectionRequest> stream = ServerReflectionGrpc.newStub(this.channel)
			.withDeadlineAfter(10, TimeUnit.SECONDS)
			.serverReflectionInfo(new StreamObserver<>() {

				@Override
				public void onNext(ServerReflectionResponse value) {
					responses.add(value);
				}

				@Override
				public void onError(Throwable error) {
					done.completeExceptionally(error);
				}

				@Override
				public void onCompleted() {
					done.complete(null);
				}

			});
		for (ServerReflectionRequest request : requests) {
			stream.onNext(request);
		}
		stream.onCompleted();
		done.get(10, TimeUnit.SECONDS);
		assertThat(responses).hasSize(requests.length);
		return responses;
	}

}
