package io.microdrops.storefront.security;

import java.util.Map;

import io.microdrops.account.AccountId;
import io.microdrops.account.CredentialManagement;
import io.microdrops.account.CredentialManagement.EmailChangeRequest;
import io.microdrops.account.CredentialManagement.EmailChanged;
import io.microdrops.notification.MailLinks;
import io.microdrops.notification.MailOutbox;
import io.microdrops.notification.OutgoingMail;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Changes of address and the mail about them, committed together: the link to the new
 * address (or, when that address has an account already, a notice to its owner: the asker
 * is told the same either way), and the note to the old address once the change is done.
 */
@Service
class EmailChanges {

	static final String CONFIRM_TEMPLATE = "email-change-confirm";

	static final String TAKEN_TEMPLATE = "email-change-taken";

	static final String DONE_TEMPLATE = "email-changed";

	private final CredentialManagement credentials;

	private final MailOutbox outbox;

	private final MailLinks links;

	EmailChanges(CredentialManagement credentials, MailOutbox outbox, MailLinks links) {
		this.credentials = credentials;
		this.outbox = outbox;
		this.links = links;
	}

	@Transactional
	EmailChangeRequest request(AccountId account, String currentPassword, String newEmail) {
		EmailChangeRequest request = this.credentials.requestEmailChange(account, currentPassword, newEmail);
		if (request.addressTaken()) {
			this.outbox.enqueue(OutgoingMail.transactional(null, request.newEmail(), TAKEN_TEMPLATE, Map.of("signInUrl",
					this.links.absolute("/login"), "resetUrl", this.links.absolute("/forgot-password"))));
		}
		else {
			this.outbox.enqueue(OutgoingMail.transactional(account, request.newEmail(), CONFIRM_TEMPLATE,
					Map.of("displayName", request.displayName(), "newEmail", request.newEmail(), "confirmUrl",
							this.links.absolute("/email-change?token=" + request.token()), "hours",
							CredentialManagement.EMAIL_CHANGE_LIFETIME.toHours())));
		}
		return request;
	}

	@Transactional
	EmailChanged confirm(String token) {
		EmailChanged changed = this.credentials.confirmEmailChange(token);
		this.outbox.enqueue(OutgoingMail.transactional(changed.accountId(), changed.oldEmail(), DONE_TEMPLATE,
				Map.of("displayName", changed.displayName(), "newEmail", changed.newEmail(), "resetUrl",
						this.links.absolute("/forgot-password"))));
		return changed;
	}

}
