package io.microdrops.account;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;

import io.microdrops.account.CredentialManagement.EmailChangeRequest;
import io.microdrops.account.CredentialManagement.IssuedLink;
import io.microdrops.testsupport.MovableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Reset links, password and address changes against the real database, with a clock the
 * tests move.
 */
@SpringBootTest
@Import(AccountClock.class)
@RecordApplicationEvents
class CredentialManagementIntegrationTests {

	static final String PASSWORD = "the first good password";

	@Autowired
	CredentialManagement credentials;

	@Autowired
	AccountManagement accounts;

	@Autowired
	PasswordEncoder passwordEncoder;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	MovableClock clock;

	@Autowired
	ApplicationEvents events;

	@BeforeEach
	void resetClock() {
		this.clock.set(AccountClock.START);
	}

	@Test
	void askingForAResetDoesTheSameForAnAddressWithAndWithoutAnAccount() {
		String known = fan();
		String unknown = unique("nobody");
		long resetsBefore = resets();

		this.credentials.requestPasswordReset(known.toUpperCase());
		this.credentials.requestPasswordReset(unknown);

		assertThat(this.events.stream(PasswordResetRequested.class)).containsExactly(new PasswordResetRequested(known),
				new PasswordResetRequested(unknown));
		assertThat(resets()).as("nothing is looked up or written while the asker waits").isEqualTo(resetsBefore);
		assertThat(this.credentials.issuePasswordReset(unknown)).isEmpty();
		assertThat(this.credentials.issuePasswordReset(known)).isPresent();
	}

	@Test
	void aResetTokenIsLongRandomAndStoredOnlyAsItsHash() {
		String email = fan();

		IssuedLink link = this.credentials.issuePasswordReset(email).orElseThrow();

		assertThat(link.token()).hasSizeGreaterThanOrEqualTo(43).matches("[A-Za-z0-9_-]+");
		assertThat(link.email()).isEqualTo(email);
		String stored = this.jdbc.queryForObject("select token_hash from password_resets where account_id = ?",
				String.class, link.accountId().value());
		assertThat(stored).isEqualTo(AccountManagement.sha256(link.token())).isNotEqualTo(link.token());
		assertThat(this.jdbc.queryForObject("select count(*) from password_resets where token_hash = ?", Long.class,
				link.token()))
			.isZero();
		this.clock.advance(Duration.ofMinutes(2));
		assertThat(this.credentials.issuePasswordReset(email).orElseThrow().token()).isNotEqualTo(link.token());
		assertThat(this.credentials.passwordResetStatus(link.token().substring(0, 42) + "x"))
			.isEqualTo(LinkStatus.UNKNOWN);
	}

	@Test
	void aResetLinkSetsANewPasswordOnceAndVoidsTheOtherLinks() {
		String email = fan();
		String older = this.credentials.issuePasswordReset(email).orElseThrow().token();
		this.clock.advance(Duration.ofMinutes(2));
		String token = this.credentials.issuePasswordReset(email).orElseThrow().token();

		assertThat(this.credentials.resetPassword(token, "a brand new password")).isEqualTo(email);

		assertThat(passwordMatches(email, "a brand new password")).isTrue();
		assertThat(passwordMatches(email, PASSWORD)).isFalse();
		assertThat(this.credentials.passwordResetStatus(token)).isEqualTo(LinkStatus.USED);
		assertThatExceptionOfType(LinkNotOpenException.class)
			.isThrownBy(() -> this.credentials.resetPassword(token, "a third password now"))
			.satisfies(ex -> assertThat(ex.status()).isEqualTo(LinkStatus.USED));
		assertThatExceptionOfType(LinkNotOpenException.class)
			.isThrownBy(() -> this.credentials.resetPassword(older, "a third password now"));
		assertThat(passwordMatches(email, "a brand new password")).isTrue();
	}

	@Test
	void aResetLinkExpiresAfterThirtyMinutes() {
		String email = fan();
		String token = this.credentials.issuePasswordReset(email).orElseThrow().token();

		this.clock.advance(Duration.ofMinutes(29).plusSeconds(59));
		assertThat(this.credentials.passwordResetStatus(token)).isEqualTo(LinkStatus.OPEN);
		this.clock.advance(Duration.ofSeconds(1));

		assertThat(this.credentials.passwordResetStatus(token)).isEqualTo(LinkStatus.EXPIRED);
		assertThatExceptionOfType(LinkNotOpenException.class)
			.isThrownBy(() -> this.credentials.resetPassword(token, "too late for this one"))
			.satisfies(ex -> assertThat(ex.status()).isEqualTo(LinkStatus.EXPIRED));
		assertThat(passwordMatches(email, PASSWORD)).isTrue();
	}

