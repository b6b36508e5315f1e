package io.microdrops.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import io.microdrops.account.AccountId;
import io.microdrops.account.AccountManagement;
import io.microdrops.account.ApiTokenManagement;
import io.microdrops.catalog.CatalogManagement;
import io.microdrops.checkout.Checkout;
import io.microdrops.checkout.RefusalReason;
import io.microdrops.checkout.RefusedAttempts;
import io.microdrops.community.CommunityManagement;
import io.microdrops.drop.AccessMode;
import io.microdrops.drop.DropManagement;
import io.microdrops.drop.Timeline;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.ObjectMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextImpl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A reservation of an item the node knows to be sold out, answered in the token chain
 * without the controller: over real HTTP with personal API tokens, the same answer as the
 * controller's, the same idempotency, and everything else left to the controller. The
 * node remembers a sell-out for a minute here (a second by default), so that the second
 * call certainly meets the memory.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "drops.checkout.sold-out-memory=PT1M")
class KnownSoldOutReservationsIntegrationTests {

	@LocalServerPort
	int port;

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
	Checkout checkout;

	@Autowired
	RefusedAttempts refusals;

	@Autowired
	ObjectMapper json;

	@Autowired
	JdbcTemplate jdbc;

	final HttpClient client = HttpClient.newHttpClient();

	String token;

	String drop;

	String sku;

	@BeforeEach
	void openDrop() throws Exception {
		TestAccounts.ensure(this.accounts);
		this.token = this.tokens.issue(account(TestAccounts.FAN), "sold-out script").token();
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		this.drop = TestDrops.drop(this.communities, this.catalog, this.drops, "Gone drop", AccessMode.FIRST_COME,
				new Timeline(now.minusSeconds(7200), null, now.minusSeconds(60), now.plusSeconds(86_400)), true);
		this.sku = skuOfDrop();
	}

	@Test
	void answersAsTheControllerDoesWithoutIt() throws Exception {
		takeEveryUnit();
		HttpResponse<String> controller = reserve(body(1), UUID.randomUUID().toString());
		assertThat(this.checkout.knownSoldOut(this.drop)).as("the controller's refusal taught the node").isTrue();

		HttpResponse<String> chain = reserve(body(1), UUID.randomUUID().toString());
		HttpResponse<String> again = reserve(body(1), UUID.randomUUID().toString());

		assertThat(controller.statusCode()).isEqualTo(409);
		assertThat(chain.statusCode()).isEqualTo(409);
		assertThat(again.statusCode()).isEqualTo(409);
		assertThat(again.body()).as("the answer written once for the drop").isEqualTo(chain.body());
		assertThat(this.json.readTree(chain.body())).isEqualTo(this.json.readTree(controller.body()));
		assertThat(this.json.readTree(chain.body()).get("instance").asString())
			.isEqualTo("/api/v1/drops/" + this.drop + "/reservations");
		for (String header : new String[] { "Content-Type", "X-Content-Type-Options", "Content-Security-Policy",
				"Cache-Control" }) {
			assertThat(chain.headers().firstValue(header)).as(header)
				.isEqualTo(controller.headers().firstValue(header));
		}
		await().untilAsserted(() -> assertThat(
				this.refusals.byReason(this.drops.find(this.drop).orElseThrow().id()).get(RefusalReason.SOLD_OUT))
			.as("every refusal counted at the drop")
			.isEqualTo(3L));
	}

	@Test
	void answersWithoutTheControllerAndKeepsTheAnswerForTheKey() throws Exception {
		takeEveryUnit();
		reserve(body(1), UUID.randomUUID().toString());
		String key = UUID.randomUUID().toString();
		MockHttpServletRequest request = new MockHttpServletRequest("POST",
				"/api/v1/drops/" + this.drop + "/reservations");
		request.setContentType("application/json");
		request.addHeader("Idempotency-Key", key);
		request.setContent(body(1).getBytes(StandardCharsets.UTF_8));
		MockHttpServletResponse response = new MockHttpServletResponse();
		MockFilterChain controller = new MockFilterChain();
		SecurityContextHolder.setContext(new SecurityContextImpl(new ApiTokenAuthentication(
				new SignedInUser(this.accounts.findCredentials(TestAccounts.FAN).orElseThrow()), UUID.randomUUID())));
		try {
			new KnownSoldOutReservations(this.checkout, this.json).doFilter(request, response, controller);
		}
		finally {
			SecurityContextHolder.clearContext();
		}

		assertThat(controller.getRequest()).as("the controller was not asked").isNull();
		assertThat(response.getStatus()).isEqualTo(409);
		assertThat(response.getContentType()).startsWith("application/problem+json");
		assertThat(this.json.readTree(response.getContentAsString()).get("type").asString()).endsWith("/sold-out");
		assertThat(this.jdbc.queryForObject(
				"select refusal from checkout_idempotency where idempotency_key = ? and operation = 'RESERVE'",
				String.class, key))
			.as("the answer kept for the key")
			.isEqualTo("SOLD_OUT");
		// The units come back, but a retry with the key still gets the first answer.
		this.jdbc.update(
				"update drop_units set reservation_id = null where drop_item_id in "
						+ "(select i.id from drop_items i join drops d on d.id = i.drop_id where d.slug = ?)",
				this.drop);
		HttpResponse<String> retried = reserve(body(1), key);
		assertThat(retried.statusCode()).isEqualTo(409);
		assertThat(retried.body()).contains("sold-out");
	}

