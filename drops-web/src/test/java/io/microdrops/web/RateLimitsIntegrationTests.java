package io.microdrops.web;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import io.microdrops.account.AccountManagement;
import io.microdrops.account.ApiTokenManagement;
import io.microdrops.account.Role;
import io.microdrops.catalog.CatalogManagement;
import io.microdrops.community.CommunityManagement;
import io.microdrops.drop.AccessMode;
import io.microdrops.drop.DropManagement;
import io.microdrops.drop.Timeline;
import io.microdrops.testsupport.MovableClock;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The rate limits over real HTTP against the shared PostgreSQL buckets, with small limits
 * and a clock the tests move. Each test sends its requests from addresses of its own
 * (through {@code X-Forwarded-For}, which the app trusts from the loopback proxy as it
 * would from nginx) and with accounts of its own, as the buckets outlive a test.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "drops.rate-limits.sign-in-per-ip.capacity=5", "drops.rate-limits.sign-in-per-ip.period=PT1M",
				"drops.rate-limits.sign-in-per-email.capacity=2", "drops.rate-limits.sign-in-per-email.period=PT1M",
				"drops.rate-limits.sign-up-per-ip.capacity=2", "drops.rate-limits.sign-up-per-ip.period=PT1H",
				"drops.rate-limits.reserve-per-account.capacity=2",
				"drops.rate-limits.reserve-per-account.period=PT10S",
				"drops.rate-limits.reserve-per-account.node-allowance=0", "drops.rate-limits.reserve-per-ip.capacity=4",
				"drops.rate-limits.reserve-per-ip.period=PT10S", "drops.rate-limits.waitlist-per-account.capacity=2",
				"drops.rate-limits.order-per-account.capacity=2" })
@Import(RateLimitsIntegrationTests.Setup.class)
class RateLimitsIntegrationTests {

	private static final String PASSWORD = "rate limits password";

