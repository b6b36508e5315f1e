package io.microdrops.faults;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fault harness: two application nodes (the packaged jar, two JVMs) on one PostgreSQL
 * of its own and a local payment stub; fans buy from a drop over HTTP while a fault is
 * injected; then the history of every request and the database are checked. Scenarios:
 * <ol>
 * <li><b>kill</b> — {@code kill -9} of one node while reservations and orders are in
 * flight, then it is started again;</li>
 * <li><b>database</b> — PostgreSQL stopped with a fast shutdown, started, then stopped
 * with an immediate shutdown (a crash), started, under load;</li>
 * <li><b>retry</b> — every order is sent with a client timeout shorter than the (slow)
 * payment, then sent again with the same Idempotency-Key to the other node, and once
 * more;</li>
 * <li><b>payments</b> — the payment provider slow (seconds), then failing, then healthy
 * again, with some cards declined.</li>
 * </ol>
 * Run it with {@code drops-faults/faults.sh [--quick]}; it writes
 * {@code history.jsonl}, {@code report.md} and the logs into its output folder and exits
 * with 1 when a check failed.
 */
public final class FaultHarness {

	static final String DEMO_PASSWORD = "faults-demo-password";

	private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(30);

	private static final Duration IMPATIENT_TIMEOUT = Duration.ofSeconds(1);

	private static final String GOOD_CARD = "pm_card_visa";

	private final Settings settings;

	private final long epoch = System.nanoTime();

	private final Postgres postgres;

	private final PaymentStub payments;

	private final Node nodeA;

	private final Node nodeB;

	private final History history;

	private final Client client;

	private final Checks checks;

	private final Map<String, List<String>> faults = new LinkedHashMap<>();

	private final String secret = HexFormat.of().formatHex(UUID.randomUUID().toString().getBytes(), 0, 12);

	private String merchandiserToken;

	private long scenarioStarted;

	private int nextFan = 1;

	private FaultHarness(Settings settings) throws IOException {
		this.settings = settings;
		Files.createDirectories(settings.out());
		this.postgres = new Postgres(settings.postgresBin(), settings.out().resolve("postgres"), settings.dbPort());
		this.payments = new PaymentStub(settings.stubPort());
		List<String> common = List.of("--spring.datasource.url=" + this.postgres.jdbcUrl(),
				"--spring.datasource.username=postgres", "--spring.datasource.password=",
				"--drops.payments.provider=stripe", "--drops.payments.stripe.secret-key=sk_test_faults",
				"--drops.payments.stripe.api-base=" + this.payments.baseUrl(), "--drops.checkout.expiry-interval=PT1S",
				"--drops.cadence.initial-delay=PT1H",
				// Events a fault interrupted count as failed after 20 s (not a minute) and are
				// delivered again every 5 s, so the run can wait for them.
				"--spring.modulith.events.staleness.published=PT20S",
				"--spring.modulith.events.staleness.processing=PT20S",
				"--spring.modulith.events.staleness.resubmission=PT20S",
				"--spring.modulith.events.staleness.check-intervall=PT5S", "--drops.events.retry-interval=PT5S",
				"--drops.events.retry-min-age=PT5S",
				// Shows in the nodes' logs which publications were found stale.
				"--logging.level.org.springframework.modulith.events.core.DefaultEventPublicationRegistry=info");
		// Node A also sets up the demo accounts: the merchandiser signs in through the
		// real sign-in form.
		this.nodeA = new Node("node-a", settings.jar(), settings.out().resolve("node-a"), settings.portA(), common,
				true);
		this.nodeB = new Node("node-b", settings.jar(), settings.out().resolve("node-b"), settings.portB(), common,
				false);
		this.history = new History(settings.out().resolve("history.jsonl"));
		this.client = new Client(this.history, this.epoch);
		this.checks = new Checks(this.postgres.jdbcUrl(), this.history, this.payments);
	}

