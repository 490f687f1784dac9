package io.connectspring.client.observation;

import io.connectspring.Code;
import io.connectspring.ConnectException;
import io.connectspring.ConnectInterceptor;
import io.connectspring.client.CallOptions;
import io.connectspring.client.HttpConnectTransport;
import io.connectspring.client.WireProtocol;
import io.connectspring.fixtures.ConnectServerExtension;
import io.connectspring.fixtures.EchoService;
import io.connectspring.fixtures.RecordingTracing;
import io.connectspring.fixtures.ScriptedH2cServer;

import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/** Client calls observed as {@code rpc.client.requests}, their trace context sent in the request headers. */
class ClientObservationInterceptorTests {

	/** The {@code traceparent} each served call arrived with, by request value. */
	private static final Map<String, String> traceparents = new ConcurrentHashMap<>();

	private static final ConnectInterceptor RECORD_TRACEPARENT = (call, requests, next) -> next
		.proceed(requests.doOnNext((request) -> {
			String traceparent = call.requestHeaders().getFirst("traceparent");
			if (request instanceof com.google.protobuf.StringValue value && traceparent != null) {
				traceparents.put(value.getValue(), traceparent);
			}
		}));

	@RegisterExtension
	static final ConnectServerExtension server = new ConnectServerExtension(List.of(RECORD_TRACEPARENT));

	private final ObservationRegistry registry = ObservationRegistry.create();

	private HttpConnectTransport transport() {
		return HttpConnectTransport.builder(server.baseUrl())
			.codec("json")
			.interceptors(List.of(new ClientObservationInterceptor(this.registry, null)))
			.build();
	}

	@Test
	void callsAreTimedWithTheirCode() {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		this.registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
		try (HttpConnectTransport transport = transport()) {
			transport.unary(EchoService.ECHO, EchoService.string("hi"), CallOptions.defaults()).block();
			assertThatExceptionOfType(ConnectException.class).isThrownBy(() -> transport
				.unary(EchoService.ECHO, EchoService.string("fail:not_found"), CallOptions.defaults())
				.block()).satisfies((ex) -> assertThat(ex.code()).isEqualTo(Code.NOT_FOUND));
			assertThat(transport
				.bidiStream(EchoService.CHAT, Flux.just(EchoService.string("a")), CallOptions.defaults())
				.collectList()
				.block()).hasSize(1);
		}
		// The observation stops right after the caller gets the last signal, possibly on another thread.
		await().untilAsserted(() -> assertThat(meters.get("rpc.client.requests").timers()).hasSize(3));
		assertThat(meters.get("rpc.client.requests")
			.tag("rpc.system", "connect_rpc")
			.tag("rpc.service", "test.v1.EchoService")
			.tag("rpc.method", "Echo")
			.tag("rpc.connect_rpc.error_code", "ok")
			.timer()
			.count()).isOne();
		assertThat(meters.get("rpc.client.requests").tag("rpc.connect_rpc.error_code", "not_found").timer().count())
			.isOne();
		assertThat(meters.get("rpc.client.requests").tag("rpc.method", "Chat").timer().count()).isOne();
	}

	@Test
	void aFailedConnectionIsRecordedWithTheCodeTheCallerGets() throws Exception {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		this.registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		try (HttpConnectTransport transport = HttpConnectTransport.builder("http://127.0.0.1:" + port)
			.interceptors(List.of(new ClientObservationInterceptor(this.registry, null)))
			.build()) {
			assertThatExceptionOfType(ConnectException.class).isThrownBy(
					() -> transport.unary(EchoService.ECHO, EchoService.string("hi"), CallOptions.defaults()).block())
				.satisfies((ex) -> assertThat(ex.code()).isEqualTo(Code.UNAVAILABLE));
		}
		await().untilAsserted(() -> assertThat(
				meters.get("rpc.client.requests").tag("rpc.connect_rpc.error_code", "unavailable").timer().count())
			.isOne());
	}

	@Test
	void grpcCallsAreTaggedWithTheirProtocolAndGrpcStatus() {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		this.registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
		try (ScriptedH2cServer grpcServer = ScriptedH2cServer.answering(200,
				Map.of("content-type", "application/grpc", "grpc-status", "5"), new byte[0], null);
				HttpConnectTransport transport = HttpConnectTransport.builder(grpcServer.baseUrl())
					.protocol(WireProtocol.GRPC)
					.interceptors(List.of(new ClientObservationInterceptor(this.registry, null)))
					.build()) {
			assertThatExceptionOfType(ConnectException.class).isThrownBy(
					() -> transport.unary(EchoService.ECHO, EchoService.string("hi"), CallOptions.defaults()).block());
		}
		await().untilAsserted(() -> assertThat(meters.get("rpc.client.requests")
			.tag("rpc.connect_rpc.protocol", "grpc")
			.tag("rpc.connect_rpc.error_code", "not_found")
			.timer()
			.count()).isOne());
	}

	@Test
	void traceContextTravelsToTheServerInTraceparent() {
		RecordingTracing tracing = new RecordingTracing();
		this.registry.observationConfig().observationHandler(tracing.senderHandler());
		List<SpanData> spans = tracing.spans();
		try (HttpConnectTransport transport = transport()) {
			transport.unary(EchoService.ECHO, EchoService.string("traced"), CallOptions.defaults()).block();
		}
		await().untilAsserted(() -> assertThat(spans).hasSize(1));
		assertThat(spans).singleElement().satisfies((span) -> {
			assertThat(span.getName()).isEqualTo("test.v1.EchoService/Echo");
			assertThat(traceparents.get("traced")).startsWith("00-" + span.getTraceId() + "-" + span.getSpanId() + "-");
		});
		tracing.close();
	}

}
