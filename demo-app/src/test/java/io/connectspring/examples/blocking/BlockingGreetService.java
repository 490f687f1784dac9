package io.connectspring.examples.blocking;

import io.connectspring.Code;
import io.connectspring.ConnectException;
import io.connectspring.demo.greet.v1.GreetRequest;
import io.connectspring.demo.greet.v1.GreetResponse;
import io.connectspring.demo.greet.v1.GreetServiceBlocking;
import io.connectspring.demo.greet.v1.GreetStreamRequest;
import io.connectspring.server.ConnectContext;
import io.connectspring.server.ConnectService;

import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The demo's service written against the generated blocking interface: plain values and {@link Stream}s, run on
 * Connect's blocking scheduler, never on an event-loop thread. Shown in docs/serving.md.
 */
// tag::blocking[]
// tag::service[]
@ConnectService
public class BlockingGreetService implements GreetServiceBlocking {

	@Override
	public GreetResponse greet(GreetRequest request, ConnectContext context) {
		if (request.getName().isEmpty()) {
			throw new ConnectException(Code.INVALID_ARGUMENT, "name is required");
		}
		context.responseHeaders().set("greet-version", "v1");
		return greeting("Hello, " + request.getName() + "!");
	}

	@Override
	public GreetResponse greetEveryone(Stream<GreetRequest> requests, ConnectContext context) {
		// Each element blocks until the client sends the next request.
		return greeting(requests.map((request) -> "Hello, " + request.getName() + "!\n").collect(Collectors.joining()));
	}

	@Override
	public Stream<GreetResponse> greetStream(GreetStreamRequest request, ConnectContext context) {
		if (request.getCount() < 0) {
			throw new ConnectException(Code.INVALID_ARGUMENT, "count must not be negative");
		}
		// Lazy: pulled one message at a time, as the client reads.
		return IntStream.rangeClosed(1, request.getCount())
			.mapToObj((n) -> greeting("Hello, " + request.getName() + "! #" + n));
	}

	@Override
	public Stream<GreetResponse> converse(Stream<GreetRequest> requests, ConnectContext context) {
		// map() keeps it lazy, so each answer leaves before the next request arrives.
		return requests.map((request) -> greeting("Hello, " + request.getName() + "!"));
	}

	private static GreetResponse greeting(String text) {
		return GreetResponse.newBuilder().setGreeting(text).build();
	}

}
// end::blocking[]
// end::service[]