	public static void main(String[] args) throws Exception {
		Settings settings = Settings.of(args);
		FaultHarness harness = new FaultHarness(settings);
		boolean passed;
		try {
			passed = harness.run();
		}
		finally {
			harness.stop();
		}
		System.exit(passed ? 0 : 1);
	}

	private boolean run() throws Exception {
		say("PostgreSQL " + this.postgres.jdbcUrl() + ", payment stub " + this.payments.baseUrl());
		this.postgres.initAndStart();
		// Both at once: Flyway migrates under a lock, the second node waits for the first.
		this.nodeA.start();
		this.nodeB.start();
		say("node-a started in " + seconds(this.nodeA.awaitHealthy(Duration.ofMinutes(8))));
		say("node-b started in " + seconds(this.nodeB.awaitHealthy(Duration.ofMinutes(8))));
		setUp();

		Load load = this.settings.quick() ? new Load(40, 25, Duration.ofSeconds(6), 16)
				: new Load(200, 120, Duration.ofSeconds(20), 60);
		List<Scenario> scenarios = List.of(new Scenario("kill", load, this::killNode),
				new Scenario("database", load, this::restartDatabase),
				new Scenario("retry", new Load(load.retryFans(), load.retryFans(), load.spread(), 0), null),
				new Scenario("payments", load, this::troublePayments));
		for (Scenario scenario : scenarios) {
			createDrop(scenario.name(), scenario.load().units(), 1);
		}
		for (Scenario scenario : scenarios) {
			run(scenario);
			recover(scenario.name());
			this.checks.afterScenario(scenario.name(), "faults-" + scenario.name());
		}
		Instant lastHold = this.checks.lastHoldExpiry();
		say("waiting for the last hold to expire (" + lastHold + ")");
		while (Instant.now().isBefore(lastHold.plusSeconds(3))) {
			TimeUnit.MILLISECONDS.sleep(500);
		}
		for (Scenario scenario : scenarios) {
			this.checks.afterExpiry(scenario.name(), "faults-" + scenario.name(), dropRemaining(scenario.name()));
		}
		this.history.close();
		String report = this.checks.report(this.faults, this.settings, Duration.ofNanos(System.nanoTime() - this.epoch));
		Files.writeString(this.settings.out().resolve("report.md"), report);
		System.out.println(report);
		say("history: " + this.settings.out().resolve("history.jsonl"));
		return this.checks.passed();
	}

	// --- Set-up through the real paths, as drops-bench/storm.sh does.

	private void setUp() throws IOException, InterruptedException {
		this.merchandiserToken = merchandiserToken();
		String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
		admin("/api/v1/admin/communities", """
				{"slug":"faults","name":"Fault testers","description":"Fans of the fault harness","timeZone":"UTC",
				 "targetSize":1000,"minGapDays":0,"maxDropsPer30Days":31}""");
		say("set-up: merchandiser token, community at " + now);
		int fans = 4 * 200 + 100;
		Process psql = new ProcessBuilder("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p",
				String.valueOf(this.postgres.port()), "-U", "postgres", "-d", "postgres", "-v", "fans=" + fans, "-v",
				"secret=" + this.secret, "-f", this.settings.fansSql().toString())
			.redirectErrorStream(true)
			.redirectOutput(this.settings.out().resolve("setup-fans.log").toFile())
			.start();
		if (!psql.waitFor(2, TimeUnit.MINUTES) || psql.exitValue() != 0) {
			throw new IllegalStateException("Setting up the fans failed; see " + this.settings.out().resolve("setup-fans.log"));
		}
		say("set-up: " + fans + " fans with personal API tokens");
		createDrop("probe", 5000, 5);
	}

