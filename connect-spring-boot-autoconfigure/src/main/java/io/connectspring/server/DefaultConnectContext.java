package io.connectspring.server;

import io.connectspring.MethodDescriptor;
import io.connectspring.internal.protocol.CallState;

import java.time.Instant;
import java.util.Optional;

import org.springframework.http.HttpHeaders;

/** The {@link ConnectContext} of a call, over the protocol's call state. */
final class DefaultConnectContext implements ConnectContext {

	private final CallState state;

	private final Peer peer;

	DefaultConnectContext(CallState state) {
		this.state = state;
		this.peer = new Peer(state.remoteAddress(), state.protocol());
	}

	@Override
	public MethodDescriptor<?, ?> method() {
		return this.state.method();
	}

	@Override
	public HttpHeaders requestHeaders() {
		return this.state.requestHeaders();
	}

	@Override
	public HttpHeaders responseHeaders() {
		return this.state.responseHeaders();
	}

	@Override
	public HttpHeaders responseTrailers() {
		return this.state.responseTrailers();
	}

	@Override
	public Optional<Instant> deadline() {
		return Optional.ofNullable(this.state.deadline());
	}

	@Override
	public Peer peer() {
		return this.peer;
	}

	@Override
	public String httpMethod() {
		return this.state.httpMethod();
	}

}
