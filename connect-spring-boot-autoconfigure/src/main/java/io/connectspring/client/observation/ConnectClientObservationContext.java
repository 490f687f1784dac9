package io.connectspring.client.observation;

import io.connectspring.Code;
import io.connectspring.ConnectCall;
import io.connectspring.internal.observation.CallOutcome;

import io.micrometer.observation.transport.RequestReplySenderContext;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;

/**
 * The observation context of one client call: the call, its outcome, and how many messages went each way. The
 * carrier is the request headers, so that tracing sends the trace context (W3C {@code traceparent}) to the server.
 */
public final class ConnectClientObservationContext extends RequestReplySenderContext<HttpHeaders, ConnectCall> {

	private final ConnectCall call;

	private final CallOutcome outcome = new CallOutcome();

	public ConnectClientObservationContext(ConnectCall call) {
		super(HttpHeaders::set);
		this.call = call;
		setCarrier(call.requestHeaders());
		setResponse(call);
	}

	/** Returns the call. */
	public ConnectCall getCall() {
		return this.call;
	}

	/** Returns the code the call failed with, or {@code null} while it runs and when it succeeded. */
	public @Nullable Code getCode() {
		return this.outcome.code();
	}

	/** Returns how many request messages the caller published. */
	public long getMessagesSent() {
		return this.outcome.requests();
	}

	/** Returns how many response messages the caller received. */
	public long getMessagesReceived() {
		return this.outcome.responses();
	}

	CallOutcome outcome() {
		return this.outcome;
	}

}