	private static final Pattern CSRF_META = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]*)\"");

	@LocalServerPort
	int port;

	@Autowired
	MovableClock clock;

	@Autowired
	AccountManagement accounts;

	@Autowired
	ApiTokenManagement tokens;

	@Autowired
	CommunityManagement communities;

	@Autowired
	CatalogManagement catalog;

	@Autowired
	DropManagement drops;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	DataSource dataSource;

	@Test
	void refusesSignInsForOneEmailBeyondTheLimitBeforeCheckingThePasswordAndRecoversAfterTheRefill() {
		String email = fan();
		Visitor first = new Visitor(address());

		assertThat(first.signIn(email, "wrong password").headers().firstValue("Location"))
			.hasValueSatisfying(url -> assertThat(url).endsWith("/login?error"));
		assertThat(first.signIn(email, "wrong password again").statusCode()).isEqualTo(302);
		HttpResponse<String> refused = first.signIn(email, PASSWORD);

		// The right password, but over the limit: refused before the password is checked.
		assertThat(refused.statusCode()).isEqualTo(429);
		assertThat(refused.headers().firstValue("Retry-After")).hasValue("30");
		assertThat(refused.body()).contains("Too many attempts — try again in 30 seconds.").contains("href=\"/login\"");
		assertThat(first.get("/account").statusCode()).isEqualTo(302);
		// The same e-mail from elsewhere is refused too; another e-mail from here is not.
		assertThat(new Visitor(address()).signIn(email, PASSWORD).statusCode()).isEqualTo(429);
		assertThat(first.signIn(fan(), "wrong password").statusCode()).isEqualTo(302);

		this.clock.advance(Duration.ofSeconds(30));

		HttpResponse<String> signedIn = first.signIn(email, PASSWORD);
		assertThat(signedIn.statusCode()).isEqualTo(302);
		assertThat(signedIn.headers().firstValue("Location"))
			.hasValueSatisfying(url -> assertThat(url).doesNotContain("error"));
		assertThat(first.get("/account").statusCode()).isEqualTo(200);
	}

	@Test
	void refusesSignInsFromOneAddressBeyondTheLimitWhateverTheEmail() {
		Visitor visitor = new Visitor(address());
		for (int attempt = 0; attempt < 5; attempt++) {
			assertThat(visitor.signIn(fan(), "wrong password").statusCode()).isEqualTo(302);
		}

		assertThat(visitor.signIn(fan(), PASSWORD).statusCode()).isEqualTo(429);
		assertThat(new Visitor(address()).signIn(fan(), PASSWORD).statusCode()).isEqualTo(302);
	}

	@Test
	void refusesAScriptSigningInBeyondTheLimitWithAProblem() {
		Visitor script = new Visitor(address(), null);
		for (int attempt = 0; attempt < 5; attempt++) {
			assertThat(script.signIn(fan(), "wrong password").statusCode()).isEqualTo(302);
		}

		HttpResponse<String> refused = script.signIn(fan(), PASSWORD);

		assertThat(refused.statusCode()).isEqualTo(429);
		assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(refused.headers().firstValue("Retry-After")).hasValueSatisfying(seconds -> assertThat(refused.body())
			.contains("\"type\":\"https://microdrops.io/problems/rate-limited\"", "\"status\":429",
					"\"instance\":\"/login\"", "try again in " + seconds + " seconds."));
		assertThat(refused.body()).doesNotContain("timestamp", "<html");
	}

	@Test
	void refusesAScriptWithoutTheFormsTokenWithAProblem() {
		Visitor script = new Visitor(address(), "application/json");
		script.csrf = "not-the-token";

		HttpResponse<String> refused = script.post("/login", Map.of("username", fan(), "password", PASSWORD));

		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(refused.body()).contains("\"title\":\"Forbidden\"", "\"status\":403").doesNotContain("timestamp");
	}

	@Test
	void refusesSignUpsFromOneAddressBeyondTheLimitWithAPageSayingWhenToTryAgain() {
		Visitor visitor = new Visitor(address());
		visitor.get("/signup");
		Map<String, String> empty = Map.of("email", "", "displayName", "", "password", "");

		assertThat(visitor.post("/signup", empty).statusCode()).isEqualTo(200);
		assertThat(visitor.post("/signup", empty).statusCode()).isEqualTo(200);
		HttpResponse<String> refused = visitor.post("/signup", empty);

		assertThat(refused.statusCode()).isEqualTo(429);
		assertThat(refused.headers().firstValue("Retry-After")).hasValue("1800");
		assertThat(refused.body()).contains("Too many attempts — try again in 1800 seconds.");
		Visitor other = new Visitor(address());
		other.get("/signup");
		assertThat(other.post("/signup", empty).statusCode()).isEqualTo(200);
	}

	@Test
	void refusesReservationsOfOneAccountBeyondTheLimitWithAProblemAndCountsThemAtTheDrop() throws Exception {
		String drop = openDrop();
		String sku = sku(drop);
		String token = token(fan());
		String address = address();
		String body = "{\"sku\":\"" + sku + "\",\"quantity\":1}";

		assertThat(api(address, token, "/api/v1/drops/" + drop + "/reservations", body).statusCode()).isEqualTo(201);
		assertThat(api(address, token, "/api/v1/drops/" + drop + "/reservations", body).statusCode()).isEqualTo(201);
		HttpResponse<String> refused = api(address, token, "/api/v1/drops/" + drop + "/reservations", body);

		assertThat(refused.statusCode()).isEqualTo(429);
		assertThat(refused.headers().firstValue("Content-Type"))
			.hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
		assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
		assertThat(refused.body()).contains("\"type\":\"https://microdrops.io/problems/rate-limited\"")
			.contains("\"status\":429")
			.contains("try again in 5 seconds");
		assertThat(held(drop)).isEqualTo(2);
		// Another account at the same address is not held back by this one's limit.
		assertThat(api(address, token(fan()), "/api/v1/drops/" + drop + "/reservations", body).statusCode())
			.isEqualTo(201);
		await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(rateLimitedAt(drop)).isEqualTo(1));

		this.clock.advance(Duration.ofSeconds(5));

		// Let through again: the fan's own per-fan limit (2) answers now.
		assertThat(api(address, token, "/api/v1/drops/" + drop + "/reservations", body).statusCode()).isEqualTo(422);
	}

	@Test
	void refusesReservationsFromOneAddressBeyondItsLimitWhateverTheAccount() throws Exception {
		String drop = openDrop();
		String body = "{\"sku\":\"" + sku(drop) + "\",\"quantity\":1}";
		String address = address();
		String first = token(fan());
		String second = token(fan());
		String third = token(fan());
		for (String token : new String[] { first, first, second, second }) {
			assertThat(api(address, token, "/api/v1/drops/" + drop + "/reservations", body).statusCode())
				.isEqualTo(201);
		}

		assertThat(api(address, third, "/api/v1/drops/" + drop + "/reservations", body).statusCode()).isEqualTo(429);
		assertThat(api(address(), third, "/api/v1/drops/" + drop + "/reservations", body).statusCode()).isEqualTo(201);
	}

	@Test
	void refusesWaitlistJoinsOfOneAccountBeyondTheLimit() throws Exception {
		String drop = openDrop();
		String token = token(fan());
		String address = address();

		assertThat(api(address, token, "/api/v1/drops/" + drop + "/waitlist", "").statusCode()).isNotEqualTo(429);
		assertThat(api(address, token, "/api/v1/drops/" + drop + "/waitlist", "").statusCode()).isNotEqualTo(429);
		HttpResponse<String> refused = api(address, token, "/api/v1/drops/" + drop + "/waitlist", "");

		assertThat(refused.statusCode()).isEqualTo(429);
		assertThat(refused.body()).contains("rate-limited");
	}

	@Test
	void refusesPaymentsOfOneSignedInFanBeyondTheLimitWithThePage() {
		Visitor fan = new Visitor(address());
		assertThat(fan.signIn(fan(), PASSWORD).statusCode()).isEqualTo(302);
		fan.get("/account");
		String unknownHold = "/checkout/" + UUID.randomUUID() + "/pay";

		// Someone else's hold or none: answered as the page would, counted all the same.
		assertThat(fan.post(unknownHold, Map.of("cardNumber", "4242424242424242")).statusCode()).isNotEqualTo(429);
		assertThat(fan.post(unknownHold, Map.of("cardNumber", "4242424242424242")).statusCode()).isNotEqualTo(429);
		HttpResponse<String> refused = fan.post(unknownHold, Map.of("cardNumber", "4242424242424242"));

		assertThat(refused.statusCode()).isEqualTo(429);
		assertThat(refused.headers().firstValue("Retry-After")).hasValue("30");
		assertThat(refused.body()).contains("Too many attempts — try again in 30 seconds.");
	}

	@Test
	void sharesEachBucketBetweenNodesThroughTheDatabase() {
		Map<RateLimit, RateLimits.Setting> settings = new EnumMap<>(RateLimit.class);
		for (RateLimit limit : RateLimit.values()) {
			settings.put(limit, new RateLimits.Setting(0, Duration.ofMinutes(1)));
		}
		settings.put(RateLimit.SIGN_UP_PER_IP, new RateLimits.Setting(3, Duration.ofHours(1)));
		Clock now = Clock.fixed(Instant.now(), ZoneOffset.UTC);
		RateLimits one = new RateLimits(this.dataSource, now, true, settings);
		RateLimits other = new RateLimits(this.dataSource, now, true, settings);
		String address = address();

		assertThat(one.take(RateLimit.SIGN_UP_PER_IP, address)).isEmpty();
		assertThat(other.take(RateLimit.SIGN_UP_PER_IP, address)).isEmpty();
		assertThat(one.take(RateLimit.SIGN_UP_PER_IP, address)).isEmpty();

		assertThat(other.take(RateLimit.SIGN_UP_PER_IP, address)).hasValue(Duration.ofMinutes(20));
		assertThat(one.take(RateLimit.SIGN_UP_PER_IP, address)).isPresent();
		assertThat(one.take(RateLimit.SIGN_IN_PER_IP, address)).as("a limit with capacity 0 is off").isEmpty();
		RateLimits switchedOff = new RateLimits(this.dataSource, now, false, settings);
		assertThat(switchedOff.take(RateLimit.SIGN_UP_PER_IP, address)).isEmpty();
	}

	@Test
	void letsEachNodeAllowTheFirstAttemptsOfAPeriodBeforeAskingTheSharedBucket() {
		Map<RateLimit, RateLimits.Setting> settings = new EnumMap<>(RateLimit.class);
		for (RateLimit limit : RateLimit.values()) {
			settings.put(limit, new RateLimits.Setting(0, Duration.ofMinutes(1)));
		}
		settings.put(RateLimit.RESERVE_PER_ACCOUNT, new RateLimits.Setting(1, Duration.ofSeconds(10), 2));
		Clock now = Clock.fixed(Instant.now(), ZoneOffset.UTC);
		RateLimits one = new RateLimits(this.dataSource, now, true, settings);
		RateLimits other = new RateLimits(this.dataSource, now, true, settings);
		String account = UUID.randomUUID().toString();
		long rows = buckets();

		assertThat(one.take(RateLimit.RESERVE_PER_ACCOUNT, account)).isEmpty();
		assertThat(one.take(RateLimit.RESERVE_PER_ACCOUNT, account)).isEmpty();
		assertThat(buckets()).as("the node's allowance asks no shared bucket").isEqualTo(rows);

		assertThat(one.take(RateLimit.RESERVE_PER_ACCOUNT, account)).as("the shared bucket's one attempt").isEmpty();
		assertThat(buckets()).isEqualTo(rows + 1);
		assertThat(one.take(RateLimit.RESERVE_PER_ACCOUNT, account)).isPresent();
		assertThat(other.take(RateLimit.RESERVE_PER_ACCOUNT, account)).isEmpty();
		assertThat(other.take(RateLimit.RESERVE_PER_ACCOUNT, account)).isEmpty();
		assertThat(other.take(RateLimit.RESERVE_PER_ACCOUNT, account))
			.as("the other node's allowance spent, the shared bucket is empty for both")
			.isPresent();
	}

	private long buckets() {
		return this.jdbc.queryForObject("select count(*) from rate_limit_buckets", Long.class);
	}

	private String fan() {
		String email = "rl-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
		this.accounts.createIfAbsent(email, "Rate Fan", PASSWORD, Set.of(Role.FAN));
		return email;
	}

	private String token(String email) {
		return this.tokens.issue(this.accounts.findCredentials(email).orElseThrow().id(), "rate limits").token();
	}

	private String openDrop() {
		Instant now = this.clock.instant();
		return TestDrops.drop(this.communities, this.catalog, this.drops, "Rate drop", AccessMode.FIRST_COME,
				new Timeline(now.minusSeconds(7200), null, now.minusSeconds(60), now.plusSeconds(86_400)), true);
	}

	private String sku(String drop) {
		return this.jdbc.queryForObject(
				"select s.slug from drop_items i join drops d on d.id = i.drop_id join skus s on s.id = i.sku_id where d.slug = ?",
				String.class, drop);
	}

	private Long held(String drop) {
		return this.jdbc.queryForObject(
				"select count(*) from reservations r join drop_items i on i.id = r.drop_item_id join drops d on d.id = i.drop_id where d.slug = ?",
				Long.class, drop);
	}

	private Long rateLimitedAt(String drop) {
		return this.jdbc.queryForObject(
				"select coalesce(sum(r.refusals), 0) from drop_refusals r join drops d on d.id = r.drop_id where d.slug = ? and r.reason = 'rate-limited'",
				Long.class, drop);
	}

	private static String address() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(1, 255);
	}

	private HttpResponse<String> api(String address, String token, String path, String body) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
				.header("Authorization", "Bearer " + token)
				.header("X-Forwarded-For", address)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** A browser at an address of its own: cookies, the page's CSRF token. */
	private final class Visitor {

		private final String address;

		private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

		private String csrf = "";

		/**
		 * What its posts accept: a browser's pages, or a script's choice (none at all).
		 */
		private final String accept;

		Visitor(String address) {
			this(address, "text/html");
		}

		Visitor(String address, String accept) {
			this.address = address;
			this.accept = accept;
		}

		HttpResponse<String> signIn(String email, String password) {
			get("/login");
			return post("/login", Map.of("username", email, "password", password));
		}

		HttpResponse<String> get(String path) {
			HttpResponse<String> page = send(request(path).GET());
			Matcher token = CSRF_META.matcher(page.body());
			if (token.find()) {
				this.csrf = token.group(1);
			}
			return page;
		}

		HttpResponse<String> post(String path, Map<String, String> fields) {
			String form = fields.entrySet()
				.stream()
				.map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
				.collect(Collectors.joining("&", "_csrf=" + encode(this.csrf) + "&", ""));
			return send(request(path, this.accept).header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form)));
		}

		private HttpRequest.Builder request(String path) {
			return request(path, "text/html");
		}

		private HttpRequest.Builder request(String path, String accept) {
			HttpRequest.Builder request = HttpRequest
				.newBuilder(URI.create("http://localhost:" + RateLimitsIntegrationTests.this.port + path))
				.header("X-Forwarded-For", this.address);
			return (accept != null) ? request.header("Accept", accept) : request;
		}

		private HttpResponse<String> send(HttpRequest.Builder request) {
			try {
				return this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}

		private static String encode(String value) {
			return URLEncoder.encode(value, StandardCharsets.UTF_8);
		}

	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Setup {

		@Bean
		@Primary
		MovableClock movableClock() {
			return new MovableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
		}

	}

}
