package io.connectspring.boot.test.sample;

import io.connectspring.client.CallOptions;
import io.connectspring.client.ConnectTransport;

import com.google.protobuf.StringValue;
import reactor.core.publisher.Mono;

/** A hand-written stand-in for the generated client of {@link UpperService}. */
public final class UpperClient {

	private final ConnectTransport transport;

	public UpperClient(ConnectTransport transport) {
		this.transport = transport;
	}

	public Mono<StringValue> upper(String value) {
		return this.transport.unary(UpperService.UPPER, StringValue.of(value), CallOptions.defaults());
	}

}
