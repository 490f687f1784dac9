package io.connectspring.examples.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.connectspring.Code;
import io.connectspring.ConnectException;
import io.connectspring.client.BidiStreamCall;
import io.connectspring.client.CallOptions;
import io.connectspring.client.ResponseMetadata;
import io.connectspring.demo.greet.v1.GreetRequest;
import io.connectspring.demo.greet.v1.GreetResponse;
import io.connectspring.demo.greet.v1.GreetServiceBlockingClient;
import io.connectspring.demo.greet.v1.GreetServiceClient;
import io.connectspring.demo.greet.v1.GreetStreamRequest;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/** A component that calls GreetService with the injected generated clients, one method per kind of call. */
// tag::component[]
@Component
public class GreetCalls {

	// docs:elide public GreetCalls(GreetServiceClient client, GreetServiceBlockingClient blockingClient) { ... }
	private final GreetServiceClient client;

	private final GreetServiceBlockingClient blockingClient;

	public GreetCalls(GreetServiceClient client, GreetServiceBlockingClient blockingClient) {
		this.client = client;
		this.blockingClient = blockingClient;
	}
	// docs:end-elide

	/** Unary, reactive: nothing is sent until the Mono is subscribed. */
	public Mono<String> greet(String name) {
		return this.client.greet(named(name)).map(GreetResponse::getGreeting);
	}

	// docs:elide
	/** Per-call options: a timeout (the server sees it as the deadline), a header, and the response metadata. */
	public String greetWithOptions(String name) {
		// tag::options[]
		ResponseMetadata metadata = new ResponseMetadata();
		CallOptions options = CallOptions.defaults()
			.withTimeout(Duration.ofSeconds(2))      // the server sees it as the deadline (Connect-Timeout-Ms)
			.withHeader("x-request-id", "42")
			.withResponseMetadata(metadata);
		GreetResponse response = this.blockingClient.greet(named(name), options);
		String version = metadata.headers().getFirst("greet-version");  // "v1"
		// end::options[]
		// Response headers have arrived with the response; trailers are filled when the call has ended.
		return response.getGreeting() + " (greet-version " + version + ")";
	}

	// docs:end-elide
	/** Client streaming, reactive: the requests are sent as the Flux publishes them. */
	public Mono<String> greetEveryone(List<String> names) {
		return this.client.greetEveryone(Flux.fromIterable(names).map(GreetCalls::named))
			.map(GreetResponse::getGreeting);
	}

	// docs:elide // ... one method for each kind of call
	/** Server streaming, blocking: the Stream blocks for each response; close it (try-with-resources). */
	public List<String> greetStream(String name, int count) {
		GreetStreamRequest request = GreetStreamRequest.newBuilder().setName(name).setCount(count).build();
		// tag::server-stream[]
		try (var responses = this.blockingClient.greetStream(request)) {
			return responses.map(GreetResponse::getGreeting).toList();
		}
		// end::server-stream[]
	}

	/**
	 * Bidirectional streaming, blocking: send and receive in turns. This needs HTTP/2 (h2c or h2), where the call is
	 * full-duplex; over HTTP/1.1, send everything and close the sending side before receiving.
	 */
	public List<String> converse(List<String> names) {
		List<String> answers = new ArrayList<>();
		// tag::bidi[]
		try (BidiStreamCall<GreetRequest, GreetResponse> call = this.blockingClient.converse()) {
			for (String name : names) {
				call.send(named(name));
				answers.add(call.receive().getGreeting());
			}
			call.closeSend();
			if (call.receive() != null) {
				throw new IllegalStateException("more answers than greetings");
			}
		}
		// end::bidi[]
		return answers;
	}

	/** Errors: every failure is a ConnectException with a code from the Connect spec. */
	public String greetOrExplain(String name) {
		// tag::errors[]
		try {
			return this.blockingClient.greet(named(name)).getGreeting();
		}
		catch (ConnectException ex) {
			if (ex.code() == Code.INVALID_ARGUMENT) {
				return "rejected: " + ex.rawMessage();
			}
			if (ex.code() == Code.DEADLINE_EXCEEDED || ex.code() == Code.UNAVAILABLE) {
				return "try again later";
			}
			throw ex;
		}
		// end::errors[]
	}

	private static GreetRequest named(String name) {
		return GreetRequest.newBuilder().setName(name).build();
	}
	// docs:end-elide

}
// end::component[]
