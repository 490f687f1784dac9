package io.connectspring.benchmarks;

import java.lang.management.ManagementFactory;

import com.sun.management.OperatingSystemMXBean;

/**
 * The one line every bench server prints once it accepts connections, which {@code benchmarks/run} waits for and
 * reads the start-up time from: {@code READY port=<port> uptime_ms=<JVM uptime> thread_cpu_ms=<CPU of the announcing
 * thread> process_cpu_ms=<CPU of the whole JVM>}. The uptime counts from the JVM's start, like Spring Boot's "process
 * running for". The Spring apps announce on {@code main}, so its CPU time is the start-up's own work without the JIT
 * compiler's, which on one core competes with it for the same CPU.
 */
public final class Ready {

	private Ready() {
	}

	/** Prints the readiness line to standard output and flushes it. */
	public static void announce(int port) {
		long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
		long threadCpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1_000_000;
		long processCpu = ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime() / 1_000_000;
		System.out.println("READY port=" + port + " uptime_ms=" + uptime + " thread_cpu_ms=" + threadCpu
				+ " process_cpu_ms=" + processCpu);
		System.out.flush();
	}

}
