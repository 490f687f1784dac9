package io.connectspring.benchmarks;

import io.connectspring.benchmarks.greet.v1.GreetRequest;
import io.connectspring.benchmarks.greet.v1.GreetResponse;

/**
 * The answers every bench server gives, so that all of them do the same work per message: {@code Greet} answers
 * "Hello, name!", {@code GreetStream} answers "Hello, name! #n" for n from 1 to count.
 */
public final class Greetings {

	private Greetings() {
	}

	/** Returns the answer to one greeting. */
	public static GreetResponse greet(GreetRequest request) {
		return GreetResponse.newBuilder().setGreeting("Hello, " + request.getName() + "!").build();
	}

	/** Returns the prefix of a stream's answers; append the message number. */
	public static String streamPrefix(String name) {
		return "Hello, " + name + "! #";
	}

	/** Returns the stream's answer number {@code n}. */
	public static GreetResponse streamed(String prefix, int n) {
		return GreetResponse.newBuilder().setGreeting(prefix + n).build();
	}

}
