package io.connectspring.examples.interceptors;

import io.connectspring.demo.auth.BearerTokenInterceptor;
import io.connectspring.demo.greet.v1.GreetRequest;
import io.connectspring.demo.greet.v1.GreetResponse;
import io.connectspring.demo.greet.v1.GreetService;
import io.connectspring.demo.greet.v1.GreetStreamRequest;
import io.connectspring.server.ConnectContext;
import io.connectspring.server.ConnectService;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** A service with interceptors of its own: one added, one of the global ones left out. */
// tag::service[]
@ConnectService(interceptors = AuditInterceptor.class, excludeInterceptors = BearerTokenInterceptor.class)
public class PublicGreetService implements GreetService {
	// docs:elide // ...

	@Override
	public Mono<GreetResponse> greet(GreetRequest request, ConnectContext context) {
		return Mono.just(greeting("Hello, " + request.getName() + "!"));
	}

	@Override
	public Mono<GreetResponse> greetEveryone(Flux<GreetRequest> requests, ConnectContext context) {
		return requests.count().map((count) -> greeting("Hello, " + count + " people!"));
	}

	@Override
	public Flux<GreetResponse> greetStream(GreetStreamRequest request, ConnectContext context) {
		return Flux.range(1, request.getCount()).map((n) -> greeting("Hello #" + n));
	}

	@Override
	public Flux<GreetResponse> converse(Flux<GreetRequest> requests, ConnectContext context) {
		return requests.map((request) -> greeting("Hello, " + request.getName() + "!"));
	}

	private static GreetResponse greeting(String text) {
		return GreetResponse.newBuilder().setGreeting(text).build();
	}
	// docs:end-elide
}
// end::service[]
