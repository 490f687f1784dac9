package io.connectspring.demo.e2e.badclient;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * The JVM's heap in use after a full collection: the live data, without the garbage that happens to be waiting for the
 * next collection. Taken before and after a suite, the difference is what the suite left behind.
 */
final class Heap {

	/** Collections per measurement: objects with finalizers or cleaners need a second cycle to go. */
	private static final int COLLECTIONS = 3;

	private Heap() {
	}

	/** Collects the heap (as {@code System.gc()}, through the memory MXBean) and returns the bytes still in use. */
	static long usedAfterGc() {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		long used = Long.MAX_VALUE;
		for (int i = 0; i < COLLECTIONS; i++) {
			memory.gc();
			used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
		}
		return used;
	}

	/** Returns bytes as mebibytes with one decimal, for reports. */
	static String mib(long bytes) {
		return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
	}

}
