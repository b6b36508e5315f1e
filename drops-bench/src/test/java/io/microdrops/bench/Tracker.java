package io.microdrops.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;

/**
 * Every answer the storm got, by request kind: status, when it ended, how long it took.
 * Gatling's own report has the latencies too; this keeps the figures the benchmark's
 * report needs (answers by status, time to sell out, rates per phase) in one place.
 */
final class Tracker {

	/** Status recorded for a request that got no answer (timeout, connection refused). */
	static final int NO_ANSWER = 0;

	private static final Map<String, ConcurrentLinkedQueue<long[]>> ANSWERS = new ConcurrentHashMap<>();

	private static final LongAdder FANS = new LongAdder();

	private static final LongAdder FANS_FAILED = new LongAdder();

	private static final LongAdder DOUBLE_SUBMITS_DIFFERENT = new LongAdder();

	private Tracker() {
	}

	static void answer(String kind, int status, long latencyMillis) {
		long end = System.currentTimeMillis();
		ANSWERS.computeIfAbsent(kind, k -> new ConcurrentLinkedQueue<>())
			.add(new long[] { status, end - latencyMillis, end, latencyMillis });
	}

	static void fan(boolean answeredWell) {
		FANS.increment();
		if (!answeredWell) {
			FANS_FAILED.increment();
		}
	}

	static void doubleSubmitAnsweredDifferently() {
		DOUBLE_SUBMITS_DIFFERENT.increment();
	}

	/**
	 * Writes the figures as a properties file: per kind the count, answers by status,
	 * latency percentiles and the span of time its answers covered.
	 */
	static void write(Path file, long opensAt) {
		Map<String, String> out = new TreeMap<>();
		out.put("storm.fans", String.valueOf(FANS.sum()));
		out.put("storm.fans.failed", String.valueOf(FANS_FAILED.sum()));
		out.put("storm.double-submits.different", String.valueOf(DOUBLE_SUBMITS_DIFFERENT.sum()));
		out.put("storm.opens-at", String.valueOf(opensAt));
		ANSWERS.forEach((kind, queue) -> {
			List<long[]> answers = new ArrayList<>(queue);
			String key = kind.replace(' ', '-');
			out.put(key + ".count", String.valueOf(answers.size()));
			Map<Long, Long> byStatus = new TreeMap<>();
			answers.forEach(answer -> byStatus.merge(answer[0], 1L, Long::sum));
			byStatus.forEach((status, count) -> out.put(key + ".status." + status, String.valueOf(count)));
			long[] latencies = answers.stream().mapToLong(answer -> answer[3]).sorted().toArray();
			out.put(key + ".p50", String.valueOf(percentile(latencies, 50)));
			out.put(key + ".p95", String.valueOf(percentile(latencies, 95)));
			out.put(key + ".p99", String.valueOf(percentile(latencies, 99)));
			out.put(key + ".max", String.valueOf((latencies.length > 0) ? latencies[latencies.length - 1] : 0));
			out.put(key + ".first-start", String.valueOf(answers.stream().mapToLong(a -> a[1]).min().orElse(0)));
			out.put(key + ".last-end", String.valueOf(answers.stream().mapToLong(a -> a[2]).max().orElse(0)));
			byStatus.keySet().forEach(status -> {
				long[] ends = answers.stream().filter(a -> a[0] == status).mapToLong(a -> a[2]).sorted().toArray();
				out.put(key + ".status." + status + ".first-end", String.valueOf(ends[0]));
				out.put(key + ".status." + status + ".last-end", String.valueOf(ends[ends.length - 1]));
			});
		});
		StringBuilder text = new StringBuilder("# Figures of the storm, written by the simulation\n");
		out.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
		try {
			Files.createDirectories(file.getParent());
			Files.writeString(file, text);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static long percentile(long[] sorted, int percent) {
		if (sorted.length == 0) {
			return 0;
		}
		int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
		return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
	}

}
