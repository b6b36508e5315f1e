package io.microdrops.faults;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What must hold after each fault, checked against the history of requests and the
 * database: every acknowledged order stored exactly once, no unit oversold or lost, no
 * edition twice, clear answers within the client timeouts, nodes that recovered by
 * themselves, one fulfilment order per order, no event publication left incomplete, and
 * no money taken without an order.
 */
final class Checks {

	private static final Set<Integer> EXPECTED_STATUSES = Set.of(200, 201, 204, 402, 409, 422, 429, 503);

	private static final Duration SETTLE = Duration.ofSeconds(90);

	private final String jdbcUrl;

	private final History history;

	private final PaymentStub payments;

	private final Map<String, List<Result>> results = new LinkedHashMap<>();

	private final Map<String, Map<String, Object>> figures = new LinkedHashMap<>();

	Checks(String jdbcUrl, History history, PaymentStub payments) {
		this.jdbcUrl = jdbcUrl;
		this.history = history;
		this.payments = payments;
	}

	/**
	 * Checks a scenario right after its fault and recovery.
	 * @param scenario the scenario
	 * @param drop its drop's slug
	 */
	void afterScenario(String scenario, String drop) throws SQLException, InterruptedException {
		List<History.Op> ops = this.history.of(scenario);
		Map<String, Object> figures = this.figures.computeIfAbsent(scenario, name -> new LinkedHashMap<>());
		figures.put("requests", ops.size());
		figures.put("outcomes", count(ops, op -> op.outcome().name()));
		figures.put("statuses", count(ops, op -> String.valueOf(op.status())));
		figures.put("slowest answer", ops.stream().mapToLong(History.Op::millis).max().orElse(0) + " ms");
		try (Connection db = DriverManager.getConnection(this.jdbcUrl, "postgres", "")) {
			UUID item = one(db, "select i.id from drop_items i join drops d on d.id = i.drop_id where d.slug = ?",
					UUID.class, drop);
			int quantity = one(db, "select quantity from drop_items where id = ?", Integer.class, item);
			acknowledgedOrders(scenario, ops, db, item, figures);
			stock(scenario, db, item, quantity, figures);
			answers(scenario, ops);
			fulfilment(scenario, db, item, figures);
			publications(scenario, db);
			money(scenario, db, item, figures);
		}
	}

	private void acknowledgedOrders(String scenario, List<History.Op> ops, Connection db, UUID item,
			Map<String, Object> figures) throws SQLException {
		Map<String, Set<String>> idsByKey = new HashMap<>();
		Set<String> lostAnswerReservations = new HashSet<>();
		for (History.Op op : ops) {
			if (!op.op().startsWith("order")) {
				continue;
			}
			if (op.outcome() == History.Outcome.OK) {
				idsByKey.computeIfAbsent(op.key(), key -> new HashSet<>()).add(op.id());
			}
			else if (op.outcome() != History.Outcome.REFUSED) {
				lostAnswerReservations.add(op.reservation());
			}
		}
		Set<String> acknowledged = idsByKey.values().stream().flatMap(Set::stream).collect(Collectors.toSet());
		List<String> missing = new ArrayList<>();
		for (String id : acknowledged) {
			int stored = one(db, "select count(*)::int from orders where id = ?", Integer.class, UUID.fromString(id));
			if (stored != 1) {
				missing.add(id + " (" + stored + " rows)");
			}
		}
		figures.put("orders acknowledged", acknowledged.size());
		check(scenario, "every acknowledged order is in the database exactly once", missing.isEmpty(),
				acknowledged.size() + " acknowledged" + (missing.isEmpty() ? "" : "; missing or repeated: " + missing));
		List<String> twoAnswers = idsByKey.entrySet()
			.stream()
			.filter(entry -> entry.getValue().size() > 1)
			.map(entry -> entry.getKey() + "=" + entry.getValue())
			.toList();
		check(scenario, "one Idempotency-Key, one order", twoAnswers.isEmpty(),
				twoAnswers.isEmpty() ? idsByKey.size() + " keys answered 2xx" : "different orders for one key: " + twoAnswers);
		int orders = one(db, "select count(*)::int from orders where drop_item_id = ?", Integer.class, item);
		int perHold = one(db, """
				select coalesce(sum(c - 1), 0)::int from (select count(*) as c from orders where drop_item_id = ?
				group by reservation_id having count(*) > 1) as twice""", Integer.class, item);
		int perFan = one(db, """
				select coalesce(sum(c - 1), 0)::int from (select count(*) as c from orders where drop_item_id = ?
				group by account_id having count(*) > 1) as twice""", Integer.class, item);
		figures.put("orders in the database", orders);
		check(scenario, "no order placed twice (per hold, per fan)", perHold == 0 && perFan == 0,
				orders + " orders; " + perHold + " second orders of a hold, " + perFan + " of a fan");
		List<String> unacknowledged = strings(db,
				"select id::text || ' of ' || reservation_id::text from orders where drop_item_id = ?", item)
			.stream()
			.filter(line -> !acknowledged.contains(line.substring(0, 36)))
			.toList();
		List<String> unexplained = unacknowledged.stream()
			.filter(line -> !lostAnswerReservations.contains(line.substring(line.length() - 36)))
			.toList();
		figures.put("orders whose answer was lost", unacknowledged.size());
		check(scenario, "every stored order was acknowledged, or its answer was lost in the fault",
				unexplained.isEmpty(), unexplained.isEmpty() ? unacknowledged.size() + " stored without an answer"
						: "stored though refused: " + unexplained);
	}

