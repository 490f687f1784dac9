package io.connectspring.examples.grpc;

import java.util.concurrent.TimeUnit;

import io.connectspring.demo.greet.v1.GreetRequest;
import io.connectspring.demo.greet.v1.GreetResponse;
import io.connectspring.demo.greet.v1.GreetServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;

/** A grpc-java client calling the application: only the address changes. */
public final class GrpcJavaClient {

	private GrpcJavaClient() {
	}

	public static String greet(int port) {
		// tag::channel[]
		ManagedChannel channel = ManagedChannelBuilder.forAddress("localhost", port)
			.usePlaintext()                       // h2c; drop it when the application has server.ssl.* (h2 over TLS)
			.build();
		GreetServiceGrpc.GreetServiceBlockingStub stub = GreetServiceGrpc.newBlockingStub(channel);
		GreetResponse response = stub.withDeadlineAfter(2, TimeUnit.SECONDS)
			.withCompression("gzip")
			.greet(GreetRequest.newBuilder().setName("Ada").build());
		// end::channel[]
		channel.shutdownNow();
		return response.getGreeting();
	}

}
