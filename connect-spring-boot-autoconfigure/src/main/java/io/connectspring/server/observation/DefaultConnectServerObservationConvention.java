package io.connectspring.server.observation;

import io.connectspring.Code;
import io.connectspring.MethodDescriptor;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

/**
 * Observes each served call as {@code rpc.server.requests}, with OpenTelemetry's RPC conventions as low-cardinality
 * tags: {@code rpc.system=connect_rpc}, {@code rpc.service}, {@code rpc.method}, {@code rpc.connect_rpc.protocol}
 * ({@code connect}, {@code grpc} or {@code grpcweb}) and {@code rpc.connect_rpc.error_code} (the Connect code, or
 * {@code ok}). The message counts of a call are high-cardinality values ({@code rpc.messages.received},
 * {@code rpc.messages.sent}), so they reach spans, not metrics.
 *
 * @see <a href="https://opentelemetry.io/docs/specs/semconv/rpc/connect-rpc/">OpenTelemetry: Connect RPC</a>
 */
public class DefaultConnectServerObservationConvention implements ConnectServerObservationConvention {

	/** The observation's name, and so the timer's. */
	public static final String NAME = "rpc.server.requests";

	private static final KeyValue SYSTEM = KeyValue.of("rpc.system", "connect_rpc");

	@Override
	public String getName() {
		return NAME;
	}

	/** Returns {@code service/method}, as OpenTelemetry names RPC spans. */
	@Override
	public String getContextualName(ConnectServerObservationContext context) {
		MethodDescriptor<?, ?> method = context.getCall().method();
		return method.serviceName() + "/" + method.methodName();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(ConnectServerObservationContext context) {
		MethodDescriptor<?, ?> method = context.getCall().method();
		Code code = context.getCode();
		return KeyValues.of(SYSTEM, KeyValue.of("rpc.service", method.serviceName()),
				KeyValue.of("rpc.method", method.methodName()),
				KeyValue.of("rpc.connect_rpc.protocol", context.getCall().protocol()),
				KeyValue.of("rpc.connect_rpc.error_code", (code != null) ? code.protocolName() : "ok"));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(ConnectServerObservationContext context) {
		return KeyValues.of(KeyValue.of("rpc.messages.received", Long.toString(context.getMessagesReceived())),
				KeyValue.of("rpc.messages.sent", Long.toString(context.getMessagesSent())));
	}

}
