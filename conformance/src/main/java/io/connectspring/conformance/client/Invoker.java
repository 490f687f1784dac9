package io.connectspring.conformance.client;

import io.connectspring.client.ConnectTransport;

import connectrpc.conformance.v1.ClientCompat.ClientCompatRequest;
import connectrpc.conformance.v1.ClientCompat.ClientResponseResult;

/** Makes the call one request describes with one kind of generated client, on the calling thread. */
interface Invoker {

	/**
	 * Makes the call and returns its outcome, the call's own error included.
	 * @throws IllegalArgumentException when the request names an unknown method or malformed messages
	 * @throws InterruptedException when the program is stopping
	 */
	ClientResponseResult invoke(ClientCompatRequest request, ConnectTransport transport) throws InterruptedException;

}
