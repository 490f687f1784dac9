package io.connectspring.demo.client;

import java.io.PrintStream;
import java.util.List;
import java.util.stream.Stream;

import io.connectspring.ConnectException;
import io.connectspring.client.BidiStreamCall;
import io.connectspring.demo.greet.v1.GreetRequest;
import io.connectspring.demo.greet.v1.GreetResponse;
import io.connectspring.demo.greet.v1.GreetServiceBlockingClient;
import io.connectspring.demo.greet.v1.GreetStreamRequest;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;

/**
 * Calls every GreetService method once and prints each greeting it receives on its own line: Greet with Ada,
 * GreetEveryone with Ada, Grace and Linus, GreetStream with Ada and count 3, Converse with Ada, Grace and Linus. On
 * the first error it prints the Connect code and message to standard error and stops; the exit code is then 1.
 */
class DemoClient implements ApplicationRunner, ExitCodeGenerator {

	private static final List<String> NAMES = List.of("Ada", "Grace", "Linus");

	private final GreetServiceBlockingClient client;

	private final String protocol;

	private final PrintStream out;

	private final PrintStream err;

	private int exitCode;

	DemoClient(GreetServiceBlockingClient client, String protocol, PrintStream out, PrintStream err) {
		this.client = client;
		this.protocol = protocol;
		this.out = out;
		this.err = err;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!DemoClientMode.PROTOCOLS.contains(this.protocol)) {
			this.err.println("demo.client.protocol '" + this.protocol + "' is not supported; use "
					+ String.join(", ", DemoClientMode.PROTOCOLS));
			this.exitCode = 2;
			return;
		}
		try {
			callEveryMethod();
		}
		catch (ConnectException ex) {
			this.err.println(ex.code().protocolName() + ": " + ex.rawMessage());
			this.exitCode = 1;
		}
	}

	private void callEveryMethod() {
		print(this.client.greet(named("Ada")));
		print(this.client.greetEveryone(NAMES.stream().map(DemoClient::named).toList()));
		GreetStreamRequest stream = GreetStreamRequest.newBuilder().setName("Ada").setCount(3).build();
		try (Stream<GreetResponse> responses = this.client.greetStream(stream)) {
			responses.forEach(this::print);
		}
		// Send everything first, then read: over HTTP/1.1 a bidi stream is half-duplex.
		try (BidiStreamCall<GreetRequest, GreetResponse> call = this.client.converse()) {
			NAMES.forEach((name) -> call.send(named(name)));
			call.closeSend();
			for (GreetResponse response = call.receive(); response != null; response = call.receive()) {
				print(response);
			}
		}
	}

	/** Prints a greeting; GreetEveryone's has one line per person, so it prints as several lines. */
	private void print(GreetResponse response) {
		response.getGreeting().lines().forEach(this.out::println);
	}

	private static GreetRequest named(String name) {
		return GreetRequest.newBuilder().setName(name).build();
	}

	@Override
	public int getExitCode() {
		return this.exitCode;
	}

}
