package io.connectspring.demo;

import io.connectspring.Code;
import io.connectspring.ConnectException;
import io.connectspring.demo.greet.v1.GreetRequest;
import io.connectspring.demo.greet.v1.GreetResponse;
import io.connectspring.demo.greet.v1.GreetService;
import io.connectspring.demo.greet.v1.GreetStreamRequest;
import io.connectspring.server.ConnectContext;
import io.connectspring.server.ConnectService;

import java.time.Duration;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The demo's {@code greet.v1.GreetService}, written against the generated reactive interface. */
// tag::service[]
@ConnectService
public class GreetServiceImpl implements GreetService {

	@Override
	public Mono<GreetResponse> greet(GreetRequest request, ConnectContext context) {
		if (request.getName().isEmpty()) {
			return Mono.error(new ConnectException(Code.INVALID_ARGUMENT, "name is required"));
		}
		context.responseHeaders().set("greet-version", "v1");
		return Mono.just(greeting("Hello, " + request.getName() + "!"));
	}

	@Override
	public Flux<GreetResponse> greetStream(GreetStreamRequest request, ConnectContext context) {
		if (request.getCount() < 0) {
			return Flux.error(new ConnectException(Code.INVALID_ARGUMENT, "count must not be negative"));
		}
		if (request.getIntervalMs() < 0) {
			return Flux.error(new ConnectException(Code.INVALID_ARGUMENT, "interval_ms must not be negative"));
		}
		String prefix = "Hello, " + request.getName() + "! #";
		// Flux.range is lazy: a count of a million streams one message at a time as the client reads.
		Flux<GreetResponse> greetings = Flux.range(1, request.getCount()).map((n) -> greeting(prefix + n));
		// Paced on Reactor's timer: no thread waits between two greetings.
		return (request.getIntervalMs() > 0)
				? greetings.delayElements(Duration.ofMillis(request.getIntervalMs())) : greetings;
	}

	// docs:elide // greetEveryone and converse: see the demo
	@Override
	public Mono<GreetResponse> greetEveryone(Flux<GreetRequest> requests, ConnectContext context) {
		return requests.reduce(new StringBuilder(),
				(lines, request) -> lines.append("Hello, ").append(request.getName()).append("!\n"))
			.map((lines) -> greeting(lines.toString()));
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
