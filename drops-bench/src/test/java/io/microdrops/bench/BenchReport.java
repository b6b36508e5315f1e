package io.microdrops.bench;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Writes the storm benchmark's Markdown report from the figures {@code storm.sh}
 * collected in a run's folder ({@code *.properties}), or, with {@code --check}, fails
 * when the run oversold, duplicated an order or answered a fan with a 5xx. Runs as a
 * single source file: {@code java BenchReport.java [--check] DIR}.
 */
public final class BenchReport {

	private static final String[] STORM_KINDS = { "drop-json", "reserve", "reserve-double-submit", "order" };

	private static final String[] ALL_KINDS = { "drop-page", "drop-json", "reserve", "reserve-double-submit", "order",
			"sold-out", "capacity-reserve" };

	private final Properties figures = new Properties();

	/**
	 * The machine's CPU time each second while Gatling ran ({@code cpu.tsv}, clock ticks):
	 * epoch millis, busy, idle, the app, its PostgreSQL, the load generator.
	 */
	private final List<long[]> cpu = new ArrayList<>();

	private BenchReport(Path folder) throws IOException {
		Path samples = folder.resolve("cpu.tsv");
		if (Files.exists(samples)) {
			for (String line : Files.readAllLines(samples)) {
				String[] fields = line.trim().split("\\s+");
				if (fields.length == 6 && Stream.of(fields).allMatch(field -> field.matches("\\d+"))) {
					this.cpu.add(Stream.of(fields).mapToLong(Long::parseLong).toArray());
				}
			}
		}
		try (Stream<Path> files = Files.list(folder)) {
			for (Path file : files.filter(f -> f.toString().endsWith(".properties")).sorted().toList()) {
				try (Reader reader = Files.newBufferedReader(file)) {
					this.figures.load(reader);
				}
			}
		}
	}

	public static void main(String[] args) throws IOException {
		boolean check = args.length == 2 && args[0].equals("--check");
		BenchReport report = new BenchReport(Path.of(args[args.length - 1]));
		if (check) {
			List<String> problems = report.problems();
			problems.forEach(problem -> System.err.println("STORM CHECK FAILED: " + problem));
			if (!problems.isEmpty()) {
				System.exit(1);
			}
			System.out.println("Storm check passed: no oversell, no duplicate order, no 5xx.");
			return;
		}
		System.out.print(report.markdown());
	}

	/** What makes a run wrong, whatever its speed. */
	List<String> problems() {
		List<String> problems = new ArrayList<>();
		if (this.figures.getProperty("db.oversold") == null) {
			problems.add("the database figures are missing");
		}
		if (number("db.oversold") > 0 || number("db.editions-sold-twice") > 0) {
			problems.add(fmt(number("db.oversold")) + " units oversold, " + fmt(number("db.editions-sold-twice"))
					+ " editions sold twice");
		}
		if (number("db.duplicate-orders") > 0) {
			problems.add(fmt(number("db.duplicate-orders")) + " duplicate orders");
		}
		if (number("db.fans-over-limit") > 0) {
			problems.add(fmt(number("db.fans-over-limit")) + " fans above the per-fan limit");
		}
		if (number("storm.fans") < 1) {
			problems.add("no fan ran");
		}
		if (number("db.units.held-or-sold") < 1) {
			problems.add("no fan got a unit: the app did not serve the storm");
		}
		// Correctness, not speed: a 5xx fails the run, an answer slower than the fans'
		// patience
		// (status 0) is a speed figure of the report.
		for (String kind : STORM_KINDS) {
			long failed = serverErrors(kind);
			if (failed > 0) {
				problems.add(kind + ": " + failed + " answers were 5xx");
			}
		}
		return problems;
	}

