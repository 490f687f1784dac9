package io.connectspring.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.springframework.core.metrics.ApplicationStartup;
import org.springframework.core.metrics.StartupStep;

/**
 * An {@link ApplicationStartup} that charges each of Spring's start-up steps the CPU time of the thread that ran it,
 * and prints the totals once ready: one {@code STEP self_us=<own CPU> total_us=<with nested steps> count=<n>
 * wall_self_us=<own wall time> wall_total_us=<with nested steps> <name>} line per step name (bean steps are named
 * by their bean), after the {@link Ready} line, and {@code (outside any step)} for the CPU between steps. Only
 * steps on {@code main} are charged; nested steps are subtracted from their parent's own time. Enabled with the system
 * property {@code benchmarks.startup-steps=true}; it answers where the start-up overhead over {@code empty-webflux}
 * goes, in CPU rather than wall time, so that a busy machine or the JIT compiler's threads inflate it less.
 */
public final class StartupSteps implements ApplicationStartup {

	/** The system property that turns the step profile on. */
	public static final String ENABLED = "benchmarks.startup-steps";

	private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

	private final Thread main = Thread.currentThread();

	private final Deque<Step> open = new ArrayDeque<>();

	private final Map<String, Total> totals = new LinkedHashMap<>();

	private long outermost;

	/** Whether the step profile was asked for. */
	public static boolean enabled() {
		return Boolean.getBoolean(ENABLED);
	}

	@Override
	public StartupStep start(String name) {
		if (Thread.currentThread() != this.main) {
			return new Step(name, false);
		}
		Step step = new Step(name, true);
		this.open.push(step);
		return step;
	}

	/** Prints one line per step name, largest self time first. */
	public void print() {
		long outside = THREADS.getCurrentThreadCpuTime() - this.outermost;
		this.totals.computeIfAbsent("(outside any step)", (key) -> new Total()).add(outside, outside, 0, 0);
		List<Map.Entry<String, Total>> entries = new ArrayList<>(this.totals.entrySet());
		entries.sort((a, b) -> Long.compare(b.getValue().cpuSelf, a.getValue().cpuSelf));
		for (Map.Entry<String, Total> entry : entries) {
			Total total = entry.getValue();
			System.out.println("STEP self_us=" + total.cpuSelf / 1000 + " total_us=" + total.cpu / 1000 + " count="
					+ total.count + " wall_self_us=" + total.wallSelf / 1000 + " wall_total_us=" + total.wall / 1000
					+ " " + entry.getKey());
		}
		System.out.flush();
	}

	private final class Step implements StartupStep {

		private final String name;

		private final boolean charged;

		private final long startCpu;

		private final Tags tags = new StepTags();

		private String bean;

		private long nested;

		private final long startWall = System.nanoTime();

		private long nestedWall;

		Step(String name, boolean charged) {
			this.name = name;
			this.charged = charged;
			this.startCpu = charged ? THREADS.getCurrentThreadCpuTime() : 0;
		}

		@Override
		public String getName() {
			return this.name;
		}

		@Override
		public long getId() {
			return 0;
		}

		@Override
		public Long getParentId() {
			return null;
		}

		@Override
		public StartupStep tag(String key, String value) {
			if ("beanName".equals(key)) {
				this.bean = value;
			}
			return this;
		}

		@Override
		public StartupStep tag(String key, Supplier<String> value) {
			return tag(key, value.get());
		}

		@Override
		public Tags getTags() {
			return this.tags;
		}

		@Override
		public void end() {
			if (!this.charged || StartupSteps.this.open.peek() != this) {
				return;
			}
			StartupSteps.this.open.pop();
			long total = THREADS.getCurrentThreadCpuTime() - this.startCpu;
			long wall = System.nanoTime() - this.startWall;
			Step parent = StartupSteps.this.open.peek();
			if (parent != null) {
				parent.nested += total;
				parent.nestedWall += wall;
			}
			else {
				StartupSteps.this.outermost += total;
			}
			String key = (this.bean != null) ? this.name + " " + this.bean : this.name;
			StartupSteps.this.totals.computeIfAbsent(key, (k) -> new Total())
				.add(total - this.nested, total, wall - this.nestedWall, wall);
		}

	}

	/** The sums of one step name, in nanoseconds. */
	private static final class Total {

		private long cpuSelf;

		private long cpu;

		private long count;

		private long wallSelf;

		private long wall;

		void add(long cpuSelf, long cpu, long wallSelf, long wall) {
			this.cpuSelf += cpuSelf;
			this.cpu += cpu;
			this.count++;
			this.wallSelf += wallSelf;
			this.wall += wall;
		}

	}

	private static final class StepTags implements StartupStep.Tags {

		@Override
		public Iterator<StartupStep.Tag> iterator() {
			return List.<StartupStep.Tag>of().iterator();
		}

	}

}
