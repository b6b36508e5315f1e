package io.microdrops.notification;

import java.util.Map;

import io.microdrops.account.AccountId;
import io.microdrops.account.AccountManagement;
import io.microdrops.account.CredentialManagement;
import io.microdrops.account.EmailConfirmationRequested;
import io.microdrops.account.FanSignedUp;
import io.microdrops.account.PasswordResetRequested;
import io.microdrops.account.SignUpForRegisteredAddress;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * The mail the account module's events call for: the "confirm your address" mail after
 * sign-up and whenever a fan asks for a new link; a note to the owner of an address
 * someone tried to sign up with again; and password reset links. Reset requests are
 * answered here, after the asker got their (always equal) answer: only here is it found
 * out whether the address has an account.
 */
@Component
class AccountMails {

	static final String CONFIRM_EMAIL = "confirm-email";

	static final String SIGNUP_EXISTING = "signup-existing-account";

	static final String PASSWORD_RESET = "password-reset";

	private final AccountManagement accounts;

	private final CredentialManagement credentials;

	private final MailOutbox outbox;

	private final MailLinks links;

	AccountMails(AccountManagement accounts, CredentialManagement credentials, MailOutbox outbox, MailLinks links) {
		this.accounts = accounts;
		this.credentials = credentials;
		this.outbox = outbox;
		this.links = links;
	}

	@ApplicationModuleListener
	void on(SignUpForRegisteredAddress event) {
		this.outbox.enqueue(OutgoingMail.transactional(event.accountId(), event.email(), SIGNUP_EXISTING,
				Map.of("displayName", event.displayName(), "signInUrl", this.links.absolute("/login"), "resetUrl",
						this.links.absolute("/forgot-password"))));
	}

	// The token and the mail carrying it commit together, in the listener's transaction.
	@ApplicationModuleListener
	void on(PasswordResetRequested event) {
		this.credentials.issuePasswordReset(event.email())
			.ifPresent(link -> this.outbox
				.enqueue(OutgoingMail.transactional(link.accountId(), link.email(), PASSWORD_RESET,
						Map.of("displayName", link.displayName(), "resetUrl",
								this.links.absolute("/password-reset?token=" + link.token()), "minutes",
								CredentialManagement.RESET_LIFETIME.toMinutes()))));
	}

	@ApplicationModuleListener
	void on(FanSignedUp event) {
		mailConfirmationLink(event.accountId(), event.email(), event.displayName());
	}

	@ApplicationModuleListener
	void on(EmailConfirmationRequested event) {
		mailConfirmationLink(event.accountId(), event.email(), event.displayName());
	}

	// The token and the mail carrying it commit together, in the listener's transaction.
	private void mailConfirmationLink(AccountId account, String email, String displayName) {
		this.accounts.issueEmailConfirmation(account)
			.ifPresent(token -> this.outbox.enqueue(OutgoingMail.transactional(account, email, CONFIRM_EMAIL,
					Map.of("displayName", displayName, "confirmUrl",
							this.links.absolute("/account/confirm?token=" + token), "hours",
							AccountManagement.CONFIRMATION_LIFETIME.toHours()))));
	}

}