	String markdown() {
		StringBuilder md = new StringBuilder();
		double load = firstLoad("load.storm");
		double cores = number("cores");
		md.append("# Drops storm benchmark — ")
			.append(text("mode"))
			.append(" run, ")
			.append(text("started"))
			.append("\n\n");
		md.append("Command: `")
			.append(text("command"))
			.append("` (")
			.append(fmt(number("fans")))
			.append(" fans, ")
			.append(fmt(number("units")))
			.append(" units, connection pool ")
			.append(text("pool"))
			.append(").\n\n");
		if (text("command").contains("--warm")) {
			md.append("Warm-up (`--warm`): before the storm the app served about a minute of the same kinds of calls "
					+ "(reservations with stock to spare and sold out, drop JSON, drop page) to other fans on other "
					+ "drops; their rates are in `warm-up.log`.\n\n");
		}
		if (text("command").contains("--aot")) {
			md.append("AOT cache (`--aot`): the app started cold, with a JDK AOT cache from a training run of its own "
					+ "(`aot-cache.sh`: `steady.sh`'s loops on a scratch app and database); the training's rates are "
					+ "in `aot/training/steady.md`.\n\n");
		}
		md.append("Machine: ")
			.append(text("cpu"))
			.append(", ")
			.append(text("cores"))
			.append(" cores, ")
			.append(text("memory"))
			.append(", ")
			.append(text("kernel"))
			.append("; ")
			.append(text("java"))
			.append("; PostgreSQL ")
			.append(text("postgresql"))
			.append(" (the app's embedded one); app, PostgreSQL and load generators share the cores.\n\n");
		md.append("Load average (1, 5, 15 min) before each measured part: storm ")
			.append(text("load.storm"))
			.append(" · pgbench ")
			.append(text("load.reserve"))
			.append(" / ")
			.append(text("load.soldout"))
			.append(" · wrk ")
			.append(text("load.wrk-app"))
			.append(" / ")
			.append(text("load.wrk-nginx"))
			.append(".");
		if (load > cores) {
			md.append(" **Measured under load**: other work was running on this machine, so the speed figures are "
					+ "lower than a quiet machine gives.");
		}
		md.append("\n\n## Figures against the targets\n\n");
		md.append("| figure | measured | target | |\n|---|---|---|---|\n");
		long fans = (long) number("storm.fans");
		long failedFans = (long) number("storm.fans.failed");
		double answered = (fans > 0) ? 100.0 * (fans - failedFans) / fans : 0;
		double capacity = rate("capacity-reserve", 201);
		double pgReserve = number("pgbench.reserve.tps");
		double soldOut = rate("sold-out", 409);
		double reserveP99 = number("reserve.p99");
		double appPage = number("wrk.app.rps");
		double nginxPage = number("wrk.nginx.rps");
		double weight = number("page.weight.gzip") / 1024;
		row(md, "oversold units (database, after the run)", fmt(number("db.oversold")), "0",
				number("db.oversold") == 0);
		row(md, "duplicate orders (database)", fmt(number("db.duplicate-orders")), "0",
				number("db.duplicate-orders") == 0);
		row(md, "fans answered without 5xx or timeout", pct(answered) + " of " + fmt(fans), "100%", answered == 100);
		row(md, "reserve throughput ÷ pgbench (same SQL, concurrency " + text("pool") + ")",
				ratio(capacity, pgReserve) + " (" + fmt(capacity) + "/s ÷ " + fmt(pgReserve) + "/s)", "≥ 0.70",
				pgReserve > 0 && capacity / pgReserve >= 0.70);
		row(md, "sold-out answers per second", fmt(soldOut) + "/s", "≥ 10,000", soldOut >= 10_000);
		row(md, "p99 latency of reserve answers during the storm", fmt(reserveP99) + " ms", "≤ 250 ms",
				number("reserve.count") > 0 && reserveP99 <= 250);
		row(md, "drop page req/s ÷ nginx static (same bytes)",
				ratio(appPage, nginxPage) + " (" + fmt(appPage) + " ÷ " + fmt(nginxPage) + " req/s)", "≥ 0.25",
				nginxPage > 0 && appPage / nginxPage >= 0.25);
		row(md, "drop page weight, HTML + CSS + JS, no images (gzip as sent; raw)",
				String.format(Locale.ROOT, "%.1f KB; %.1f KB raw", weight, number("page.weight.raw") / 1024), "≤ 60 KB",
				weight <= 60);

		md.append("\n## Storm\n\n");
		long opensAt = (long) number("storm.opens-at");
		long lastWin = (long) number("reserve.status.201.last-end");
		long firstReserve = (long) number("reserve.first-start");
		double sellOut = (lastWin > 0) ? (lastWin - Math.max(opensAt, firstReserve)) / 1000.0 : 0;
		md.append(String.format(Locale.ROOT,
				"- Time to sell out: %.2f s from the opening to the last unit held (%s holds won).%n", sellOut,
				fmt(number("reserve.status.201"))));
		md.append(String.format(Locale.ROOT,
				"- Reserve throughput while units lasted: %s holds/s (bounded by the fans' arrival rate of %s/s).%n",
				fmt((sellOut > 0) ? number("reserve.status.201") / sellOut : 0),
				fmt(number("storm.fans") / Math.max(1, number("arrival")))));
		md.append("- Sold-out answers during the storm: ")
			.append(fmt(number("reserve.status.409")))
			.append("; double submits answered differently from the first submit: ")
			.append(fmt(number("storm.double-submits.different")))
			.append(".\n");
		md.append("- Sold-out phase (")
			.append(text("pool"))
			.append(" fans at a time): ")
			.append(fmt(number("sold-out.count")))
			.append(" answers, ")
			.append(fmt(soldOut))
			.append(" sold-out answers/s.\n");
		md.append("- Capacity phase (")
			.append(text("pool"))
			.append(" fans at a time, a drop with stock to spare): ")
			.append(fmt(number("capacity-reserve.status.201")))
			.append(" holds, ")
			.append(fmt(capacity))
			.append(" holds/s.\n\n");
		md.append(
				"| request | answers | by status | p50 ms | p95 ms | p99 ms | max ms |\n|---|---|---|---|---|---|---|\n");
		for (String kind : ALL_KINDS) {
			if (number(kind + ".count") == 0) {
				continue;
			}
			md.append("| ")
				.append(kind.replace('-', ' '))
				.append(" | ")
				.append(fmt(number(kind + ".count")))
				.append(" | ")
				.append(statuses(kind))
				.append(" | ")
				.append(fmt(number(kind + ".p50")))
				.append(" | ")
				.append(fmt(number(kind + ".p95")))
				.append(" | ")
				.append(fmt(number(kind + ".p99")))
				.append(" | ")
				.append(fmt(number(kind + ".max")))
				.append(" |\n");
		}
		md.append("\n(status 0 = no answer within 10 s)\n\n");
		String coreUse = coresSection(md, opensAt);
		md.append("## The limit: pgbench, same SQL, same server\n\n");
		md.append("| path | pgbench transactions/s | app answers/s | ratio |\n|---|---|---|---|\n");
		md.append("| reserve (token check + reservation) | ")
			.append(fmt(pgReserve))
			.append(" | ")
			.append(fmt(capacity))
			.append(" | ")
			.append(ratio(capacity, pgReserve))
			.append(" |\n");
		md.append("| sold out (token check + checks, rollback) | ")
			.append(fmt(number("pgbench.soldout.tps")))
			.append(" | ")
			.append(fmt(soldOut))
			.append(" | ")
			.append(ratio(soldOut, number("pgbench.soldout.tps")))
			.append(" |\n\n");
		md.append("pgbench runs `drops-bench/pgbench/reserve.sql` and `soldout.sql` with as many clients as the app's "
				+ "connection pool, for as long as each closed phase of the storm.\n\n## The page\n\n");
		md.append("| server | req/s (wrk, 64 connections) | p99 | non-2xx |\n|---|---|---|---|\n");
		md.append("| Drops, `/drops/{slug}` | ")
			.append(fmt(appPage))
			.append(" | ")
			.append(text("wrk.app.p99"))
			.append(" | ")
			.append(orZero("wrk.app.non2xx"))
			.append(" |\n");
		md.append("| nginx, same bytes from a file | ")
			.append(fmt(nginxPage))
			.append(" | ")
			.append(text("wrk.nginx.p99"))
			.append(" | ")
			.append(orZero("wrk.nginx.non2xx"))
			.append(" |\n\n");
		md.append("Page parts (path: raw bytes / gzip bytes): ").append(text("page.parts")).append(".\n\n");
		md.append("## What bounds each missed target\n\n");
		double staticPage = number("wrk.app-static.rps");
		double pgSoldOut = number("pgbench.soldout.tps");
		boolean anyMissed = false;
		if (!(pgReserve > 0 && capacity / pgReserve >= 0.70)) {
			anyMissed = true;
			md.append("- Reserve throughput: PostgreSQL alone runs the reserve path's SQL at ")
				.append(fmt(pgReserve))
				.append("/s with ")
				.append(text("pool"))
				.append(" clients (token check, the reservation transaction, the sell-out look); the app adds, per "
						+ "call, HTTP, the security filters, JSON and validation, on the same cores as PostgreSQL and "
						+ "the load generator. Even a static file through the app's filters peaks at ")
				.append(fmt(staticPage))
				.append(" req/s here.\n");
		}
		if (soldOut < 10_000) {
			anyMissed = true;
			md.append("- Sold-out answers: once a node knows the drop is sold out it reads no drop, SKU or unit, "
					+ "but each call still has its token checked and, with an Idempotency-Key, its answer kept; "
					+ "that SQL peaks at ")
				.append(fmt(pgSoldOut))
				.append("/s in pgbench, and the app answers a small static file at ")
				.append(fmt(staticPage))
				.append(" req/s, so ")
				.append(fmt(Math.min(pgSoldOut, staticPage)))
				.append("/s is this machine's ceiling for a keyed sold-out answer; 10,000/s is above even the "
						+ "app's static-file ceiling on these shared cores.\n");
		}
		if (!(number("reserve.count") > 0 && reserveP99 <= 250)) {
			anyMissed = true;
			md.append("- Reserve p99: answers wait for the CPU the app shares with PostgreSQL and Gatling ")
				.append(coreUse.isEmpty() ? "(see the load averages above)" : "(" + coreUse + ")")
				.append(".\n");
		}
		if (!(nginxPage > 0 && appPage / nginxPage >= 0.25)) {
			anyMissed = true;
			md.append("- Drop page: anonymous visitors share one page, rendered at most once a second and sent "
					+ "from memory ahead of the security filters (")
				.append(ratio(appPage, staticPage))
				.append(" times the req/s of a small static file, which passes them); what is left per request "
						+ "is Tomcat's HTTP handling in the JVM, on the two cores wrk also uses, where nginx answers "
						+ "from a file in C: ")
				.append(ratio(appPage, nginxPage))
				.append(" of nginx.\n");
		}
		if (!anyMissed) {
			md.append("None: every target was met.\n");
		}
		md.append("\n## The database after the run\n\n");
		md.append("Storm item: ")
			.append(fmt(number("db.quantity")))
			.append(" units; held or sold ")
			.append(fmt(number("db.units.held-or-sold")))
			.append(", sold ")
			.append(fmt(number("db.units.sold")))
			.append("; holds still held ")
			.append(fmt(number("db.reservations.held")))
			.append(", orders ")
			.append(fmt(number("db.orders")))
			.append("; editions sold twice ")
			.append(fmt(number("db.editions-sold-twice")))
			.append("; fans above the per-fan limit ")
			.append(fmt(number("db.fans-over-limit")))
			.append(". Tokens used: ")
			.append(fmt(number("db.api-tokens.used")))
			.append("; sessions in the database: ")
			.append(fmt(number("db.sessions")))
			.append(".\n\n");
		md.append("Gatling's HTML report: `").append(text("gatling.report")).append("`.\n");
		return md.toString();
	}