	private void stock(String scenario, Connection db, UUID item, int quantity, Map<String, Object> figures)
			throws SQLException {
		int rows = one(db, "select count(*)::int from drop_units where drop_item_id = ?", Integer.class, item);
		int sold = one(db, "select count(*)::int from drop_units where drop_item_id = ? and sold", Integer.class, item);
		int ordered = one(db, "select coalesce(sum(quantity), 0)::int from orders where drop_item_id = ?",
				Integer.class, item);
		int soldWithoutOrder = one(db, """
				select count(*)::int from drop_units u where u.drop_item_id = ? and u.sold
				and not exists (select 1 from orders o where o.reservation_id = u.reservation_id)""", Integer.class,
				item);
		int leaked = one(db, """
				select count(*)::int from drop_units u left join reservations r on r.id = u.reservation_id
				where u.drop_item_id = ? and u.reservation_id is not null
				and (r.id is null or r.status not in ('HELD', 'ORDERED'))""", Integer.class, item);
		figures.put("units sold", sold);
		check(scenario, "no oversell: " + quantity + " units, sold units = ordered units, no unit of an ended hold",
				rows == quantity && sold == ordered && soldWithoutOrder == 0 && leaked == 0 && sold <= quantity,
				"unit rows " + rows + ", sold " + sold + ", ordered " + ordered + ", sold without order "
						+ soldWithoutOrder + ", held by ended reservations " + leaked);
		int editions = one(db, "select count(*)::int from orders o, unnest(o.editions) e where o.drop_item_id = ?",
				Integer.class, item);
		int distinct = one(db,
				"select count(distinct e)::int from orders o, unnest(o.editions) e where o.drop_item_id = ?",
				Integer.class, item);
		int liveTwice = one(db, """
				select (count(*) - count(distinct e))::int from reservations r, unnest(r.editions) e
				where r.drop_item_id = ? and r.status in ('HELD', 'ORDERED')""", Integer.class, item);
		check(scenario, "no edition sold or held twice", editions == distinct && liveTwice == 0,
				editions + " editions sold, " + distinct + " distinct; " + liveTwice + " held twice");
	}

	private void answers(String scenario, List<History.Op> ops) {
		List<String> serverErrors = describe(ops, op -> op.outcome() == History.Outcome.SERVER_ERROR);
		check(scenario, "no 5xx other than 503", serverErrors.isEmpty(), serverErrors.size() + " " + head(serverErrors));
		List<String> unclear = describe(ops,
				op -> op.status() >= 400 && (op.problem() == null || op.problem().startsWith("unclear")));
		check(scenario, "every refusal is problem+json with a type, title and detail", unclear.isEmpty(),
				unclear.size() + " unclear " + head(unclear));
		List<String> unexpected = describe(ops, op -> op.status() != 0 && !EXPECTED_STATUSES.contains(op.status()));
		check(scenario, "only 2xx, 402, 409, 422, 429 and 503 answers", unexpected.isEmpty(),
				unexpected.size() + " others " + head(unexpected));
		List<String> hangs = describe(ops,
				op -> (op.outcome() == History.Outcome.TIMEOUT && !op.op().equals("order-impatient"))
						|| op.millis() > op.timeoutMillis() + 2000);
		check(scenario, "no answer later than the client timeout (30 s)", hangs.isEmpty(),
				hangs.size() + " timeouts " + head(hangs));
		List<String> lost = describe(ops, op -> op.outcome() == History.Outcome.NO_ANSWER && !op.nodeDown());
		check(scenario, "no lost connection to a node that was up", lost.isEmpty(), lost.size() + " " + head(lost));
	}

