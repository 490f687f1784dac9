package io.connectspring.examples.grpcjava;

import io.connectspring.server.ConnectRouterFunction;
import io.connectspring.server.ConnectRouterFunctionBuilder;
import io.connectspring.server.grpcjava.GrpcJavaService;

import java.util.List;

/** A grpc-java service on routes built by hand, without Spring Boot's auto-configuration. */
public final class GrpcJavaRoutes {

	private GrpcJavaRoutes() {
	}

	public static ConnectRouterFunction routes() {
		// tag::routes[]
		ConnectRouterFunction routes = new ConnectRouterFunctionBuilder()
			.service("greet", GrpcJavaService.of(new GrpcJavaGreetService().bindService(),
					List.of(new GreetVersionInterceptor())))
			.build();
		// end::routes[]
		return routes;
	}

}
