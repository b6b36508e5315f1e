package io.microdrops.notification;

import java.util.Map;

import io.microdrops.account.AccountId;
import io.microdrops.account.AccountManagement;
import io.microdrops.account.EmailConfirmationRequested;
import io.microdrops.account.FanSignedUp;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * The mail the account module's events call for: the "confirm your address" mail after
 * sign-up and whenever a fan asks for a new link.
 */
@Component
class AccountMails {

	static final String CONFIRM_EMAIL = "confirm-email";

	private final AccountManagement accounts;

	private final MailOutbox outbox;

	private final MailLinks links;

	AccountMails(AccountManagement accounts, MailOutbox outbox, MailLinks links) {
		this.accounts = accounts;
		this.outbox = outbox;
		this.links = links;
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
