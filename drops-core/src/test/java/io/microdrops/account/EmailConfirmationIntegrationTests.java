package io.microdrops.account;

import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest
@RecordApplicationEvents
class EmailConfirmationIntegrationTests {

	@Autowired
	AccountManagement accounts;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void confirmsTheAddressOnceWithASingleUseLink() {
		AccountId fan = signUp(false);
		String token = this.accounts.issueEmailConfirmation(fan).orElseThrow();

		assertThat(this.accounts.isEmailConfirmed(fan)).isFalse();
		assertThat(this.accounts.confirmEmail(token)).isEqualTo(EmailConfirmationOutcome.CONFIRMED);
		assertThat(this.accounts.isEmailConfirmed(fan)).isTrue();
		assertThat(this.accounts.confirmEmail(token)).isEqualTo(EmailConfirmationOutcome.ALREADY_USED);
	}

	@Test
	void storesOnlyTheHashOfTheToken() {
		AccountId fan = signUp(false);
		String token = this.accounts.issueEmailConfirmation(fan).orElseThrow();

		assertThat(this.jdbc.queryForList("select token_hash from email_confirmations where account_id = ?",
				String.class, fan.value()))
			.hasSize(1)
			.allSatisfy(hash -> assertThat(hash).hasSize(64).isNotEqualTo(token));
	}

	@Test
	void refusesAnExpiredOrUnknownLinkWithoutConfirming() {
		AccountId fan = signUp(false);
		String token = this.accounts.issueEmailConfirmation(fan).orElseThrow();
		this.jdbc.update("update email_confirmations set created_at = created_at - interval '49 hours', "
				+ "expires_at = expires_at - interval '49 hours' where account_id = ?", fan.value());

		assertThat(this.accounts.confirmEmail(token)).isEqualTo(EmailConfirmationOutcome.EXPIRED);
		assertThat(this.accounts.confirmEmail("made-up")).isEqualTo(EmailConfirmationOutcome.UNKNOWN);
		assertThat(this.accounts.confirmEmail(null)).isEqualTo(EmailConfirmationOutcome.UNKNOWN);
		assertThat(this.accounts.isEmailConfirmed(fan)).isFalse();
	}

	@Test
	void keepsMarketingConsentOnlyWhenTheFanTickedIt() {
		AccountId withConsent = signUp(true);
		AccountId without = signUp(false);

		assertThat(this.accounts.hasMarketingConsent(withConsent)).isTrue();
		assertThat(this.accounts.hasMarketingConsent(without)).isFalse();
		assertThat(this.accounts.withdrawMarketingConsent(withConsent)).isTrue();
		assertThat(this.accounts.hasMarketingConsent(withConsent)).isFalse();
	}

	@Test
	void publishesFanSignedUpWithTheContactToConfirm(ApplicationEvents events) {
		String email = unique();
		AccountId fan = this.accounts.signUpFan(new AccountManagement.SignUp(email, "Eve Event", PASSWORD));

		assertThat(events.stream(FanSignedUp.class)).containsExactly(new FanSignedUp(fan, email, "Eve Event"));
		assertThat(this.accounts.contactOf(fan)).contains(new Contact(email, "Eve Event"));
	}

	@Test
	void createsAccountsOfTheApplicationConfirmedAndAsksNoConfirmationForThem() {
		String email = unique();
		this.accounts.createIfAbsent(email, "Staff", PASSWORD, Set.of(Role.OPS));
		AccountId staff = this.accounts.findCredentials(email).orElseThrow().id();

		assertThat(this.accounts.isEmailConfirmed(staff)).isTrue();
		assertThat(this.accounts.issueEmailConfirmation(staff)).isEmpty();
		assertThat(this.accounts.requestEmailConfirmation(staff)).isFalse();
	}

	@Test
	void sendsOneNewLinkPerMinuteAtMost() {
		AccountId fan = signUp(false);
		assertThat(this.accounts.requestEmailConfirmation(fan)).isTrue();
		this.accounts.issueEmailConfirmation(fan);

		assertThat(this.accounts.requestEmailConfirmation(fan)).isFalse();
	}

	private static final String PASSWORD = "confirm my address please";

	private AccountId signUp(boolean consent) {
		return this.accounts.signUpFan(new AccountManagement.SignUp(unique(), "Fan", PASSWORD, consent));
	}

	private static String unique() {
		return "confirm-" + UUID.randomUUID() + "@example.com";
	}

}
