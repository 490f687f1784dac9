package io.connectspring.internal.server;

import io.connectspring.MethodDescriptor;

import org.springframework.http.HttpHeaders;

/** Call states for tests outside this package, which cannot negotiate one; as a POST over Connect makes it. */
public final class TestCallStates {

	private TestCallStates() {
	}

	/** Returns the state of a call to the given procedure, without headers. */
	public static CallState of(MethodDescriptor<?, ?> method) {
		return new CallState(method, new HttpHeaders(), null, "connect", "POST", RequestHead.NO_QUERY);
	}

}
