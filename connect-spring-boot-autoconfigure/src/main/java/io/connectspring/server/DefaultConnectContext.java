package io.connectspring.server;

import io.connectspring.MethodDescriptor;
import io.connectspring.internal.server.CallState;

import java.time.Instant;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.util.MultiValueMap;

/** The {@link ConnectContext} of a call, over the protocol's call state. */
final class DefaultConnectContext implements ConnectContext {

	private final CallState state;

	private @Nullable Peer peer;

	DefaultConnectContext(CallState state) {
		this.state = state;
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
	public void sendResponseHeaders() {
		this.state.sendHeadersNow();
	}

	@Override
	public MultiValueMap<String, String> queryParams() {
		return this.state.queryParams();
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
		Peer peer = this.peer;
		if (peer == null) {
			peer = new Peer(this.state.remoteAddress(), this.state.protocol());
			this.peer = peer;
		}
		return peer;
	}

	@Override
	public String httpMethod() {
		return this.state.httpMethod();
	}

}