	private String merchandiserToken() throws IOException, InterruptedException {
		HttpClient browser = HttpClient.newBuilder()
			.cookieHandler(new CookieManager())
			.connectTimeout(Duration.ofSeconds(5))
			.build();
		String base = this.nodeA.baseUrl();
		String loginPage = get(browser, base + "/login");
		String form = "username=" + URLEncoder.encode("merch@example.com", StandardCharsets.UTF_8) + "&password="
				+ URLEncoder.encode(DEMO_PASSWORD, StandardCharsets.UTF_8) + "&_csrf="
				+ URLEncoder.encode(csrf(loginPage), StandardCharsets.UTF_8);
		browser.send(HttpRequest.newBuilder(URI.create(base + "/login"))
			.timeout(CLIENT_TIMEOUT)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.discarding());
		String account = get(browser, base + "/account");
		HttpResponse<String> token = browser.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/me/tokens"))
			.timeout(CLIENT_TIMEOUT)
			.header("Content-Type", "application/json")
			.header("X-CSRF-TOKEN", csrf(account))
			.POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"fault harness set-up\"}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		String value = Client.field(token.body(), "token");
		if (token.statusCode() != 201 || value == null) {
			throw new IllegalStateException("Could not get a merchandiser token: " + token.statusCode());
		}
		return value;
	}

	private static String get(HttpClient browser, String url) throws IOException, InterruptedException {
		return browser
			.send(HttpRequest.newBuilder(URI.create(url)).timeout(CLIENT_TIMEOUT).build(),
					HttpResponse.BodyHandlers.ofString())
			.body();
	}

