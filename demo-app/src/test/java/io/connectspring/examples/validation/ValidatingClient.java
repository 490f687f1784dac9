package io.connectspring.examples.validation;

import io.connectspring.client.HttpConnectTransport;
import io.connectspring.validation.ValidationInterceptor;

import java.util.List;

/** A client that checks its requests before sending them (docs/validation.md). */
final class ValidatingClient {

	private ValidatingClient() {
	}

	/** Returns a transport to the server whose calls check their requests; close it when done. */
	static HttpConnectTransport transport(String baseUrl) {
		// tag::client[]
		HttpConnectTransport transport = HttpConnectTransport.builder(baseUrl)
			.interceptors(List.of(ValidationInterceptor.create()))
			.build();
		// end::client[]
		return transport;
	}

}