	/**
	 * Appends where the cores went each second around the opening, and returns the
	 * storm's totals in a line (empty without samples).
	 */
	private String coresSection(StringBuilder md, long opensAt) {
		md.append("## Where the cores went\n\n");
		double hz = (number("clock.ticks") > 0) ? number("clock.ticks") : 100;
		long end = opensAt + (long) (number("arrival") * 1000) + 10_000;
		double[] total = new double[5];
		double seconds = 0;
		StringBuilder rows = new StringBuilder();
		for (int i = 1; i < this.cpu.size(); i++) {
			long[] before = this.cpu.get(i - 1);
			long[] after = this.cpu.get(i);
			double span = (after[0] - before[0]) / 1000.0;
			if (span <= 0 || after[0] <= opensAt - 5_000 || before[0] >= end) {
				continue;
			}
			// app, PostgreSQL, load generator, the rest, idle (a process that ended
			// leaves its time to the rest)
			double[] used = new double[5];
			for (int part = 0; part < 3; part++) {
				used[part] = Math.max(0, after[part + 3] - before[part + 3]) / hz;
			}
			used[3] = Math.max(0, (after[1] - before[1]) / hz - used[0] - used[1] - used[2]);
			used[4] = Math.max(0, after[2] - before[2]) / hz;
			rows.append(String.format(Locale.ROOT, "| %+.1f s |", (before[0] - opensAt) / 1000.0));
			for (double part : used) {
				rows.append(String.format(Locale.ROOT, " %.2f |", part / span));
			}
			rows.append('\n');
			if (before[0] >= opensAt) {
				for (int part = 0; part < 5; part++) {
					total[part] += used[part];
				}
				seconds += span;
			}
		}
		if (rows.isEmpty()) {
			md.append("No CPU samples in this run (`cpu.tsv`).\n\n");
			return "";
		}
		md.append("Cores in use, second by second (CPU time from `/proc`, sampled by `storm.sh` into `cpu.tsv`), "
				+ "from 5 s before the opening to 10 s after the last fan arrived: the app, its PostgreSQL (the "
				+ "server and its backends), the load generator (Gatling's JVM and the Maven that runs it), the "
				+ "rest of the machine, and idle. ")
			.append(text("cores"))
			.append(" cores in all.\n\n| from the opening | app | PostgreSQL | load generator | rest | idle |\n"
					+ "|---|---|---|---|---|---|\n")
			.append(rows);
		double all = Arrays.stream(total).sum();
		String summary = String.format(Locale.ROOT,
				"from the opening to 10 s after the last arrival, %.0f s: the app %.0f %%, PostgreSQL %.0f %%, "
						+ "the load generator %.0f %%, the rest %.0f %%, idle %.0f %% of the machine's CPU time",
				seconds, 100 * total[0] / all, 100 * total[1] / all, 100 * total[2] / all, 100 * total[3] / all,
				100 * total[4] / all);
		md.append("\nIn all, ").append(summary).append(".\n\n");
		return summary;
	}

