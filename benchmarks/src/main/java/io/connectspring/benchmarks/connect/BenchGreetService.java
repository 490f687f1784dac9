package io.connectspring.benchmarks.connect;

import io.connectspring.benchmarks.Greetings;
import io.connectspring.benchmarks.greet.v1.GreetRequest;
import io.connectspring.benchmarks.greet.v1.GreetResponse;
import io.connectspring.benchmarks.greet.v1.GreetService;
import io.connectspring.benchmarks.greet.v1.GreetStreamRequest;
import io.connectspring.server.ConnectContext;
import io.connectspring.server.ConnectService;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** {@code greet.v1.GreetService} against the generated reactive interface, doing what every bench server does. */
@ConnectService
public class BenchGreetService implements GreetService {

	@Override
	public Mono<GreetResponse> greet(GreetRequest request, ConnectContext context) {
		return Mono.just(Greetings.greet(request));
	}

	@Override
	public Mono<GreetResponse> greetEveryone(Flux<GreetRequest> requests, ConnectContext context) {
		return requests.count().map((n) -> GreetResponse.newBuilder().setGreeting("Hello, " + n + " people!").build());
	}

	@Override
	public Flux<GreetResponse> greetStream(GreetStreamRequest request, ConnectContext context) {
		String prefix = Greetings.streamPrefix(request.getName());
		return Flux.range(1, request.getCount()).map((n) -> Greetings.streamed(prefix, n));
	}

	@Override
	public Flux<GreetResponse> converse(Flux<GreetRequest> requests, ConnectContext context) {
		return requests.map(Greetings::greet);
	}

}
