package io.microdrops.notification;

import java.util.Map;

import io.microdrops.testsupport.TestBrowser;
import io.microdrops.testsupport.TestBrowser.Page;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Double opt-in over real HTTP: sign up, find the mail in the outbox, follow its link.
 */
class EmailConfirmationWebIntegrationTests extends MailIntegrationTest {

	@Test
	void confirmsTheAddressOfANewFanThroughTheLinkInTheirMailAndRefusesTheLinkTheSecondTime() {
		TestBrowser fan = browser();
		String email = unique("double-opt-in");
		fan.get("/signup");
		Page signedUp = fan.post("/signup", Map.of("email", email, "displayName", "Opt In", "password",
				"confirm me twice never", "marketingConsent", "true"));
		assertThat(signedUp.location()).hasValueSatisfying(url -> assertThat(url).endsWith("/signup/check-inbox"));
		fan.signIn(email, "confirm me twice never");
		assertThat(fan.get("/account").body()).contains("not confirmed yet").contains("send the link again");

		StoredMail mail = awaitConfirmationMailTo(email);
		assertThat(mail.subject()).isEqualTo("Confirm your e-mail address for Drops");
		assertThat(mail.marketing()).isFalse();
		assertThat(mail.textBody()).contains("Hello Opt In,").contains("48 hours");
		String link = confirmationPath(mail);
		assertThat(mail.htmlBody()).contains(link);

		Page confirmed = fan.get(link);
		assertThat(confirmed.status()).isEqualTo(200);
		assertThat(confirmed.body()).contains("Address confirmed");
		assertThat(fan.get("/account").body()).contains("address confirmed").doesNotContain("send the link again");

		Page again = fan.get(link);
		assertThat(again.status()).isEqualTo(410);
		assertThat(again.body()).contains("This link has been used");
	}

	@Test
	void answersAnUnknownLinkWithAClearPage() {
		TestBrowser fan = browser();
		fan.signIn(io.microdrops.web.TestAccounts.FAN, io.microdrops.web.TestAccounts.PASSWORD);

		Page unknown = fan.get("/account/confirm?token=not-a-real-token");

		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.body()).contains("This link does not work");
	}

	@Test
	void sendsANewLinkWhenTheFanAsksForOneOnTheirAccountPage() {
		TestBrowser fan = browser();
		String email = unique("resend");
		fan.get("/signup");
		fan.post("/signup", Map.of("email", email, "displayName", "Resend", "password", "send it to me again"));
		fan.signIn(email, "send it to me again");
		StoredMail first = awaitConfirmationMailTo(email);
		// The first link is older than the pause between two links.
		this.jdbc.update("update email_confirmations set created_at = created_at - interval '2 minutes' "
				+ "where account_id = (select id from accounts where email = ?)", email);

		fan.get("/account");
		Page asked = fan.post("/account/confirmation", Map.of());

		assertThat(fan.follow(asked).body()).contains("A new confirmation link is on its way");
		StoredMail second = awaitNewerConfirmationMail(email, first);
		assertThat(confirmationPath(second)).isNotEqualTo(confirmationPath(first));
		assertThat(fan.get(confirmationPath(first)).status()).as("the first link still works").isEqualTo(200);
	}

	private StoredMail awaitNewerConfirmationMail(String email, StoredMail first) {
		return org.awaitility.Awaitility.await()
			.atMost(java.time.Duration.ofSeconds(15))
			.until(() -> newestMailTo(email, AccountMails.CONFIRM_EMAIL), mail -> !mail.id().equals(first.id()));
	}

}