	private String statuses(String kind) {
		StringBuilder out = new StringBuilder();
		this.figures.stringPropertyNames()
			.stream()
			.filter(name -> name.startsWith(kind + ".status.") && name.chars().filter(c -> c == '.').count() == 2)
			.sorted()
			.forEach(name -> out.append((out.length() > 0) ? ", " : "")
				.append(name.substring(name.lastIndexOf('.') + 1))
				.append(": ")
				.append(fmt(number(name))));
		return out.toString();
	}

	private long serverErrors(String kind) {
		return this.figures.stringPropertyNames()
			.stream()
			.filter(name -> name.startsWith(kind + ".status.") && name.chars().filter(c -> c == '.').count() == 2)
			.filter(name -> {
				int status = Integer.parseInt(name.substring(name.lastIndexOf('.') + 1));
				return status >= 500;
			})
			.mapToLong(name -> (long) number(name))
			.sum();
	}

	/**
	 * Answers of one status per second, over the span from the first request to the last
	 * answer.
	 */
	private double rate(String kind, int status) {
		double span = (number(kind + ".last-end") - number(kind + ".first-start")) / 1000.0;
		return (span > 0) ? number(kind + ".status." + status) / span : 0;
	}

	private double firstLoad(String key) {
		String value = text(key).trim();
		try {
			return value.isEmpty() ? 0 : Double.parseDouble(value.split("\\s+")[0]);
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

	private static void row(StringBuilder md, String figure, String measured, String target, boolean met) {
		md.append("| ")
			.append(figure)
			.append(" | ")
			.append(measured)
			.append(" | ")
			.append(target)
			.append(" | ")
			.append(met ? "met" : "**missed**")
			.append(" |\n");
	}

	private double number(String key) {
		String value = this.figures.getProperty(key, "").trim();
		try {
			return value.isEmpty() ? 0 : Double.parseDouble(value);
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

	private String orZero(String key) {
		String value = text(key);
		return value.isBlank() ? "0" : value;
	}

	private String text(String key) {
		return this.figures.getProperty(key, "").trim();
	}

	private static String ratio(double measured, double limit) {
		return (limit > 0) ? String.format(Locale.ROOT, "%.2f", measured / limit) : "n/a";
	}

	private static String pct(double value) {
		return String.format(Locale.ROOT, "%.2f%%", value);
	}

	private static String fmt(double value) {
		return String.format(Locale.ROOT, "%,.0f", value);
	}

}
