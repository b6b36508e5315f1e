package io.microdrops.notification;

import java.util.Map;

import io.microdrops.account.AccountId;
import io.microdrops.account.AccountManagement;
import io.microdrops.testsupport.TestBrowser;
import io.microdrops.testsupport.TestBrowser.Page;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

class UnsubscribeIntegrationTests extends MailIntegrationTest {

	@Autowired
	UnsubscribeTokens tokens;

	@Test
	void showsAConfirmPageThatChangesNothingUntilTheButtonIsPressed() {
		AccountId fan = fanWithConsent();
		TestBrowser browser = browser();

		Page page = browser.get(linkFor(fan));
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("Stop drop news?").contains("Unsubscribe");
		assertThat(this.accounts.hasMarketingConsent(fan)).isTrue();

		Page done = browser.post(linkFor(fan), Map.of());
		assertThat(done.status()).isEqualTo(200);
		assertThat(done.body()).contains("You are unsubscribed");
		assertThat(this.accounts.hasMarketingConsent(fan)).isFalse();
	}

	@Test
	void unsubscribesWithAOneClickPostThatCarriesNoCsrfToken() {
		AccountId fan = fanWithConsent();

		Page done = browser().postRaw(linkFor(fan), Map.of("List-Unsubscribe", "One-Click"));

		assertThat(done.status()).isEqualTo(200);
		assertThat(this.accounts.hasMarketingConsent(fan)).isFalse();
	}

	@Test
	void refusesAForgedToken() {
		AccountId fan = fanWithConsent();
		String genuine = this.tokens.tokenFor(fan);
		String forged = this.tokens.tokenFor(AccountId.random()).substring(0, 22) + genuine.substring(22);

		assertThat(browser().get("/unsubscribe?token=" + forged).status()).isEqualTo(400);
		Page refused = browser().postRaw("/unsubscribe?token=" + forged, Map.of("List-Unsubscribe", "One-Click"));
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.body()).contains("This unsubscribe link does not work");
		assertThat(browser().postRaw("/unsubscribe?token=garbage", Map.of()).status()).isEqualTo(400);
		assertThat(this.accounts.hasMarketingConsent(fan)).isTrue();
	}

	@Test
	void stillRefusesOtherPostsWithoutACsrfToken() {
		assertThat(browser()
			.postRaw("/signup",
					Map.of("email", unique("no-token"), "displayName", "No Token", "password",
							"a long enough password"))
			.status()).isEqualTo(403);
	}

	@Test
	void letsAFanTurnDropNewsOnAndOffOnTheirAccountPage() {
		String email = unique("toggle");
		AccountId fan = this.accounts
			.signUpFan(new AccountManagement.SignUp(email, "Toggle Fan", "news about drops please", false));
		TestBrowser browser = browser();
		browser.signIn(email, "news about drops please");

		assertThat(browser.get("/account").body()).contains("tell me about drops of my communities");
		Page on = browser.follow(browser.post("/account/marketing", Map.of("consent", "true")));
		assertThat(on.body()).contains("We will tell you by mail about drops of your communities")
			.contains("stop these mails");
		assertThat(this.accounts.hasMarketingConsent(fan)).isTrue();

		Page off = browser.follow(browser.post("/account/marketing", Map.of("consent", "false")));
		assertThat(off.body()).contains("You will get no more drop news by mail");
		assertThat(this.accounts.hasMarketingConsent(fan)).isFalse();
	}

	private AccountId fanWithConsent() {
		return this.accounts.signUpFan(
				new AccountManagement.SignUp(unique("unsubscribe"), "News Fan", "news about drops please", true));
	}

	private String linkFor(AccountId fan) {
		return "/unsubscribe?token=" + this.tokens.tokenFor(fan);
	}

}
