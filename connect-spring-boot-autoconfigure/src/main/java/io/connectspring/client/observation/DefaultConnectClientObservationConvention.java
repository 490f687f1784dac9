package io.connectspring.client.observation;

import io.connectspring.Code;
import io.connectspring.MethodDescriptor;

import io.micrometer.common.KeyValues;

/**
 * Observes each client call as {@code rpc.client.requests}, with the same low-cardinality tags as served calls:
 * {@code rpc.system=connect_rpc}, {@code rpc.service}, {@code rpc.method}, {@code rpc.connect_rpc.protocol} and
 * {@code rpc.connect_rpc.error_code} (the Connect code, or {@code ok}); message counts are high-cardinality values.
 */
public class DefaultConnectClientObservationConvention implements ConnectClientObservationConvention {

	/** The observation's name, and so the timer's. */
	public static final String NAME = "rpc.client.requests";

	@Override
	public String getName() {
		return NAME;
	}

	/** Returns {@code service/method}, as OpenTelemetry names RPC spans. */
	@Override
	public String getContextualName(ConnectClientObservationContext context) {
		MethodDescriptor<?, ?> method = context.getCall().method();
		return method.serviceName() + "/" + method.methodName();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(ConnectClientObservationContext context) {
		MethodDescriptor<?, ?> method = context.getCall().method();
		Code code = context.getCode();
		return KeyValues.of("rpc.system", "connect_rpc", "rpc.service", method.serviceName(), "rpc.method",
				method.methodName(), "rpc.connect_rpc.protocol", context.getCall().protocol(),
				"rpc.connect_rpc.error_code", (code != null) ? code.protocolName() : "ok");
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(ConnectClientObservationContext context) {
		return KeyValues.of("rpc.messages.sent", Long.toString(context.getMessagesSent()), "rpc.messages.received",
				Long.toString(context.getMessagesReceived()));
	}

}
