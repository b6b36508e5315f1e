package io.microdrops.web;

import java.util.Map;
import java.util.UUID;

import io.microdrops.account.AccountManagement;
import io.microdrops.testsupport.TestBrowser;
import io.microdrops.testsupport.TestBrowser.Page;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signing in and up over real HTTP, with the database-backed session and the CSRF token
 * taken from the page, as a browser does.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SignInIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	AccountManagement accounts;

	@Autowired
	JdbcTemplate jdbc;

	TestBrowser browser;

	@BeforeEach
	void openBrowser() {
		TestAccounts.ensure(this.accounts);
		this.browser = new TestBrowser("http://localhost:" + this.port);
	}

	@Test
	void signsInOnANewSessionIdStoredInTheDatabaseAndLandsInTheMerchandisersArea() {
		assertThat(this.browser.get("/admin").location()).hasValueSatisfying(url -> assertThat(url).endsWith("/login"));
		String sessionBefore = this.browser.cookie("DROPS_SESSION").orElseThrow();

		Page signedIn = this.browser.signIn(TestAccounts.MERCHANDISER, TestAccounts.PASSWORD);

		assertThat(signedIn.status()).isEqualTo(302);
		assertThat(signedIn.location()).hasValueSatisfying(url -> assertThat(url).contains("/admin"));
		String sessionAfter = this.browser.cookie("DROPS_SESSION").orElseThrow();
		assertThat(sessionAfter).isNotEqualTo(sessionBefore);
		assertThat(this.jdbc.queryForObject("select count(*) from spring_session where principal_name = ?", Long.class,
				TestAccounts.MERCHANDISER))
			.isPositive();
		Page admin = this.browser.follow(signedIn);
		assertThat(admin.status()).isEqualTo(200);
		assertThat(admin.body()).contains("Signed in as Test Merchandiser");
	}

	@Test
	void sendsEachRoleToItsOwnAreaAfterSigningIn() {
		assertThat(new TestBrowser(base()).signIn(TestAccounts.OPS, TestAccounts.PASSWORD).location())
			.hasValueSatisfying(url -> assertThat(url).endsWith("/ops"));
		assertThat(new TestBrowser(base()).signIn(TestAccounts.ADMIN, TestAccounts.PASSWORD).location())
			.hasValueSatisfying(url -> assertThat(url).endsWith("/admin"));
		assertThat(new TestBrowser(base()).signIn(TestAccounts.FAN, TestAccounts.PASSWORD).location())
			.hasValueSatisfying(url -> assertThat(url).endsWith("/"));
	}

	@Test
	void refusesAWrongPasswordWithAMessageAndNoSignedInSession() {
		Page refused = this.browser.signIn(TestAccounts.FAN, "not the password at all");

		assertThat(refused.location()).hasValueSatisfying(url -> assertThat(url).endsWith("/login?error"));
		Page login = this.browser.follow(refused);
		assertThat(login.body()).contains("do not match an account");
		assertThat(this.browser.get("/account").status()).isEqualTo(302);
	}

	@Test
	void showsAFriendlyForbiddenPageToAFanInTheAdminArea() {
		this.browser.signIn(TestAccounts.FAN, TestAccounts.PASSWORD);

		Page admin = this.browser.get("/admin");

		assertThat(admin.status()).isEqualTo(403);
		assertThat(admin.body()).contains("Not for this account").doesNotContain("Exception");
	}

	@Test
	void createsNoSessionForAnonymousStorefrontVisitors() {
		Page home = this.browser.get("/");

		assertThat(home.status()).isEqualTo(200);
		assertThat(this.browser.cookie("DROPS_SESSION")).isEmpty();
		assertThat(home.body()).containsPattern("<meta name=\"_csrf\" content=\"[^\"]+\"")
			.contains("<meta name=\"_csrf_header\" content=\"X-CSRF-TOKEN\"");
	}

	@Test
	void signsUpAFanWhoIsToldToCheckTheirInboxAndCanThenSignIn() {
		String email = "browser-" + UUID.randomUUID() + "@example.com";
		this.browser.get("/signup");

		Page created = this.browser.post("/signup",
				Map.of("email", email, "displayName", "Browser Fan", "password", "vinyl on sunday mornings"));

		assertThat(created.location()).hasValueSatisfying(url -> assertThat(url).endsWith("/signup/check-inbox"));
		assertThat(this.browser.follow(created).body()).contains("Check your inbox");
		assertThat(this.browser.get("/account").status()).as("not signed in by the sign-up").isEqualTo(302);
		Page signedIn = this.browser.signIn(email, "vinyl on sunday mornings");
		assertThat(signedIn.location()).as("back to the page that asked for sign-in")
			.hasValueSatisfying(url -> assertThat(url).contains("/account"));
		Page account = this.browser.get("/account");
		assertThat(account.status()).isEqualTo(200);
		assertThat(account.body()).contains("Hello, Browser Fan").contains(email);
	}

	@Test
	void signsOutAndForgetsTheSession() {
		this.browser.signIn(TestAccounts.FAN, TestAccounts.PASSWORD);
		this.browser.get("/account");

		Page signedOut = this.browser.post("/logout", Map.of());

		assertThat(signedOut.location()).hasValueSatisfying(url -> assertThat(url).contains("/?signedOut"));
		assertThat(this.browser.get("/account").status()).isEqualTo(302);
	}

	private String base() {
		return "http://localhost:" + this.port;
	}

}
