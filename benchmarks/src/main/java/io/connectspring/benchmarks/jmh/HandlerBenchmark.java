package io.connectspring.benchmarks.jmh;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.connectspring.ConnectInterceptor;
import io.connectspring.benchmarks.connect.BenchGreetService;
import io.connectspring.benchmarks.greet.v1.GreetRequest;
import io.connectspring.benchmarks.webflux.GreetRoutes;
import io.connectspring.server.ConnectRouterFunctionBuilder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.web.reactive.function.server.RouterFunctions;

import reactor.core.publisher.Flux;

/**
 * One unary {@code Greet} call through WebFlux's whole server chain ({@link RouterFunctions#toHttpHandler}, as the
 * running app does), on a mock request and a {@link CollectingResponse}, so no socket or event loop is involved: the per-call cost of
 * our handler against the bare WebFlux route of {@link GreetRoutes}, and of the interceptor chain (none, or
 * {@code interceptors} pass-through interceptors).
 * <p>
 * Scores include WebFlux's own per-request work (exchange, attributes, routing), the same on both sides; the
 * difference between {@code connect} and {@code webflux} is what the starter adds.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HandlerBenchmark {

	private static final String PATH = "/greet.v1.GreetService/Greet";

	@Param({ "0", "3" })
	public int interceptors;

	@Param({ "proto", "json" })
	public String codec;

	private HttpHandler connect = (request, response) -> response.setComplete();

	private HttpHandler webflux = (request, response) -> response.setComplete();

	private byte[] body = new byte[0];

	private String contentType = "";

	@Setup
	public void setUp() {
		List<ConnectInterceptor> chain = new ArrayList<>();
		for (int i = 0; i < this.interceptors; i++) {
			chain.add((call, requests, next) -> next.proceed(requests));
		}
		this.connect = RouterFunctions.toHttpHandler(new ConnectRouterFunctionBuilder()
			.service("benchGreetService", new BenchGreetService())
			.interceptors(chain)
			.build());
		this.webflux = RouterFunctions.toHttpHandler(GreetRoutes.routes());
		boolean json = "json".equals(this.codec);
		this.body = json ? "{\"name\":\"World\"}".getBytes(StandardCharsets.UTF_8)
				: GreetRequest.newBuilder().setName("World").build().toByteArray();
		this.contentType = json ? "application/json" : "application/proto";
		// Fail at set-up, not with a fast wrong answer: both handlers must greet.
		check(call(this.connect), "connect");
		check(call(this.webflux), "webflux");
	}

	@Benchmark
	public byte[] connect() {
		return call(this.connect);
	}

	@Benchmark
	public byte[] webflux() {
		return call(this.webflux);
	}

	private byte[] call(HttpHandler handler) {
		MockServerHttpRequest request = MockServerHttpRequest.post(PATH)
			.header("content-type", this.contentType)
			.body(Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(this.body)));
		CollectingResponse response = new CollectingResponse();
		handler.handle(request, response).block();
		HttpStatusCode status = response.getStatusCode();
		if (status != null && !status.is2xxSuccessful()) {
			throw new IllegalStateException("status " + status);
		}
		return response.body();
	}

	private void check(byte[] answer, String side) {
		String text = new String(answer, StandardCharsets.ISO_8859_1);
		if (!text.contains("Hello, World!")) {
			throw new IllegalStateException(side + " did not greet: " + text);
		}
	}

}
