package io.connectspring.benchmarks.connect;

import java.util.Map;

import io.connectspring.benchmarks.SpringBench;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Our side: an application that adds the starter and one {@code @ConnectService}, as a user would. It is not the
 * demo because the demo adds Actuator (an observation per call, metrics endpoints) and an auth interceptor, which a
 * benchmark of the starter itself must leave out; the demo's cost with observation on is a separate question.
 */
@SpringBootApplication
public class ConnectBenchApplication {

	public static void main(String[] args) {
		SpringBench.run(ConnectBenchApplication.class, args, Map.of());
	}

}
