package io.microdrops.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.FeederBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.csv;
import static io.gatling.javaapi.core.CoreDsl.during;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * A drop's first seconds, as fans live them, against a packaged Drops set up by
 * {@code storm.sh}:
 * <ol>
 * <li><b>browse</b> — anonymous visitors load the drop page from before the opening until
 * the storm is over (open model);</li>
 * <li><b>storm</b> — from the opening, every fan arrives once, spread over the arrival
 * window (open model): drop JSON, then a reservation with an Idempotency-Key (a share of
 * fans send it twice), then, for winners who do not abandon their hold, the order paid
 * with the demo card;</li>
 * <li><b>sold out</b> — right after, fans keep asking the sold-out drop, a fixed number
 * at a time (closed model, the app's pool size): the sold-out path's capacity;</li>
 * <li><b>capacity</b> — then the same number at a time reserve from a drop with stock to
 * spare: the reserve path's capacity, to set beside pgbench running the same SQL at the
 * same concurrency.</li>
 * </ol>
 * Every fan authenticates with their own personal API token. Settings come as system
 * properties ({@code bench.*}, see {@code storm.sh}).
 */
public final class DropStormSimulation extends Simulation {

	private static final String BASE_URL = System.getProperty("bench.base-url", "http://127.0.0.1:8087");

	private static final String DROP = System.getProperty("bench.drop");

	private static final String SKU = System.getProperty("bench.sku");

	private static final String CAPACITY_DROP = System.getProperty("bench.capacity-drop");

	private static final String CAPACITY_SKU = System.getProperty("bench.capacity-sku");

	private static final String FANS_FILE = System.getProperty("bench.fans-file");

	private static final int FANS = Integer.getInteger("bench.fans", 10_000);

	private static final long OPENS_AT = Long.getLong("bench.opens-at", System.currentTimeMillis() + 30_000);

	private static final Duration ARRIVAL = Duration.ofSeconds(Long.getLong("bench.arrival-seconds", 10));

	/**
	 * How long a fan waits for an answer, as {@code requestTimeout} in gatling.conf.
	 * Gatling starts that clock after the connection is made, so an answer can arrive
	 * later than this and still count as one; from the fan's side it came too late.
	 */
	private static final long PATIENCE_MILLIS = 10_000;

	private static final double BROWSE_RATE = Double.parseDouble(System.getProperty("bench.browse-rate", "20"));

	private static final double DOUBLE_SUBMIT = Double.parseDouble(System.getProperty("bench.double-submit", "0.10"));

	private static final double ABANDON = Double.parseDouble(System.getProperty("bench.abandon", "0.20"));

	private static final int CONCURRENCY = Integer.getInteger("bench.concurrency", 10);

	private static final Duration PHASE = Duration.ofSeconds(Long.getLong("bench.phase-seconds", 10));

	private static final Path OUT = Path.of(System.getProperty("bench.out", "target/bench"));

	private static final String CARD = "4242424242424242";

	/** How often a fan sends a request that Drops answered 429. */
	private static final int TRIES = 8;

	/** Notes when the next request leaves, to time a request that gets no answer too. */
	private static final ChainBuilder STAMP = exec(session -> session.set("sentAt", System.currentTimeMillis()));

	private final HttpProtocolBuilder protocol = http.baseUrl(BASE_URL)
		.acceptHeader("application/json")
		.userAgentHeader("drops-storm")
		.disableCaching()
		.warmUp(BASE_URL + "/actuator/health");

	{
		long waitUntilOpening = Math.max(0, OPENS_AT - System.currentTimeMillis());
		Duration browsing = Duration.ofMillis(waitUntilOpening).plus(ARRIVAL).plusSeconds(5);

		ScenarioBuilder browse = scenario("browse")
			.exec(http("drop page").get("/drops/" + DROP)
				.header("Accept", "text/html")
				.check(status().saveAs("status"), responseTimeInMillis().saveAs("latency"), status().is(200)))
			.exec(session -> record("drop page", session));

		FeederBuilder<String> everyFanOnce = csv(FANS_FILE).queue();
		ChainBuilder reserve = exec(patiently("reserve", reserveRequest("reserve", DROP, SKU)))
			.exec(session -> session.contains("reservation")
					? session.set("first", session.getString("reservation")).remove("reservation") : session)
			.doIf(session -> session.getBoolean("twice"))
			.then(exec(patiently("reserve double submit", reserveRequest("reserve double submit", DROP, SKU)))
				.exec(session -> {
					String first = session.contains("first") ? session.getString("first") : null;
					String again = session.contains("reservation") ? session.getString("reservation") : null;
					if (!Objects.equals(first, again)) {
						Tracker.doubleSubmitAnsweredDifferently();
					}
					// A fan whose first submit got no answer goes on with the hold the
					// second
					// one reports.
					return (first == null && again != null) ? session.set("first", again).remove("reservation")
							: session.remove("reservation");
				}));
		ScenarioBuilder storm = scenario("storm").feed(everyFanOnce)
			.exec(session -> session.set("key", UUID.randomUUID().toString())
				.set("twice", ThreadLocalRandom.current().nextDouble() < DOUBLE_SUBMIT)
				.set("abandons", ThreadLocalRandom.current().nextDouble() < ABANDON)
				.set("answeredWell", true))
			.exec(patiently("drop json",
					http("drop json").get("/api/v1/drops/" + DROP)
						.header("Authorization", "Bearer #{token}")
						.check(status().saveAs("status"), responseTimeInMillis().saveAs("latency"),
								header("Retry-After").optional().saveAs("retryAfter"), status().in(200, 429))))
			.exec(reserve)
			.doIf(session -> session.contains("first") && !session.getBoolean("abandons"))
			.then(exec(patiently("order",
					http("order").post("/api/v1/reservations/#{first}/order")
						.header("Authorization", "Bearer #{token}")
						.body(StringBody("{\"payment\":{\"cardNumber\":\"" + CARD + "\"},"
								+ "\"fulfilment\":{\"method\":\"SHIPPING\",\"address\":\"1 Storm Road, Leeds\"}}"))
						.asJson()
						.check(status().saveAs("status"), responseTimeInMillis().saveAs("latency"),
								header("Retry-After").optional().saveAs("retryAfter"), status().in(201, 429)))))
			.exec(session -> {
				Tracker.fan(session.getBoolean("answeredWell"));
				return session;
			});

		FeederBuilder<String> soldOutFans = csv(FANS_FILE).circular();
		ScenarioBuilder soldOut = scenario("sold out").during(PHASE)
			.on(feed(soldOutFans).exec(session -> session.set("key", UUID.randomUUID().toString()))
				.exec(STAMP)
				.exec(reserveRequest("sold out", DROP, SKU))
				.exec(session -> record("sold out", session).remove("reservation")));

		FeederBuilder<String> capacityFans = csv(FANS_FILE).circular();
		ScenarioBuilder capacity = scenario("capacity").during(PHASE)
			.on(feed(capacityFans).exec(session -> session.set("key", UUID.randomUUID().toString()))
				.exec(STAMP)
				.exec(reserveRequest("capacity reserve", CAPACITY_DROP, CAPACITY_SKU))
				.exec(session -> record("capacity reserve", session).remove("reservation")));

		List<PopulationBuilder> populations = new ArrayList<>();
		populations.add(browse.injectOpen(constantUsersPerSec(BROWSE_RATE).during(browsing)));
		populations
			.add(storm.injectOpen(nothingFor(Duration.ofMillis(waitUntilOpening)), rampUsers(FANS).during(ARRIVAL))
				.andThen(soldOut.injectOpen(atOnceUsers(CONCURRENCY))
					.andThen(capacity.injectOpen(atOnceUsers(CONCURRENCY)))));
		setUp(populations).protocols(this.protocol)
			.maxDuration(Duration.ofMillis(waitUntilOpening).plus(ARRIVAL).plus(PHASE.multipliedBy(2)).plusSeconds(90));
	}

	private static HttpRequestActionBuilder reserveRequest(String name, String drop, String sku) {
		return http(name).post("/api/v1/drops/" + drop + "/reservations")
			.header("Authorization", "Bearer #{token}")
			.header("Idempotency-Key", "#{key}")
			.body(StringBody("{\"sku\":\"" + sku + "\",\"quantity\":1}"))
			.asJson()
			.check(status().saveAs("status"), responseTimeInMillis().saveAs("latency"),
					jsonPath("$.id").optional().saveAs("reservation"),
					header("Retry-After").optional().saveAs("retryAfter"), status().lt(500));
	}

	/**
	 * Sends a request, and again after the {@code Retry-After} seconds while Drops
	 * answers 429 (too many calls at once), as the API contract asks of clients; at most
	 * {@link #TRIES} times. Every answer is noted.
	 */
	private static ChainBuilder patiently(String kind, HttpRequestActionBuilder request) {
		return exec(session -> session.set("tries", 0).set("again", true))
			.asLongAs(session -> session.getBoolean("again"))
			.on(exec(STAMP).exec(request).exec(session -> {
				boolean busy = session.contains("status") && session.getInt("status") == 429;
				int tries = session.getInt("tries") + 1;
				long retryAfter = session.contains("retryAfter") ? parseSeconds(session.getString("retryAfter")) : 1;
				return record(kind, session).remove("retryAfter")
					.set("tries", tries)
					.set("again", busy && tries < TRIES)
					.set("pauseSeconds", retryAfter);
			})
				.doIf(session -> session.getBoolean("again"))
				.then(pause(session -> Duration.ofSeconds(session.getLong("pauseSeconds")))));
	}

	private static long parseSeconds(String value) {
		try {
			return Math.max(0, Math.min(10, Long.parseLong(value.trim())));
		}
		catch (NumberFormatException ex) {
			return 1;
		}
	}

	/**
	 * Notes the answer just received and clears it from the session, so the next request
	 * starts clean; a fan who got a 5xx, no answer or an answer later than their patience
	 * is marked.
	 */
	private static Session record(String kind, Session session) {
		int status = session.contains("status") ? session.getInt("status") : Tracker.NO_ANSWER;
		long latency = session.contains("latency") ? session.getLong("latency")
				: System.currentTimeMillis() - session.getLong("sentAt");
		Tracker.answer(kind, status, latency);
		Session next = session.remove("status").remove("latency").remove("sentAt");
		if ((status == Tracker.NO_ANSWER || status >= 500 || latency > PATIENCE_MILLIS)
				&& next.contains("answeredWell")) {
			next = next.set("answeredWell", false);
		}
		return next;
	}

	@Override
	public void after() {
		Tracker.write(OUT.resolve("storm.properties"), OPENS_AT);
	}

}
