package io.connectspring.benchmarks.grpc;

import java.io.IOException;
import java.net.InetSocketAddress;

import io.connectspring.benchmarks.Ready;
import io.connectspring.benchmarks.ServerPort;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;

/**
 * The grpc-java peer on its Netty transport (grpc-netty-shaded), loopback only. By default calls run on grpc-java's
 * default executor (a cached thread pool), as an application gets it; with {@code --direct} they run on the Netty
 * event loop ({@code directExecutor()}), grpc-java's fastest and least forgiving setting.
 */
public final class GrpcJavaBenchServer {

	private GrpcJavaBenchServer() {
	}

	public static void main(String[] args) throws IOException, InterruptedException {
		int port = ServerPort.from(args);
		NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port))
			.addService(new GrpcGreetService());
		if (ServerPort.flag(args, "--direct")) {
			builder.directExecutor();
		}
		Server server = builder.build().start();
		Ready.announce(port);
		server.awaitTermination();
	}

}