	private static String csrf(String page) {
		Matcher matcher = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]*)\"").matcher(page);
		if (!matcher.find()) {
			throw new IllegalStateException("No CSRF token on the page");
		}
		return matcher.group(1);
	}

	private void createDrop(String name, int units, int perFanLimit) throws IOException, InterruptedException {
		long now = Instant.now().getEpochSecond();
		admin("/api/v1/admin/skus", """
				{"slug":"faults-%s-keycap","name":"Brass keycap (%s)","priceMinor":2450,"currency":"GBP"}"""
			.formatted(name, name));
		admin("/api/v1/admin/drops", """
				{"slug":"faults-%s","title":"Fault drop %s","community":"faults","accessMode":"FIRST_COME",
				 "announceAt":"%s","opensAt":"%s","closesAt":"%s","holdMinutes":1,
				 "items":[{"sku":"faults-%s-keycap","quantity":%d,"perFanLimit":%d}]}"""
			.formatted(name, name, Instant.ofEpochSecond(now - 3600), Instant.ofEpochSecond(now - 60),
					Instant.ofEpochSecond(now + 86400), name, units, perFanLimit));
		admin("/api/v1/admin/drops/faults-" + name + "/schedule", "{}");
	}

	private void admin(String path, String json) throws IOException, InterruptedException {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(this.nodeA.baseUrl() + path))
				.timeout(CLIENT_TIMEOUT)
				.header("Authorization", "Bearer " + this.merchandiserToken)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(json))
				.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() / 100 != 2) {
			throw new IllegalStateException("Set-up call " + path + " answered " + response.statusCode() + ": "
					+ response.body());
		}
	}

	private int dropRemaining(String name) throws IOException, InterruptedException {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(this.nodeA.baseUrl() + "/api/v1/drops/faults-" + name))
				.timeout(CLIENT_TIMEOUT)
				.build(), HttpResponse.BodyHandlers.ofString());
		Matcher remaining = Pattern.compile("\"remaining\"\\s*:\\s*(\\d+)").matcher(response.body());
		return remaining.find() ? Integer.parseInt(remaining.group(1)) : -1;
	}

	// --- Scenarios.

	private void run(Scenario scenario) throws Exception {
		say("scenario " + scenario.name() + ": " + scenario.load().fans() + " fans, " + scenario.load().units()
				+ " units, over " + seconds(scenario.load().spread()));
		this.faults.put(scenario.name(), new ArrayList<>());
		this.scenarioStarted = System.nanoTime();
		int firstFan = this.nextFan;
		this.nextFan += scenario.load().fans();
		long spreadMillis = scenario.load().spread().toMillis();
		try (ExecutorService fans = Executors.newVirtualThreadPerTaskExecutor()) {
			List<Future<?>> running = new ArrayList<>();
			for (int i = 0; i < scenario.load().fans(); i++) {
				int fan = firstFan + i;
				long startAt = spreadMillis * i / scenario.load().fans();
				Node home = (i % 2 == 0) ? this.nodeA : this.nodeB;
				running.add(fans.submit(() -> {
					TimeUnit.MILLISECONDS.sleep(startAt);
					if (scenario.name().equals("retry")) {
						impatientFan(scenario.name(), fan, home);
					}
					else {
						fan(scenario.name(), fan, home);
					}
					return null;
				}));
			}
			if (scenario.fault() != null) {
				scenario.fault().inject(scenario);
			}
			else {
				this.payments.mode(PaymentStub.Mode.SLOW, 3000);
				fault(scenario.name(), "payment provider slow: 3 s per charge; every order sent with a "
						+ IMPATIENT_TIMEOUT.toSeconds() + " s client timeout, then retried with the same key");
			}
			for (Future<?> fan : running) {
				fan.get(10, TimeUnit.MINUTES);
			}
		}
		this.payments.mode(PaymentStub.Mode.HEALTHY, 0);
	}

	/** A fan who reserves, then pays (or walks away), sending again whatever got no answer. */
	private void fan(String scenario, int fan, Node home) throws InterruptedException {
		String token = token(fan);
		long deadline = System.nanoTime() + Duration.ofSeconds(75).toNanos();
		Client.Answer held = persist(new Client.Call(scenario, "reserve", home, fan, token, "POST",
				"/api/v1/drops/faults-" + scenario + "/reservations",
				"{\"sku\":\"faults-" + scenario + "-keycap\",\"quantity\":1}", UUID.randomUUID().toString(), null,
				CLIENT_TIMEOUT), deadline);
		if (!held.ok() || held.id() == null) {
			return;
		}
		double chance = ThreadLocalRandom.current().nextDouble();
		if (chance < 0.1) {
			persist(new Client.Call(scenario, "release", home, fan, token, "DELETE",
					"/api/v1/reservations/" + held.id(), null, null, held.id(), CLIENT_TIMEOUT), deadline);
			return;
		}
		String card = (scenario.equals("payments") && chance < 0.25) ? PaymentStub.DECLINED : GOOD_CARD;
		persist(new Client.Call(scenario, "order", other(home), fan, token, "POST",
				"/api/v1/reservations/" + held.id() + "/order", orderBody(card), UUID.randomUUID().toString(),
				held.id(), CLIENT_TIMEOUT), deadline);
	}

	/**
	 * A fan whose client gives up before the (slow) payment answers, and sends the same
	 * order again, with the same key, to the other node; then once more.
	 */
	private void impatientFan(String scenario, int fan, Node home) throws InterruptedException {
		String token = token(fan);
		long deadline = System.nanoTime() + Duration.ofSeconds(75).toNanos();
		Client.Answer held = persist(new Client.Call(scenario, "reserve", home, fan, token, "POST",
				"/api/v1/drops/faults-" + scenario + "/reservations",
				"{\"sku\":\"faults-" + scenario + "-keycap\",\"quantity\":1}", UUID.randomUUID().toString(), null,
				CLIENT_TIMEOUT), deadline);
		if (!held.ok() || held.id() == null) {
			return;
		}
		String key = UUID.randomUUID().toString();
		String path = "/api/v1/reservations/" + held.id() + "/order";
		this.client.send(new Client.Call(scenario, "order-impatient", home, fan, token, "POST", path,
				orderBody(GOOD_CARD), key, held.id(), IMPATIENT_TIMEOUT));
		TimeUnit.MILLISECONDS.sleep(500);
		persist(new Client.Call(scenario, "order-retry", other(home), fan, token, "POST", path, orderBody(GOOD_CARD),
				key, held.id(), CLIENT_TIMEOUT), deadline);
		this.client.send(new Client.Call(scenario, "order-replay", home, fan, token, "POST", path,
				orderBody(GOOD_CARD), key, held.id(), CLIENT_TIMEOUT));
	}

	/**
	 * Sends a call until it gets an answer that is not "try again": after no answer or a
	 * timeout to the other node (as a load balancer would), after a 503 or 429 once the
	 * Retry-After seconds are over (at most two here, to keep the run short).
	 */
	private Client.Answer persist(Client.Call call, long deadline) throws InterruptedException {
		Client.Call next = call;
		Client.Answer answer = this.client.send(next);
		for (int attempt = 1; answer.retry() && attempt < 40 && System.nanoTime() < deadline; attempt++) {
			long pause = (answer.retryAfter() != null) ? Math.min(2000, 1000 * Long.parseLong(answer.retryAfter()))
					: Math.min(1000, 200L * attempt);
			TimeUnit.MILLISECONDS.sleep(pause);
			next = new Client.Call(call.scenario(), call.op(), other(next.node()), call.fan(), call.token(),
					call.method(), call.path(), call.body(), call.key(), call.reservation(), call.timeout());
			answer = this.client.send(next);
		}
		return answer;
	}

	private static String orderBody(String card) {
		return "{\"payment\":{\"cardNumber\":\"" + card + "\"},"
				+ "\"fulfilment\":{\"method\":\"SHIPPING\",\"address\":\"1 Fault Lane, Leeds\"}}";
	}

	private String token(int fan) {
		return "drops_" + this.secret + "_" + fan;
	}

	private Node other(Node node) {
		return (node == this.nodeA) ? this.nodeB : this.nodeA;
	}

	// --- Faults.

	private void killNode(Scenario scenario) throws Exception {
		TimeUnit.MILLISECONDS.sleep(scenario.load().spread().toMillis() * 2 / 5);
		this.nodeB.kill();
		fault(scenario.name(), "kill -9 node-b");
		this.nodeB.start();
		Duration back = this.nodeB.awaitHealthy(Duration.ofMinutes(8));
		fault(scenario.name(), "node-b started again: healthy after " + seconds(back));
	}

	private void restartDatabase(Scenario scenario) throws Exception {
		long quarter = scenario.load().spread().toMillis() / 4;
		TimeUnit.MILLISECONDS.sleep(quarter);
		for (String mode : List.of("fast", "immediate")) {
			long stopped = System.nanoTime();
			this.postgres.stop(mode);
			TimeUnit.SECONDS.sleep(3);
			this.postgres.start();
			fault(scenario.name(), "PostgreSQL " + mode + " shutdown, started again: down for "
					+ seconds(Duration.ofNanos(System.nanoTime() - stopped)));
			TimeUnit.MILLISECONDS.sleep(quarter);
		}
	}

	private void troublePayments(Scenario scenario) throws Exception {
		long third = scenario.load().spread().toMillis() / 3;
		this.payments.mode(PaymentStub.Mode.SLOW, 2500);
		fault(scenario.name(), "payment provider slow: 2.5 s per charge");
		TimeUnit.MILLISECONDS.sleep(third);
		this.payments.mode(PaymentStub.Mode.FAILING, 0);
		fault(scenario.name(), "payment provider failing (HTTP 500)");
		TimeUnit.MILLISECONDS.sleep(third + 2000);
		this.payments.mode(PaymentStub.Mode.HEALTHY, 0);
		fault(scenario.name(), "payment provider healthy again (some cards declined throughout)");
	}

	private void fault(String scenario, String what) {
		String line = "t+" + Duration.ofNanos(System.nanoTime() - this.scenarioStarted).toMillis() / 100 / 10.0 + " s: " + what;
		this.faults.get(scenario).add(line);
		say(scenario + ": " + line);
	}

	/** After a fault: both nodes healthy again, and a new reservation succeeds on each. */
	private void recover(String scenario) throws Exception {
		for (Node node : List.of(this.nodeA, this.nodeB)) {
			Duration healthy = node.awaitHealthy(Duration.ofMinutes(3));
			int fan = this.nextFan++;
			Client.Answer held = this.client.send(new Client.Call(scenario, "probe-reserve", node, fan, token(fan),
					"POST", "/api/v1/drops/faults-probe/reservations", "{\"sku\":\"faults-probe-keycap\",\"quantity\":1}",
					UUID.randomUUID().toString(), null, CLIENT_TIMEOUT));
			Client.Answer released = held.ok() ? this.client.send(new Client.Call(scenario, "probe-release", node, fan,
					token(fan), "DELETE", "/api/v1/reservations/" + held.id(), null, null, held.id(), CLIENT_TIMEOUT))
					: held;
			this.checks.recovered(scenario, node.name(), healthy, held, released);
		}
	}

	private void stop() {
		this.nodeB.stop();
		this.nodeA.stop();
		this.payments.stop();
		this.postgres.stopQuietly();
	}

	static String seconds(Duration duration) {
		return duration.toMillis() / 100 / 10.0 + " s";
	}

	private static void say(String message) {
		System.out.println("[faults " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "] " + message);
	}

	/**
	 * How many fans buy how many units over how long.
	 *
	 * @param fans fans arriving
	 * @param units units in the drop
	 * @param spread the time over which the fans arrive
	 * @param retryFans fans in the retry scenario
	 */
	record Load(int fans, int units, Duration spread, int retryFans) {
	}

	/** Injects a scenario's fault while its fans buy. */
	@FunctionalInterface
	interface Fault {

		void inject(Scenario scenario) throws Exception;

	}

	/**
	 * A scenario.
	 *
	 * @param name its name, also its drop's slug after {@code faults-}
	 * @param load its fans and units
	 * @param fault the fault, or {@code null} for the retry scenario
	 */
	record Scenario(String name, Load load, Fault fault) {
	}

	/**
	 * The harness's settings, from its arguments.
	 *
	 * @param quick the bounded form (for CI)
	 * @param jar the packaged application
	 * @param out where the history, the report and the logs go
	 * @param postgresBin PostgreSQL's programs ({@code initdb}, {@code pg_ctl})
	 * @param fansSql drops-bench's fan set-up script
	 * @param portA node A's port
	 * @param portB node B's port
	 * @param stubPort the payment stub's port
	 * @param dbPort PostgreSQL's port
	 */
	record Settings(boolean quick, Path jar, Path out, Path postgresBin, Path fansSql, int portA, int portB,
			int stubPort, int dbPort) {

		static Settings of(String[] args) {
			Map<String, String> options = new LinkedHashMap<>();
			for (int i = 0; i < args.length; i++) {
				if (args[i].equals("--quick")) {
					options.put("quick", "true");
				}
				else if (args[i].startsWith("--") && i + 1 < args.length) {
					options.put(args[i].substring(2), args[++i]);
				}
				else {
					throw new IllegalArgumentException("Unknown argument " + args[i]);
				}
			}
			return new Settings(Boolean.parseBoolean(options.getOrDefault("quick", "false")),
					Path.of(required(options, "jar")).toAbsolutePath(), Path.of(required(options, "out")).toAbsolutePath(),
					Path.of(required(options, "postgres-bin")), Path.of(required(options, "fans-sql")).toAbsolutePath(),
					Integer.parseInt(options.getOrDefault("port-a", "8105")),
					Integer.parseInt(options.getOrDefault("port-b", "8106")),
					Integer.parseInt(options.getOrDefault("stub-port", "8108")),
					Integer.parseInt(required(options, "db-port")));
		}

		private static String required(Map<String, String> options, String name) {
			String value = options.get(name);
			if (value == null) {
				throw new IllegalArgumentException("Missing --" + name);
			}
			return value;
		}

	}

}