	@Test
	void aResetRefusesAWeakPasswordAndKeepsTheLink() {
		String email = fan();
		String token = this.credentials.issuePasswordReset(email).orElseThrow().token();

		assertThatExceptionOfType(WeakPasswordException.class)
			.isThrownBy(() -> this.credentials.resetPassword(token, "password123"));

		assertThat(this.credentials.passwordResetStatus(token)).isEqualTo(LinkStatus.OPEN);
		assertThat(passwordMatches(email, PASSWORD)).isTrue();
	}

	@Test
	void noResetLinkForADeactivatedAccountNorTwoWithinAMinute() {
		String email = fan();
		assertThat(this.credentials.issuePasswordReset(email)).isPresent();
		this.clock.advance(Duration.ofSeconds(59));
		assertThat(this.credentials.issuePasswordReset(email)).as("a minute between two mails").isEmpty();
		this.clock.advance(Duration.ofSeconds(2));
		assertThat(this.credentials.issuePasswordReset(email)).isPresent();

		this.jdbc.update("update accounts set enabled = false where email = ?", email);
		this.clock.advance(Duration.ofMinutes(5));
		assertThat(this.credentials.issuePasswordReset(email)).isEmpty();
	}

	@Test
	void changingThePasswordNeedsTheCurrentOne() {
		String email = fan();
		AccountId id = id(email);

		assertThatExceptionOfType(WrongPasswordException.class)
			.isThrownBy(() -> this.credentials.changePassword(id, "not my password at all", "the next good one"));
		assertThat(passwordMatches(email, PASSWORD)).isTrue();
		assertThatExceptionOfType(WeakPasswordException.class)
			.isThrownBy(() -> this.credentials.changePassword(id, PASSWORD, "short"));

		this.credentials.changePassword(id, PASSWORD, "the next good one");

		assertThat(passwordMatches(email, "the next good one")).isTrue();
	}

	@Test
	void aNewAddressCountsOnlyOnceItsLinkWasFollowed() {
		String email = fan();
		String newEmail = unique("moved");
		AccountId id = id(email);
		assertThatExceptionOfType(WrongPasswordException.class)
			.isThrownBy(() -> this.credentials.requestEmailChange(id, "wrong password here", newEmail));

		EmailChangeRequest request = this.credentials.requestEmailChange(id, PASSWORD, newEmail.toUpperCase());

		assertThat(request.addressTaken()).isFalse();
		assertThat(request.newEmail()).isEqualTo(newEmail);
		assertThat(this.accounts.findCredentials(email)).as("nothing changed yet").isPresent();
		assertThat(this.credentials.findEmailChange(request.token()).newEmail()).isEqualTo(newEmail);

		var changed = this.credentials.confirmEmailChange(request.token());

		assertThat(changed.oldEmail()).isEqualTo(email);
		assertThat(changed.newEmail()).isEqualTo(newEmail);
		assertThat(this.accounts.findCredentials(email)).isEmpty();
		assertThat(this.accounts.findCredentials(newEmail).orElseThrow().id()).isEqualTo(id);
		assertThat(this.accounts.isEmailConfirmed(id)).isTrue();
		assertThatExceptionOfType(LinkNotOpenException.class)
			.isThrownBy(() -> this.credentials.confirmEmailChange(request.token()))
			.satisfies(ex -> assertThat(ex.status()).isEqualTo(LinkStatus.USED));
	}

	@Test
	void aChangeToAnAddressWithAnAccountIssuesNoLinkAndChangesNothing() {
		String email = fan();
		String other = fan();

		EmailChangeRequest request = this.credentials.requestEmailChange(id(email), PASSWORD, other);

		assertThat(request.addressTaken()).isTrue();
		assertThat(request.token()).isNull();
		assertThat(
				this.jdbc.queryForObject("select count(*) from email_changes where new_email = ?", Long.class, other))
			.isZero();
		assertThat(this.accounts.findCredentials(email)).isPresent();
	}

	@Test
	void aChangeOfAddressLinkExpiresAfterADay() {
		String email = fan();
		String token = this.credentials.requestEmailChange(id(email), PASSWORD, unique("late")).token();

		this.clock.advance(Duration.ofHours(24));

		assertThatExceptionOfType(LinkNotOpenException.class)
			.isThrownBy(() -> this.credentials.confirmEmailChange(token))
			.satisfies(ex -> assertThat(ex.status()).isEqualTo(LinkStatus.EXPIRED));
		assertThat(this.accounts.findCredentials(email)).isPresent();
	}

	private boolean passwordMatches(String email, String password) {
		return this.passwordEncoder.matches(password,
				this.accounts.findCredentials(email).orElseThrow().passwordHash());
	}

	private long resets() {
		return this.jdbc.queryForObject("select count(*) from password_resets", Long.class);
	}

	private AccountId id(String email) {
		return this.accounts.findCredentials(email).orElseThrow().id();
	}

	private String fan() {
		String email = unique("fan");
		this.accounts.createIfAbsent(email, "Fan", PASSWORD, Set.of(Role.FAN));
		return email;
	}

	static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID() + "@example.com";
	}

}
