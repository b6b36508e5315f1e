package io.microdrops.storefront;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.microdrops.account.AccountManagement;
import io.microdrops.account.ApiTokenManagement;
import io.microdrops.testsupport.TestBrowser;
import io.microdrops.testsupport.TestBrowser.Page;
import io.microdrops.web.TestAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The personal API token page, used as a person does: create a token, copy it from the
 * page that shows it once, revoke it.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ApiTokensPageIntegrationTests {

	private static final Pattern TOKEN = Pattern.compile("value=\"(drops_[A-Za-z0-9_-]{43})\"");

	@LocalServerPort
	int port;

	@Autowired
	AccountManagement accounts;

	@Autowired
	ApiTokenManagement tokens;

	TestBrowser browser;

	@BeforeEach
	void signIn() {
		TestAccounts.ensure(this.accounts);
		this.browser = new TestBrowser("http://localhost:" + this.port);
		this.browser.signIn(TestAccounts.OTHER_FAN, TestAccounts.PASSWORD);
	}

	@Test
	void showsANewTokenOnceAndRevokesIt() {
		assertThat(this.browser.get("/account").body()).contains("href=\"/account/tokens\"");
		assertThat(this.browser.get("/account/tokens").status()).isEqualTo(200);

		Page created = this.browser.post("/account/tokens", Map.of("name", "Record shop till"));

		assertThat(created.status()).isEqualTo(200);
		assertThat(created.headers().firstValue("Cache-Control")).hasValue("no-store");
		Matcher shown = TOKEN.matcher(created.body());
		assertThat(shown.find()).isTrue();
		String token = shown.group(1);
		assertThat(created.body()).contains("cannot show it to you again");
		assertThat(this.tokens.authenticate(token)).isPresent();

		Page later = this.browser.get("/account/tokens");
		assertThat(later.body()).contains("Record shop till").contains(token.substring(0, 10)).doesNotContain(token);

		String id = this.tokens.authenticate(token).orElseThrow().tokenId().toString();
		Page revoked = this.browser.post("/account/tokens/" + id + "/revoke", Map.of());
		assertThat(revoked.location()).hasValueSatisfying(url -> assertThat(url).endsWith("/account/tokens"));
		assertThat(this.browser.follow(revoked).body()).contains("Token revoked").doesNotContain("Record shop till");
		assertThat(this.tokens.authenticate(token)).isEmpty();
	}

	@Test
	void explainsAMissingNameNextToTheField() {
		this.browser.get("/account/tokens");

		Page refused = this.browser.post("/account/tokens", Map.of("name", "   "));

		assertThat(refused.status()).isEqualTo(200);
		assertThat(refused.body()).contains("id=\"name-error\"").contains("Give the token a name.");
		assertThat(TOKEN.matcher(refused.body()).find()).isFalse();
	}

}
