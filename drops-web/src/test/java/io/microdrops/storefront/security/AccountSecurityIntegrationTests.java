package io.microdrops.storefront.security;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.microdrops.account.AccountManagement;
import io.microdrops.account.Role;
import io.microdrops.testsupport.TestBrowser;
import io.microdrops.testsupport.TestBrowser.Page;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A person's own sign-in security over real HTTP with database-backed sessions: the
 * forgotten password, changing password and address, signing out everywhere.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class AccountSecurityIntegrationTests {

	static final String PASSWORD = "my own fan password";

	private static final Pattern RESET_LINK = Pattern.compile("/password-reset\\?token=([A-Za-z0-9_-]+)");

	private static final Pattern CHANGE_LINK = Pattern.compile("/email-change\\?token=([A-Za-z0-9_-]+)");

	@LocalServerPort
	int port;

	@Autowired
	AccountManagement accounts;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void forgotPasswordAnswersAlikeForEveryAddressAndItsLinkWorksOnceAndEndsEverySession() {
		String email = fan();
		TestBrowser phone = signedIn(email, PASSWORD);
		TestBrowser laptop = signedIn(email, PASSWORD);

		Page known = ask(email);
		Page unknown = ask(unique("nobody"));

		assertThat(known.status()).isEqualTo(unknown.status()).isEqualTo(302);
		assertThat(known.location()).isEqualTo(unknown.location());
		assertThat(known.location()).hasValueSatisfying(url -> assertThat(url).endsWith("/forgot-password/sent"));
		assertThat(withoutCsrfToken(browser().follow(known))).isEqualTo(withoutCsrfToken(browser().follow(unknown)))
			.contains("If this address has an account")
			.contains("30 minutes");
		String mail = awaitMail(email, "password-reset");
		assertThat(mail).contains("30 minutes");
		String link = link(RESET_LINK, mail);

		TestBrowser stranger = browser();
		Page form = stranger.get(link);
		assertThat(form.status()).isEqualTo(200);
		assertThat(form.body()).contains("Choose a new password");
		String token = link.substring(link.indexOf('=') + 1);
		Page weak = stranger.post("/password-reset", Map.of("token", token, "password", "short"));
		assertThat(weak.status()).isEqualTo(200);
		assertThat(weak.body()).contains("at least 10 characters").contains("id=\"password-error\"");
		assertThat(phone.get("/account").status()).as("nothing changed yet").isEqualTo(200);

		Page reset = stranger.post("/password-reset", Map.of("token", token, "password", "a fresh new password"));

		assertThat(reset.location()).hasValueSatisfying(url -> assertThat(url).endsWith("/login"));
		assertThat(stranger.follow(reset).body()).contains("every session of your account has ended");
		assertThat(phone.get("/account").status()).as("signed out by the reset").isEqualTo(302);
		assertThat(laptop.get("/account").status()).as("signed out by the reset").isEqualTo(302);
		assertThat(browser().signIn(email, PASSWORD).location())
			.hasValueSatisfying(url -> assertThat(url).endsWith("/login?error"));
		assertThat(browser().signIn(email, "a fresh new password").location())
			.hasValueSatisfying(url -> assertThat(url).endsWith("/"));
		Page again = browser().get(link);
		assertThat(again.status()).isEqualTo(410);
		assertThat(again.body()).contains("This link has been used");
		assertThat(browser().get("/password-reset?token=made-up").status()).isEqualTo(404);
		assertThat(this.jdbc.queryForObject(
				"select count(*) from mail_outbox where template = 'password-reset' " + "and recipient like 'nobody-%'",
				Long.class))
			.isZero();
	}

	@Test
	void theLoginPageLeadsToTheForgottenPasswordForm() {
		TestBrowser visitor = browser();
		assertThat(visitor.get("/login").body()).contains("href=\"/forgot-password\"");
		Page invalid = visitor.get("/forgot-password");
		assertThat(invalid.status()).isEqualTo(200);
		Page refused = visitor.post("/forgot-password", Map.of("email", "not an address"));
		assertThat(refused.status()).isEqualTo(200);
		assertThat(refused.body()).contains("does not look like an e-mail address");
	}

	@Test
	void signingOutEverywhereEndsEverySessionOfTheAccountAndNoOther() {
		String email = fan();
		String other = fan();
		TestBrowser here = signedIn(email, PASSWORD);
		TestBrowser there = signedIn(email, PASSWORD);
		TestBrowser someoneElse = signedIn(other, PASSWORD);
		here.get("/account");

		Page signedOut = here.post("/account/sign-out-everywhere", Map.of());

		assertThat(signedOut.location()).hasValueSatisfying(url -> assertThat(url).endsWith("/login"));
		assertThat(here.follow(signedOut).body()).contains("signed out everywhere");
		assertThat(here.get("/account").status()).isEqualTo(302);
		assertThat(there.get("/account").status()).isEqualTo(302);
		assertThat(someoneElse.get("/account").status()).isEqualTo(200);
		assertThat(this.jdbc.queryForObject("select count(*) from spring_session where principal_name = ?", Long.class,
				email))
			.isZero();
	}

	@Test
	void changingThePasswordNeedsTheCurrentOneAndEndsTheOtherSessions() {
		String email = fan();
		TestBrowser here = signedIn(email, PASSWORD);
		TestBrowser there = signedIn(email, PASSWORD);
		here.get("/account/password");

		Page wrong = here.post("/account/password",
				Map.of("currentPassword", "not my password", "newPassword", "my next fan password"));

		assertThat(wrong.status()).isEqualTo(200);
		assertThat(wrong.body()).contains("That is not your current password").contains("id=\"currentPassword-error\"");
		assertThat(there.get("/account").status()).isEqualTo(200);

		Page changed = here.post("/account/password",
				Map.of("currentPassword", PASSWORD, "newPassword", "my next fan password"));

		assertThat(changed.location()).hasValueSatisfying(url -> assertThat(url).endsWith("/account"));
		assertThat(here.follow(changed).body()).contains("Password changed");
		assertThat(there.get("/account").status()).isEqualTo(302);
		assertThat(browser().signIn(email, "my next fan password").location())
			.hasValueSatisfying(url -> assertThat(url).endsWith("/"));
	}

	@Test
	void aNewAddressCountsOnceConfirmedThereAndTheOldAddressIsTold() {
		String email = fan();
		String newEmail = unique("moved");
		TestBrowser here = signedIn(email, PASSWORD);
		TestBrowser there = signedIn(email, PASSWORD);
		here.get("/account/email");
		assertThat(
				here.post("/account/email", Map.of("newEmail", newEmail, "currentPassword", "wrong password")).body())
			.contains("That is not your current password");

		Page asked = here.post("/account/email", Map.of("newEmail", newEmail, "currentPassword", PASSWORD));

		assertThat(asked.location()).hasValueSatisfying(url -> assertThat(url).endsWith("/account"));
		assertThat(here.follow(asked).body()).contains("We sent a link to the new address").contains(email);
		String link = link(CHANGE_LINK, awaitMail(newEmail, "email-change-confirm"));
		TestBrowser inbox = browser();
		Page confirm = inbox.get(link);
		assertThat(confirm.status()).isEqualTo(200);
		assertThat(confirm.body()).contains("Confirm your new address").contains(newEmail);
		assertThat(there.get("/account").status()).as("nothing changes before the button").isEqualTo(200);

		Page done = inbox.post("/email-change", Map.of("token", link.substring(link.indexOf('=') + 1)));

		assertThat(done.status()).isEqualTo(200);
		assertThat(done.body()).contains("Your address is changed");
		assertThat(here.get("/account").status()).isEqualTo(302);
		assertThat(there.get("/account").status()).isEqualTo(302);
		assertThat(browser().signIn(email, PASSWORD).location())
			.hasValueSatisfying(url -> assertThat(url).endsWith("/login?error"));
		TestBrowser moved = browser();
		moved.signIn(newEmail, PASSWORD);
		assertThat(moved.get("/account").body()).contains(newEmail).contains("address confirmed");
		assertThat(awaitMail(email, "email-changed")).contains(newEmail);
		assertThat(inbox.get(link).status()).isEqualTo(410);
	}

	@Test
	void askingToMoveToAnAddressWithAnAccountAnswersAlikeAndTellsThatAddress() {
		String email = fan();
		String taken = fan();
		TestBrowser here = signedIn(email, PASSWORD);
		here.get("/account/email");

		Page asked = here.post("/account/email", Map.of("newEmail", taken, "currentPassword", PASSWORD));

		assertThat(asked.location()).hasValueSatisfying(url -> assertThat(url).endsWith("/account"));
		assertThat(here.follow(asked).body()).contains("We sent a link to the new address");
		assertThat(awaitMail(taken, "email-change-taken")).contains("nothing changed");
		assertThat(this.jdbc.queryForObject(
				"select count(*) from mail_outbox where recipient = ? and template = 'email-change-confirm'",
				Long.class, taken))
			.isZero();
	}

	// Each browser has a CSRF token of its own; the rest of the page is the same.
	private static String withoutCsrfToken(Page page) {
		return page.body().replaceAll("<meta name=\"_csrf\" content=\"[^\"]*\"", "");
	}

	private Page ask(String email) {
		TestBrowser visitor = browser();
		visitor.get("/forgot-password");
		return visitor.post("/forgot-password", Map.of("email", email));
	}

	private String awaitMail(String recipient, String template) {
		List<String> mails = await().atMost(Duration.ofSeconds(15))
			.until(() -> this.jdbc.queryForList(
					"select text_body from mail_outbox where recipient = ? and template = ? order by created_at desc",
					String.class, recipient, template), found -> !found.isEmpty());
		return mails.get(0);
	}

	private static String link(Pattern pattern, String text) {
		Matcher link = pattern.matcher(text);
		assertThat(link.find()).as("a link in:\n" + text).isTrue();
		return link.group();
	}

	private TestBrowser signedIn(String email, String password) {
		TestBrowser browser = browser();
		browser.signIn(email, password);
		return browser;
	}

	private String fan() {
		String email = unique("fan");
		this.accounts.createIfAbsent(email, "Fan", PASSWORD, Set.of(Role.FAN));
		return email;
	}

	private TestBrowser browser() {
		return new TestBrowser("http://localhost:" + this.port);
	}

	static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID() + "@example.com";
	}

}
