package io.connectspring.benchmarks.jmh;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Each handler benchmark greets, so it measures a real call and not a fast error. */
class HandlerBenchmarkTests {

	@ParameterizedTest
	@CsvSource({ "0, proto", "3, proto", "0, json", "3, json" })
	void connectAndWebFluxHandlersBothAnswerTheGreeting(int interceptors, String codec) {
		HandlerBenchmark benchmark = new HandlerBenchmark();
		benchmark.interceptors = interceptors;
		benchmark.codec = codec;
		benchmark.setUp();
		assertThat(new String(benchmark.connect(), StandardCharsets.UTF_8)).contains("Hello, World!");
		assertThat(new String(benchmark.webflux(), StandardCharsets.UTF_8)).contains("Hello, World!");
	}

}