	@Test
	void leavesAKeyStandingForAHoldToTheController() throws Exception {
		String key = UUID.randomUUID().toString();
		HttpResponse<String> held = reserve(body(1), key);
		assertThat(held.statusCode()).isEqualTo(201);
		takeEveryUnit();
		reserve(body(1), UUID.randomUUID().toString());
		assertThat(this.checkout.knownSoldOut(this.drop)).isTrue();

		HttpResponse<String> retried = reserve(body(1), key);

		assertThat(retried.statusCode()).as("the first answer again: the hold").isEqualTo(201);
		assertThat(this.json.readTree(retried.body()).get("id")).isEqualTo(this.json.readTree(held.body()).get("id"));
	}

	@Test
	void leavesInvalidRequestsToTheControllerWithTheirBody() throws Exception {
		takeEveryUnit();
		reserve(body(1), UUID.randomUUID().toString());
		assertThat(this.checkout.knownSoldOut(this.drop)).isTrue();

		HttpResponse<String> zero = reserve(body(0), UUID.randomUUID().toString());
		HttpResponse<String> broken = reserve("{\"sku\":", UUID.randomUUID().toString());
		HttpResponse<String> longKey = reserve(body(1), "k".repeat(101));
		HttpResponse<String> otherSku = reserve("{\"sku\":\"no-such-sku\",\"quantity\":1}",
				UUID.randomUUID().toString());

		assertThat(zero.statusCode()).isEqualTo(400);
		assertThat(this.json.readTree(zero.body()).get("errors").get(0).get("field").asString()).isEqualTo("quantity");
		assertThat(broken.statusCode()).isEqualTo(400);
		assertThat(longKey.statusCode()).isEqualTo(400);
		assertThat(otherSku.statusCode()).isEqualTo(404);
	}

	@Test
	void leavesUnknownTokensToTheTokenCheck() throws Exception {
		takeEveryUnit();
		reserve(body(1), UUID.randomUUID().toString());

		HttpResponse<String> unknown = this.client.send(HttpRequest.newBuilder(uri())
			.header("Authorization", "Bearer drops_made-up")
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body(1)))
			.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(unknown.statusCode()).isEqualTo(401);
		assertThat(unknown.body()).contains("invalid-token");
	}

	private String body(int quantity) {
		return "{\"sku\":\"" + this.sku + "\",\"quantity\":" + quantity + "}";
	}

	private void takeEveryUnit() {
		this.jdbc.update("update drop_units set reservation_id = gen_random_uuid() where reservation_id is null "
				+ "and drop_item_id in (select i.id from drop_items i join drops d on d.id = i.drop_id where d.slug = ?)",
				this.drop);
	}

	private String skuOfDrop() throws Exception {
		String drop = this.client
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/api/v1/drops/" + this.drop))
				.build(), HttpResponse.BodyHandlers.ofString())
			.body();
		return this.json.readTree(drop).get("items").get(0).get("sku").asString();
	}

	private HttpResponse<String> reserve(String json, String key) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri())
			.header("Authorization", "Bearer " + this.token)
			.header("Content-Type", "application/json")
			.header("Accept", "application/json");
		if (key != null) {
			request.header("Idempotency-Key", key);
		}
		return this.client.send(request.POST(HttpRequest.BodyPublishers.ofString(json)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private URI uri() {
		return URI.create("http://localhost:" + this.port + "/api/v1/drops/" + this.drop + "/reservations");
	}

	private AccountId account(String email) {
		return this.accounts.findCredentials(email).orElseThrow().id();
	}

}
