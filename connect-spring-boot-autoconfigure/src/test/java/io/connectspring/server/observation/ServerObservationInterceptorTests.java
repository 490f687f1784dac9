package io.connectspring.server.observation;

import io.connectspring.fixtures.EchoService;
import io.connectspring.fixtures.Envelopes;
import io.connectspring.server.ConnectRouterFunctionBuilder;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingReceiverTracingObservationHandler;
import io.micrometer.tracing.otel.bridge.OtelBaggageManager;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelPropagator;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.api.common.AttributeKey;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Served calls observed as {@code rpc.server.requests}: metrics tags and spans that continue the client's trace. */
class ServerObservationInterceptorTests {

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final ObservationRegistry registry = ObservationRegistry.create();

	private WebTestClient client() {
		return WebTestClient
			.bindToRouterFunction(new ConnectRouterFunctionBuilder()
				.interceptors(List.of(new ServerObservationInterceptor(this.registry, null)))
				.service("echo", new EchoService())
				.build())
			.build();
	}

	private void unary(String message) {
		client().post()
			.uri("/test.v1.EchoService/Echo")
			.header("Content-Type", "application/json")
			.header("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
			.bodyValue("\"" + message + "\"")
			.exchange()
			.expectBody()
			.returnResult();
	}

	@Test
	void successfulCallIsTimedWithOkCode() {
		this.registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(this.meters));
		unary("hi");
		Timer timer = this.meters.get("rpc.server.requests")
			.tag("rpc.system", "connect_rpc")
			.tag("rpc.service", "test.v1.EchoService")
			.tag("rpc.method", "Echo")
			.tag("rpc.connect_rpc.protocol", "connect")
			.tag("rpc.connect_rpc.error_code", "ok")
			.timer();
		assertThat(timer.count()).isOne();
	}

	@Test
	void failedCallIsTaggedWithItsCode() {
		this.registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(this.meters));
		unary("fail:not_found");
		unary("boom");
		assertThat(this.meters.get("rpc.server.requests").tag("rpc.connect_rpc.error_code", "not_found").timer().count())
			.isOne();
		assertThat(this.meters.get("rpc.server.requests").tag("rpc.connect_rpc.error_code", "unknown").timer().count())
			.isOne();
	}

	@Test
	void streamCountsMessagesBothWays() {
		List<ConnectServerObservationContext> stopped = new CopyOnWriteArrayList<>();
		this.registry.observationConfig().observationHandler(new ObservationHandler<ConnectServerObservationContext>() {
			@Override
			public void onStop(ConnectServerObservationContext context) {
				stopped.add(context);
			}

			@Override
			public boolean supportsContext(io.micrometer.observation.Observation.Context context) {
				return context instanceof ConnectServerObservationContext;
			}
		});
		client().post()
			.uri("/test.v1.EchoService/Chat")
			.header("Content-Type", "application/connect+json")
			.bodyValue(Envelopes.json("\"a\"", "\"b\"", "\"c\""))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult();
		assertThat(stopped).singleElement().satisfies((context) -> {
			assertThat(context.getMessagesReceived()).isEqualTo(3);
			assertThat(context.getMessagesSent()).isEqualTo(3);
			assertThat(context.getCode()).isNull();
			assertThat(context.getHighCardinalityKeyValues().stream().map((kv) -> kv.getKey() + "=" + kv.getValue()))
				.contains("rpc.messages.received=3", "rpc.messages.sent=3");
		});
	}

	@Test
	void spanContinuesTraceFromTraceparentHeader() {
		List<SpanData> spans = new CopyOnWriteArrayList<>();
		SdkTracerProvider provider = SdkTracerProvider.builder()
			.addSpanProcessor(SimpleSpanProcessor.create(new CollectingExporter(spans)))
			.build();
		io.opentelemetry.api.trace.Tracer otel = provider.get("test");
		OtelCurrentTraceContext current = new OtelCurrentTraceContext();
		OtelTracer tracer = new OtelTracer(otel, current, (event) -> {
		}, new OtelBaggageManager(current, List.of(), List.of()));
		OtelPropagator propagator = new OtelPropagator(
				ContextPropagators.create(W3CTraceContextPropagator.getInstance()), otel);
		this.registry.observationConfig()
			.observationHandler(new ObservationHandler.FirstMatchingCompositeObservationHandler(
					new PropagatingReceiverTracingObservationHandler<>(tracer, propagator),
					new DefaultTracingObservationHandler(tracer)));
		unary("hi");
		assertThat(spans).singleElement().satisfies((span) -> {
			assertThat(span.getName()).isEqualTo("test.v1.EchoService/Echo");
			assertThat(span.getTraceId()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
			assertThat(span.getParentSpanId()).isEqualTo("b7ad6b7169203331");
			assertThat(span.getAttributes().get(AttributeKey.stringKey("rpc.system"))).isEqualTo("connect_rpc");
		});
		provider.close();
	}

	private record CollectingExporter(List<SpanData> spans) implements SpanExporter {

		@Override
		public CompletableResultCode export(Collection<SpanData> batch) {
			this.spans.addAll(batch);
			return CompletableResultCode.ofSuccess();
		}

		@Override
		public CompletableResultCode flush() {
			return CompletableResultCode.ofSuccess();
		}

		@Override
		public CompletableResultCode shutdown() {
			return CompletableResultCode.ofSuccess();
		}

	}

}