	private void fulfilment(String scenario, Connection db, UUID item, Map<String, Object> figures)
			throws SQLException, InterruptedException {
		String sql = """
				select count(*)::int from orders o
				where o.drop_item_id = ? and (select count(*) from fulfilment_orders f where f.order_id = o.id) <> 1""";
		int without = await(() -> one(db, sql, Integer.class, item));
		int fulfilment = one(db, """
				select count(*)::int from fulfilment_orders f join orders o on o.id = f.order_id
				where o.drop_item_id = ?""", Integer.class, item);
		figures.put("fulfilment orders", fulfilment);
		check(scenario, "exactly one fulfilment order per order", without == 0,
				fulfilment + " fulfilment orders; " + without + " orders without exactly one");
	}

	private void publications(String scenario, Connection db) throws SQLException, InterruptedException {
		int incomplete = await(
				() -> one(db, "select count(*)::int from event_publication where completion_date is null", Integer.class));
		List<String> which = strings(db, """
				select listener_id || ' ' || coalesce(status, '') || ' x' || count(*) from event_publication
				where completion_date is null group by listener_id, status""");
		check(scenario, "no incomplete event publication left", incomplete == 0,
				incomplete + " incomplete " + which);
	}

	private void money(String scenario, Connection db, UUID item, Map<String, Object> figures) throws SQLException {
		Set<String> reservations = new HashSet<>(
				strings(db, "select id::text from reservations where drop_item_id = ?", item));
		Map<String, String> references = new HashMap<>();
		for (String line : strings(db, "select payment_reference || ' ' || reservation_id::text from orders where drop_item_id = ?",
				item)) {
			String[] parts = line.split(" ");
			references.put(parts[0], parts[1]);
		}
		Map<String, String> refunds = this.payments.refunds();
		List<String> takenWithoutOrder = new ArrayList<>();
		int charged = 0;
		for (Map.Entry<String, String> intent : this.payments.reservationByIntent().entrySet()) {
			if (!reservations.contains(intent.getValue())) {
				continue;
			}
			charged++;
			boolean ordered = intent.getValue().equals(references.get(intent.getKey()));
			if (!ordered && !refunds.containsKey(intent.getKey())) {
				takenWithoutOrder.add(intent.getKey() + " for " + intent.getValue());
			}
		}
		figures.put("payments taken", charged);
		check(scenario, "no money taken without an order (or a refund), one charge per hold",
				takenWithoutOrder.isEmpty() && charged >= references.size(),
				charged + " charges, " + references.size() + " orders" + (takenWithoutOrder.isEmpty() ? ""
						: "; taken without order: " + takenWithoutOrder));
	}

	/**
	 * Checks a scenario once every hold has expired: every unit is sold or free again,
	 * and the API says as much.
	 * @param scenario the scenario
	 * @param drop its drop's slug
	 * @param remaining what the API answers as remaining
	 */
	void afterExpiry(String scenario, String drop, int remaining) throws SQLException {
		try (Connection db = DriverManager.getConnection(this.jdbcUrl, "postgres", "")) {
			UUID item = one(db, "select i.id from drop_items i join drops d on d.id = i.drop_id where d.slug = ?",
					UUID.class, drop);
			int quantity = one(db, "select quantity from drop_items where id = ?", Integer.class, item);
			int held = one(db, "select count(*)::int from drop_units where drop_item_id = ? and reservation_id is not null and not sold",
					Integer.class, item);
			int sold = one(db, "select count(*)::int from drop_units where drop_item_id = ? and sold", Integer.class, item);
			int free = one(db, "select count(*)::int from drop_units where drop_item_id = ? and reservation_id is null",
					Integer.class, item);
			int stillHeld = one(db, "select count(*)::int from reservations where drop_item_id = ? and status = 'HELD'",
					Integer.class, item);
			this.figures.get(scenario).put("after expiry: sold / free / held", sold + " / " + free + " / " + held);
			check(scenario, "no unit lost: held + sold + remaining = quantity once holds expired",
					held == 0 && stillHeld == 0 && sold + free == quantity && remaining == free,
					"held " + held + " + sold " + sold + " + free " + free + " = " + (held + sold + free) + " of "
							+ quantity + "; API remaining " + remaining + "; holds not released " + stillHeld);
		}
	}

	/** Notes whether a node answered health UP and served a new reservation after the fault. */
	void recovered(String scenario, String node, Duration healthy, Client.Answer held, Client.Answer released) {
		check(scenario, node + " recovered by itself (health UP, a new reservation and release succeed)",
				held.ok() && released.ok(), "healthy after " + FaultHarness.seconds(healthy) + "; reserve "
						+ held.status() + ", release " + released.status());
	}

