package io.connectspring.server.observation;

import io.connectspring.fixtures.EchoService;
import io.connectspring.fixtures.RecordingTracing;
import io.connectspring.fixtures.Envelopes;
import io.connectspring.server.ConnectRouterFunctionBuilder;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.opentelemetry.sdk.trace.data.SpanData;
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
	void grpcWebCallsAreTaggedWithTheirProtocol() {
		this.registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(this.meters));
		client().post()
			.uri("/test.v1.EchoService/Echo")
			.header("Content-Type", "application/grpc-web")
			.bodyValue(Envelopes.frame(0, EchoService.string("fail:not_found").toByteArray()))
			.exchange()
			.expectStatus()
			.isOk();
		Timer timer = this.meters.get("rpc.server.requests")
			.tag("rpc.connect_rpc.protocol", "grpcweb")
			.tag("rpc.connect_rpc.error_code", "not_found")
			.timer();
		assertThat(timer.count()).isOne();
	}

	@Test
	void failedCallIsTaggedWithItsCode() {
		this.registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(this.meters));
		unary("fail:not_found");
		unary("boom");
		assertThat(this.meters.get("rpc.server.requests")
			.tag("rpc.connect_rpc.error_code", "not_found")
			.timer()
			.count()).isOne();
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
		RecordingTracing tracing = new RecordingTracing();
		this.registry.observationConfig().observationHandler(tracing.receiverHandler());
		List<SpanData> spans = tracing.spans();
		unary("hi");
		assertThat(spans).singleElement().satisfies((span) -> {
			assertThat(span.getName()).isEqualTo("test.v1.EchoService/Echo");
			assertThat(span.getTraceId()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
			assertThat(span.getParentSpanId()).isEqualTo("b7ad6b7169203331");
			assertThat(span.getAttributes().get(AttributeKey.stringKey("rpc.system"))).isEqualTo("connect_rpc");
		});
		tracing.close();
	}

}
