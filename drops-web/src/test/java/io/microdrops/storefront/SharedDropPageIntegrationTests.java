package io.microdrops.storefront;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.zip.GZIPInputStream;

import io.microdrops.account.AccountId;
import io.microdrops.account.AccountManagement;
import io.microdrops.catalog.CatalogManagement;
import io.microdrops.catalog.SkuDetails;
import io.microdrops.checkout.Checkout;
import io.microdrops.checkout.ReserveRequest;
import io.microdrops.community.CommunityDetails;
import io.microdrops.community.CommunityManagement;
import io.microdrops.drop.AccessMode;
import io.microdrops.drop.DropManagement;
import io.microdrops.drop.DropPlan;
import io.microdrops.drop.NewDropItem;
import io.microdrops.drop.Timeline;
import io.microdrops.shared.Money;
import io.microdrops.testsupport.TestBrowser;
import io.microdrops.web.TestAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The drop page anonymous visitors share: the same bytes for all of them, marked
 * cacheable with an ETag, kept in memory for a moment yet showing a hold the moment it is
 * placed; signed-in fans still get their own page with its CSRF token and reserve form.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SharedDropPageIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	AccountManagement accounts;

	@Autowired
	CommunityManagement communities;

	@Autowired
	CatalogManagement catalog;

	@Autowired
	DropManagement drops;

	@Autowired
	Checkout checkout;

	@Autowired
	JdbcTemplate jdbc;

	final HttpClient http = HttpClient.newHttpClient();

	@BeforeEach
	void accounts() {
		TestAccounts.ensure(this.accounts);
	}

	@Test
	void anonymousVisitorsGetTheSameCacheableBytesWithoutATokenAndWithAnETag() throws Exception {
		String drop = liveDrop(5);

		HttpResponse<byte[]> first = get(drop, null, false);
		HttpResponse<byte[]> second = get(drop, null, false);

		assertThat(first.statusCode()).isEqualTo(200);
		String page = new String(first.body(), StandardCharsets.UTF_8);
		assertThat(page).contains("5 of 5 left")
			.contains("Sign in to reserve Enamel pin")
			.doesNotContain("_csrf")
			.doesNotContain("name=\"key\"")
			.doesNotContain("class=\"reserve\"");
		assertThat(first.headers().firstValue("Cache-Control")).hasValue("public, max-age=1");
		assertThat(first.headers().allValues("Set-Cookie")).isEmpty();
		assertThat(first.headers().firstValue("Content-Security-Policy")).isPresent();
		assertThat(first.headers().firstValue("ETag")).hasValueSatisfying(etag -> assertThat(etag).startsWith("\""));
		if (first.headers().firstValue("ETag").equals(second.headers().firstValue("ETag"))) {
			assertThat(second.body()).isEqualTo(first.body());
			assertThat(second.headers().firstValue("Content-Security-Policy"))
				.isEqualTo(first.headers().firstValue("Content-Security-Policy"));
		}

		HttpResponse<byte[]> unchanged = get(drop, first.headers().firstValue("ETag").orElseThrow(), false);
		HttpResponse<byte[]> fresh = get(drop, null, false);
		if (fresh.headers().firstValue("ETag").equals(first.headers().firstValue("ETag"))) {
			// Still the same page (same second of the countdown): nothing to send.
			assertThat(unchanged.statusCode()).isEqualTo(304);
			assertThat(unchanged.body()).isEmpty();
		}
		else {
			assertThat(unchanged.statusCode()).isIn(200, 304);
		}
	}

	@Test
	void sendsTheSharedPageCompressedToClientsThatTakeGzip() throws Exception {
		String drop = liveDrop(5);

		HttpResponse<byte[]> zipped = get(drop, null, true);

		assertThat(zipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
		try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(zipped.body()))) {
			assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).contains("5 of 5 left");
		}
	}

	@Test
	void showsAHoldOnTheSharedPageTheMomentItIsPlaced() throws Exception {
		String drop = liveDrop(5);
		assertThat(body(get(drop, null, false))).contains("5 of 5 left");
		AccountId fan = this.accounts.findCredentials(TestAccounts.FAN).orElseThrow().id();

		this.checkout.reserve(new ReserveRequest(drop, "sku-" + drop, 1, fan, UUID.randomUUID().toString()));

		assertThat(body(get(drop, null, false))).contains("4 of 5 left");
	}

	@Test
	void signedInFansStillGetTheirOwnPageWithTheReserveForm() throws Exception {
		String drop = liveDrop(5);
		TestBrowser fan = new TestBrowser("http://localhost:" + this.port);
		fan.signIn(TestAccounts.FAN, TestAccounts.PASSWORD);

		TestBrowser.Page page = fan.get("/drops/" + drop);

		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("name=\"_csrf\"").contains("class=\"reserve\"").contains("name=\"key\"");
		assertThat(page.headers().firstValue("Cache-Control"))
			.hasValueSatisfying(value -> assertThat(value).doesNotContain("public"));
		assertThat(page.headers().firstValue("ETag")).isEmpty();
	}

	@Test
	void takesTheStoryBeaconFromTheSharedPageWhichCarriesNoToken() throws Exception {
		String drop = liveDrop(5);
		HttpResponse<String> answer = this.http.send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/drops/" + drop + "/story-beacon"))
					.header("Content-Type", "application/x-www-form-urlencoded")
					.POST(HttpRequest.BodyPublishers.ofString("sku=sku-" + drop + "&block=0"))
					.build(),
				HttpResponse.BodyHandlers.ofString());

		assertThat(answer.statusCode()).isEqualTo(204);
	}

	@Test
	void keepsADropsJsonForEveryCallerTokenOrNotAndShowsAHoldAtOnce() throws Exception {
		String drop = liveDrop(5);

		HttpResponse<byte[]> anonymous = json(drop, null, null);
		HttpResponse<byte[]> withToken = json(drop, "Bearer drops_not-even-a-token", null);

		for (HttpResponse<byte[]> answer : List.of(anonymous, withToken)) {
			assertThat(answer.statusCode()).isEqualTo(200);
			assertThat(body(answer)).contains("\"slug\":\"" + drop + "\"").contains("\"remaining\":5");
			assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/json");
			assertThat(answer.headers().firstValue("Cache-Control")).hasValue("max-age=1, public");
			assertThat(answer.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
			assertThat(answer.headers().firstValue("Content-Security-Policy")).isPresent();
			assertThat(answer.headers().firstValue("Vary"))
				.as("kept for callers without cookies, as a shared cache would")
				.hasValueSatisfying(vary -> assertThat(vary).contains("Cookie"));
		}
		String etag = anonymous.headers().firstValue("ETag").orElseThrow();
		if (etag.equals(withToken.headers().firstValue("ETag").orElseThrow())) {
			assertThat(json(drop, null, etag).statusCode()).isIn(200, 304);
		}
		AccountId fan = this.accounts.findCredentials(TestAccounts.FAN).orElseThrow().id();

		this.checkout.reserve(new ReserveRequest(drop, "sku-" + drop, 1, fan, UUID.randomUUID().toString()));

		HttpResponse<byte[]> after = json(drop, "Bearer drops_not-even-a-token", etag);
		assertThat(after.statusCode()).isEqualTo(200);
		assertThat(body(after)).contains("\"remaining\":4");
		assertThat(json("no-such-drop-" + drop, null, null).statusCode()).isEqualTo(404);
	}

	@Test
	void aKeptDropJsonAndTheControllersAnswerToASessionCarryTheSameETag() throws Exception {
		String drop = liveDrop(3);

		HttpResponse<byte[]> kept = json(drop, null, null);
		HttpResponse<byte[]> withSession = this.http
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/api/v1/drops/" + drop))
				.header("Cookie", "DROPS_SESSION=no-such-session")
				.build(), HttpResponse.BodyHandlers.ofByteArray());

		assertThat(withSession.statusCode()).isEqualTo(200);
		assertThat(String.join(", ", withSession.headers().allValues("Vary")))
			.as("answered by the controller, not from the kept answer")
			.doesNotContain("Cookie");
		assertThat(body(withSession)).isEqualTo(body(kept));
		String etag = kept.headers().firstValue("ETag").orElseThrow();
		assertThat(etag).as("an entity tag is quoted").matches("\"[^\"]+\"");
		assertThat(withSession.headers().firstValue("ETag")).hasValue(etag);
		assertThat(json(drop, null, withSession.headers().firstValue("ETag").orElseThrow()).statusCode())
			.isEqualTo(304);
	}

	private HttpResponse<byte[]> get(String drop, String ifNoneMatch, boolean gzip)
			throws IOException, InterruptedException {
		return send("/drops/" + drop, null, ifNoneMatch, gzip);
	}

	private HttpResponse<byte[]> json(String drop, String authorization, String ifNoneMatch)
			throws IOException, InterruptedException {
		return send("/api/v1/drops/" + drop, authorization, ifNoneMatch, false);
	}

	private HttpResponse<byte[]> send(String path, String authorization, String ifNoneMatch, boolean gzip)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		if (ifNoneMatch != null) {
			request.header("If-None-Match", ifNoneMatch);
		}
		if (gzip) {
			request.header("Accept-Encoding", "gzip");
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	private static String body(HttpResponse<byte[]> response) {
		return new String(response.body(), StandardCharsets.UTF_8);
	}

	private String liveDrop(int units) {
		String slug = "shared-" + UUID.randomUUID().toString().substring(0, 8);
		var community = this.communities.create(slug,
				new CommunityDetails("Shared " + slug, "Shared page", null, null, 500, ZoneId.of("UTC"), 0, 31));
		var sku = this.catalog.create("sku-" + slug,
				new SkuDetails("Enamel pin", Money.of(900, "EUR"), units, null, null));
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		this.drops
			.createDraft(slug,
					new DropPlan("Drop " + slug, community.id(), AccessMode.FIRST_COME,
							new Timeline(now.minus(Duration.ofHours(2)), null, now.minus(Duration.ofMinutes(1)),
									now.plus(Duration.ofDays(1))),
							10, null, List.of(new NewDropItem(sku.id(), units, 1))));
		this.drops.schedule(slug, new DropManagement.Scheduler(null, false), null);
		return slug;
	}

}