	Instant lastHoldExpiry() throws SQLException {
		try (Connection db = DriverManager.getConnection(this.jdbcUrl, "postgres", "")) {
			Timestamp last = one(db, "select max(case when paying > 0 then greatest(expires_at, paying_until) else expires_at end) "
					+ "from reservations where status = 'HELD'", Timestamp.class);
			return (last != null) ? last.toInstant() : Instant.now();
		}
	}

	boolean passed() {
		return this.results.values().stream().flatMap(List::stream).allMatch(Result::passed);
	}

	String report(Map<String, List<String>> faults, FaultHarness.Settings settings, Duration took) {
		StringBuilder report = new StringBuilder("# Fault harness report\n\n");
		report.append("Finished ").append(Instant.now()).append(" after ").append(FaultHarness.seconds(took)).append(". ");
		report.append("Command: `drops-faults/faults.sh").append(settings.quick() ? " --quick" : "").append("`; ")
			.append("two nodes (ports ").append(settings.portA()).append(", ").append(settings.portB())
			.append("), PostgreSQL on ").append(settings.dbPort()).append(", payment stub on ")
			.append(settings.stubPort()).append(". Payment stub: ").append(this.payments.requests())
			.append(" charge requests, ").append(this.payments.failed()).append(" failed on purpose, ")
			.append(this.payments.intents()).append(" PaymentIntents, ").append(this.payments.refunds().size())
			.append(" refunds.\n\n");
		for (Map.Entry<String, List<Result>> scenario : this.results.entrySet()) {
			report.append("## ").append(scenario.getKey()).append("\n\nFaults:\n");
			faults.getOrDefault(scenario.getKey(), List.of()).forEach(line -> report.append("- ").append(line).append('\n'));
			report.append("\nFigures:\n");
			this.figures.getOrDefault(scenario.getKey(), Map.of())
				.forEach((name, value) -> report.append("- ").append(name).append(": ").append(value).append('\n'));
			report.append("\n| check | result | detail |\n|---|---|---|\n");
			for (Result result : scenario.getValue()) {
				report.append("| ").append(result.name()).append(" | ").append(result.passed() ? "PASS" : "**FAIL**")
					.append(" | ").append(result.detail().replace("|", "/")).append(" |\n");
			}
			report.append('\n');
		}
		report.append(passed() ? "All checks passed.\n" : "**Some checks failed.**\n");
		return report.toString();
	}

	private void check(String scenario, String name, boolean passed, String detail) {
		this.results.computeIfAbsent(scenario, key -> new ArrayList<>()).add(new Result(name, passed, detail));
		System.out.println("[faults] " + scenario + ": " + (passed ? "PASS " : "FAIL ") + name + " — " + detail);
	}

	private static Map<String, Long> count(List<History.Op> ops, Function<History.Op, String> by) {
		return ops.stream().collect(Collectors.groupingBy(by, TreeMap::new, Collectors.counting()));
	}

	private static List<String> describe(List<History.Op> ops, java.util.function.Predicate<History.Op> which) {
		return ops.stream()
			.filter(which)
			.map(op -> op.op() + "@" + op.node() + " fan " + op.fan() + " -> " + op.status() + " " + op.outcome() + " "
					+ op.problem() + " in " + op.millis() + " ms")
			.toList();
	}

	private static String head(List<String> lines) {
		return lines.isEmpty() ? "" : lines.subList(0, Math.min(3, lines.size())).toString();
	}

	/** Polls a count until it is 0 or {@link #SETTLE} is over: asynchronous work settling. */
	private static int await(SqlCount count) throws SQLException, InterruptedException {
		long deadline = System.nanoTime() + SETTLE.toNanos();
		int value = count.get();
		while (value != 0 && System.nanoTime() < deadline) {
			TimeUnit.MILLISECONDS.sleep(500);
			value = count.get();
		}
		return value;
	}

	private static <T> T one(Connection db, String sql, Class<T> type, Object... parameters) throws SQLException {
		try (PreparedStatement statement = db.prepareStatement(sql)) {
			for (int i = 0; i < parameters.length; i++) {
				statement.setObject(i + 1, parameters[i]);
			}
			try (ResultSet rows = statement.executeQuery()) {
				rows.next();
				return rows.getObject(1, type);
			}
		}
	}

	private static List<String> strings(Connection db, String sql, Object... parameters) throws SQLException {
		try (PreparedStatement statement = db.prepareStatement(sql)) {
			for (int i = 0; i < parameters.length; i++) {
				statement.setObject(i + 1, parameters[i]);
			}
			List<String> lines = new ArrayList<>();
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					lines.add(rows.getString(1));
				}
			}
			return lines;
		}
	}

	@FunctionalInterface
	private interface SqlCount {

		int get() throws SQLException;

	}

	private record Result(String name, boolean passed, String detail) {
	}

}
