package io.microdrops.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import io.microdrops.account.AccountId;
import io.microdrops.account.AccountManagement;
import io.microdrops.account.ApiTokenManagement;
import io.microdrops.catalog.CatalogManagement;
import io.microdrops.community.CommunityManagement;
import io.microdrops.drop.AccessMode;
import io.microdrops.drop.DropManagement;
import io.microdrops.drop.Timeline;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Personal API tokens over real HTTP, as a script uses them: no cookies, no CSRF token,
 * just {@code Authorization: Bearer}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ApiTokenIntegrationTests {

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
	JdbcTemplate jdbc;

	final HttpClient client = HttpClient.newHttpClient();

	@BeforeEach
	void accounts() {
		TestAccounts.ensure(this.accounts);
	}

	@Test
	void reservesWithABearerTokenWithoutCsrfTokenOrSession() throws Exception {
		String token = this.tokens.issue(account(TestAccounts.FAN), "storm script").token();
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		String drop = TestDrops.drop(this.communities, this.catalog, this.drops, "Token drop", AccessMode.FIRST_COME,
				new Timeline(now.minusSeconds(7200), null, now.minusSeconds(60), now.plusSeconds(86_400)), true);
		String sku = call("GET", "/api/v1/drops/" + drop, null, null).body()
			.replaceAll("(?s).*\"sku\":\"([^\"]+)\".*", "$1");
		long sessions = sessions();

		HttpResponse<String> reserved = call("POST", "/api/v1/drops/" + drop + "/reservations", token,
				"{\"sku\":\"" + sku + "\",\"quantity\":1}");

		assertThat(reserved.statusCode()).isEqualTo(201);
		assertThat(reserved.body()).contains("\"editions\":[1]");
		assertThat(reserved.headers().allValues("Set-Cookie")).noneMatch(cookie -> cookie.startsWith("DROPS_SESSION"));
		assertThat(reserved.headers().firstValue("X-Content-Type-Options"))
			.as("the security headers, as on every answer")
			.contains("nosniff");
		assertThat(reserved.headers().firstValue("Content-Security-Policy")).isPresent();
		assertThat(call("GET", "/api/v1/me/orders", token, null).statusCode()).isEqualTo(200);
		assertThat(sessions()).isEqualTo(sessions);
	}

	@Test
	void refusesARevokedOrUnknownTokenWith401() throws Exception {
		AccountId fan = account(TestAccounts.FAN);
		var issued = this.tokens.issue(fan, "to revoke");
		assertThat(call("GET", "/api/v1/me/orders", issued.token(), null).statusCode()).isEqualTo(200);

		this.tokens.revoke(fan, issued.id());

		HttpResponse<String> revoked = call("GET", "/api/v1/me/orders", issued.token(), null);
		assertThat(revoked.statusCode()).isEqualTo(401);
		assertThat(revoked.headers().firstValue("Content-Type"))
			.hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
		assertThat(revoked.body()).contains("invalid-token");
		assertThat(call("GET", "/api/v1/me/orders", "drops_made-up", null).statusCode()).isEqualTo(401);
		// Public reads answer everyone alike, as a CDN in front would: credentials are
		// not
		// read there.
		assertThat(call("GET", "/api/v1/drops", "drops_made-up", null).statusCode()).isEqualTo(200);
		assertThat(call("GET", "/api/v1/drops/no-such-drop", issued.token(), null).statusCode()).isEqualTo(404);
		assertThat(call("POST", "/api/v1/drops/no-such-drop/reservations", issued.token(),
				"{\"sku\":\"x\",\"quantity\":1}")
			.statusCode()).isEqualTo(401);
	}

	@Test
	void actsWithTheRolesOfItsOwner() throws Exception {
		String merchandiser = this.tokens.issue(account(TestAccounts.MERCHANDISER), "planning").token();
		String fan = this.tokens.issue(account(TestAccounts.FAN), "fan script").token();
		String slug = "tokens-" + UUID.randomUUID().toString().substring(0, 8);
		String community = "{\"slug\":\"" + slug + "\",\"name\":\"Token Club\",\"description\":\"Made by a script\"}";

		assertThat(call("POST", "/api/v1/admin/communities", fan, community).statusCode()).isEqualTo(403);
		assertThat(call("POST", "/api/v1/admin/communities", merchandiser, community).statusCode()).isEqualTo(201);
	}

	@Test
	void notesWhenATokenWasLastUsed() throws Exception {
		AccountId fan = account(TestAccounts.FAN);
		var issued = this.tokens.issue(fan, "last used");

		call("GET", "/api/v1/me/orders", issued.token(), null);

		assertThat(this.tokens.tokensOf(fan)).filteredOn(token -> token.id().equals(issued.id()))
			.singleElement()
			.satisfies(token -> assertThat(token.lastUsedAt()).isNotNull());
	}

	@Test
	void createsNoTokenWithAToken() throws Exception {
		String token = this.tokens.issue(account(TestAccounts.FAN), "breeder").token();

		HttpResponse<String> answer = call("POST", "/api/v1/me/tokens", token, "{\"name\":\"another\"}");

		assertThat(answer.statusCode()).isEqualTo(403);
		assertThat(answer.body()).contains("session-required");
	}

	@Test
	void ignoresBearerTokensOutsideTheApi() throws Exception {
		AccountId fan = account(TestAccounts.FAN);
		String token = this.tokens.issue(fan, "not for pages").token();
		int before = this.tokens.tokensOf(fan).size();

		HttpResponse<String> page = this.client.send(HttpRequest.newBuilder(uri("/account/tokens"))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("name=sneaky"))
			.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(page.statusCode()).isEqualTo(403);
		assertThat(this.tokens.tokensOf(fan)).hasSize(before);
		assertThat(this.client
			.send(HttpRequest.newBuilder(uri("/account")).header("Authorization", "Bearer " + token).build(),
					HttpResponse.BodyHandlers.ofString())
			.statusCode()).isEqualTo(302);
	}

	private HttpResponse<String> call(String method, String path, String token, String json) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Accept", "application/json");
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		if (json != null) {
			request.header("Content-Type", "application/json").header("Idempotency-Key", UUID.randomUUID().toString());
		}
		request.method(method,
				(json != null) ? HttpRequest.BodyPublishers.ofString(json) : HttpRequest.BodyPublishers.noBody());
		return this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

	private long sessions() {
		return this.jdbc.queryForObject("select count(*) from spring_session", Long.class);
	}

	private AccountId account(String email) {
		return this.accounts.findCredentials(email).orElseThrow().id();
	}

}
