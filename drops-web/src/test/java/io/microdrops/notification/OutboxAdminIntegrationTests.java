package io.microdrops.notification;

import java.util.Map;
import java.util.UUID;

import io.microdrops.testsupport.TestBrowser;
import io.microdrops.testsupport.TestBrowser.Page;
import io.microdrops.web.TestAccounts;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OutboxAdminIntegrationTests extends MailIntegrationTest {

	@Test
	void letsOnlyAdminsReadTheOutbox() {
		UUID id = queue(unique("access"));

		assertThat(browser().get("/admin/outbox").location())
			.hasValueSatisfying(url -> assertThat(url).endsWith("/login"));
		TestBrowser merchandiser = browser();
		merchandiser.signIn(TestAccounts.MERCHANDISER, TestAccounts.PASSWORD);
		assertThat(merchandiser.get("/admin/outbox").status()).isEqualTo(403);
		assertThat(merchandiser.get("/admin/outbox/" + id).status()).isEqualTo(403);
		assertThat(merchandiser.get("/admin/outbox/" + id + "/html").status()).isEqualTo(403);
		assertThat(merchandiser.get("/admin").status()).as("the rest of the admin area").isEqualTo(200);
		TestBrowser fan = browser();
		fan.signIn(TestAccounts.FAN, TestAccounts.PASSWORD);
		assertThat(fan.get("/admin/outbox").status()).isEqualTo(403);
	}

	@Test
	void listsMailWithItsStateAndShowsItsTextAndSandboxedHtml() {
		String to = unique("reader");
		UUID id = queue(to);
		TestBrowser admin = browser();
		admin.signIn(TestAccounts.ADMIN, TestAccounts.PASSWORD);

		Page list = admin.get("/admin/outbox");
		assertThat(list.status()).isEqualTo(200);
		assertThat(list.body()).contains(to).contains("Confirm your e-mail address for Drops").contains("Waiting");

		Page show = admin.get("/admin/outbox/" + id);
		assertThat(show.status()).isEqualTo(200);
		assertThat(show.body()).contains("Hello &lt;b&gt;Reader&lt;/b&gt;,")
			.contains("Thanks for signing up")
			.contains("/admin/outbox/" + id + "/html")
			.doesNotContain("<b>Reader</b>");
		assertThat(show.headers().firstValue("Content-Security-Policy"))
			.hasValueSatisfying(policy -> assertThat(policy).contains("default-src 'self'").doesNotContain("sandbox"));

		Page html = admin.get("/admin/outbox/" + id + "/html");
		assertThat(html.status()).isEqualTo(200);
		assertThat(html.headers().firstValue("Content-Type"))
			.hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
		assertThat(html.headers().allValues("Content-Security-Policy"))
			.containsExactly(OutboxAdminController.MAIL_HTML_POLICY);
		assertThat(html.body()).contains("Confirm my address");

		assertThat(admin.get("/admin/outbox/" + UUID.randomUUID()).status()).isEqualTo(404);
		assertThat(admin.get("/admin/outbox?status=SENT").status()).isEqualTo(200);
	}

	private UUID queue(String to) {
		return this.outbox
			.enqueue(OutgoingMail.transactional(null, to, AccountMails.CONFIRM_EMAIL, Map.of("displayName",
					"<b>Reader</b>", "confirmUrl", "http://localhost/account/confirm?token=x", "hours", 48)))
			.orElseThrow();
	}

}
