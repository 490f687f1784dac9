package io.connectspring.server.observation;

import io.connectspring.Code;
import io.connectspring.ConnectCall;
import io.connectspring.internal.observation.CallOutcome;

import io.micrometer.observation.transport.RequestReplyReceiverContext;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;

/**
 * The observation context of one served call: the call, its outcome, and how many messages went each way. The
 * carrier is the request headers, so that tracing continues the client's trace (W3C {@code traceparent}).
 */
public final class ConnectServerObservationContext extends RequestReplyReceiverContext<HttpHeaders, ConnectCall> {

	private final ConnectCall call;

	private final CallOutcome outcome = new CallOutcome();

	public ConnectServerObservationContext(ConnectCall call) {
		super(HttpHeaders::getFirst);
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

	/** Returns how many request messages the service was handed. */
	public long getMessagesReceived() {
		return this.outcome.requests();
	}

	/** Returns how many response messages the service produced. */
	public long getMessagesSent() {
		return this.outcome.responses();
	}

	CallOutcome outcome() {
		return this.outcome;
	}

}
