package io.connectspring.benchmarks;

import java.lang.management.ManagementFactory;

/**
 * The one line every bench server prints once it accepts connections, which {@code benchmarks/run} waits for and
 * reads the start-up time from: {@code READY port=<port> uptime_ms=<JVM uptime>}. The uptime counts from the JVM's
 * start, like Spring Boot's "process running for".
 */
public final class Ready {

	private Ready() {
	}

	/** Prints the readiness line to standard output and flushes it. */
	public static void announce(int port) {
		long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
		System.out.println("READY port=" + port + " uptime_ms=" + uptime);
		System.out.flush();
	}

}
