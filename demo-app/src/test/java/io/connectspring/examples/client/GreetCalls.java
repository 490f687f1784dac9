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
@Component
public class GreetCalls {

	private final GreetServiceClient client;

	private final GreetServiceBlockingClient blockingClient;

	public GreetCalls(GreetServiceClient client, GreetServiceBlockingClient blockingClient) {
		this.client = client;
		this.blockingClient = blockingClient;
	}

	/** Unary, reactive: nothing is sent until the Mono is subscribed. */
	public Mono<String> greet(String name) {
		return this.client.greet(named(name)).map(GreetResponse::getGreeting);
	}

	/** Per-call options: a timeout (the server sees it as the deadline), a header, and the response metadata. */
	public String greetWithOptions(String name) {
		ResponseMetadata metadata = new ResponseMetadata();
		CallOptions options = CallOptions.defaults()
			.withTimeout(Duration.ofSeconds(2))
			.withHeader("x-request-id", "42")
			.withResponseMetadata(metadata);
		GreetResponse response = this.blockingClient.greet(named(name), options);
		// Response headers have arrived with the response; trailers are filled when the call has ended.
		return response.getGreeting() + " (greet-version " + metadata.headers().getFirst("greet-version") + ")";
	}

	/** Client streaming, reactive: the requests are sent as the Flux publishes them. */
	public Mono<String> greetEveryone(List<String> names) {
		return this.client.greetEveryone(Flux.fromIterable(names).map(GreetCalls::named))
			.map(GreetResponse::getGreeting);
	}

	/** Server streaming, blocking: the Stream blocks for each response; close it (try-with-resources). */
	public List<String> greetStream(String name, int count) {
		GreetStreamRequest request = GreetStreamRequest.newBuilder().setName(name).setCount(count).build();
		try (var responses = this.blockingClient.greetStream(request)) {
			return responses.map(GreetResponse::getGreeting).toList();
		}
	}

	/**
	 * Bidirectional streaming, blocking: send and receive in turns. This needs HTTP/2 (h2c or h2), where the call is
	 * full-duplex; over HTTP/1.1, send everything and close the sending side before receiving.
	 */
	public List<String> converse(List<String> names) {
		List<String> answers = new ArrayList<>();
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
		return answers;
	}

	/** Errors: every failure is a ConnectException with a code from the Connect spec. */
	public String greetOrExplain(String name) {
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
	}

	private static GreetRequest named(String name) {
		return GreetRequest.newBuilder().setName(name).build();
	}

}
