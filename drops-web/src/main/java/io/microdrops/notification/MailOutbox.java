package io.microdrops.notification;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.microdrops.account.AccountDeletion;
import io.microdrops.account.AccountId;
import io.microdrops.account.AccountManagement;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Queues mail. A mail is rendered and stored in the caller's transaction, so a business
 * change and the mail about it commit together or not at all; nothing is sent here. A
 * background job sends queued mail through SMTP and retries failures, which never undo
 * the change that queued the mail. With no SMTP server configured, queued mail stays in
 * the outbox, readable by admins at {@code /admin/outbox}.
 */
@Service
public class MailOutbox {

	private static final Log logger = LogFactory.getLog(MailOutbox.class);

	private final OutboxMails mails;

	private final MailTemplates templates;

	private final UnsubscribeTokens unsubscribeTokens;

	private final MailLinks links;

	private final AccountManagement accounts;

	private final Clock clock;

	private final AccountDeletion deletions;

	MailOutbox(OutboxMails mails, MailTemplates templates, UnsubscribeTokens unsubscribeTokens, MailLinks links,
			AccountManagement accounts, AccountDeletion deletions, Clock clock) {
		this.deletions = deletions;
		this.mails = mails;
		this.templates = templates;
		this.unsubscribeTokens = unsubscribeTokens;
		this.links = links;
		this.accounts = accounts;
		this.clock = clock;
	}

	/**
	 * Lists the mails kept for an account, newest first: to whom, what about, when and
	 * whether sent (not the bodies, which the person received); for their data download.
	 * @param accountId the account
	 * @return the mails
	 */
	@Transactional(readOnly = true)
	public List<MailSummary> mailsOf(AccountId accountId) {
		return this.mails.summariesOf(accountId.value());
	}

	/**
	 * A mail kept in the outbox for a person.
	 *
	 * @param recipient the address it went to
	 * @param subject the subject
	 * @param status PENDING, SENDING, SENT or FAILED
	 * @param createdAt when it was queued
	 * @param sentAt when it was sent, or {@code null}
	 */
	public record MailSummary(String recipient, String subject, String status, Instant createdAt, Instant sentAt) {
	}

	/**
	 * Renders a mail and queues it in the current transaction (or a new one when there is
	 * none). Marketing mail to an account without marketing consent is skipped, and the
	 * skip is logged; marketing mail that is queued carries a one-click unsubscribe link,
	 * which its template shows as {@code unsubscribeUrl}.
	 * @param mail the mail
	 * @return the queued mail's id, empty when the mail was skipped
	 * @throws org.thymeleaf.exceptions.TemplateInputException when the template does not
	 * exist
	 */
	@Transactional
	public Optional<UUID> enqueue(OutgoingMail mail) {
		// An event about an account may be handled after the account was deleted: its
		// owner asked to hear nothing more, and the address is gone. The guard waits for
		// a deletion in progress and holds the account until this mail is queued, so a
		// deletion either sees the mail (and erases it) or this sees the deletion.
		if (mail.account() != null && !this.deletions.guard(mail.account())) {
			logger.info("Skipped mail '" + mail.template() + "' to deleted account " + mail.account().value());
			return Optional.empty();
		}
		if (mail.marketing() && !this.accounts.hasMarketingConsent(mail.account())) {
			logger.info("Skipped marketing mail '" + mail.template() + "' to account " + mail.account().value()
					+ ": no marketing consent");
			return Optional.empty();
		}
		Map<String, Object> model = new HashMap<>(mail.model());
		String unsubscribeUrl = null;
		if (mail.marketing()) {
			unsubscribeUrl = this.links
				.absolute("/unsubscribe?token=" + this.unsubscribeTokens.tokenFor(mail.account()));
			model.put("unsubscribeUrl", unsubscribeUrl);
		}
		MailTemplates.RenderedMail rendered = this.templates.render(mail.template(), model, mail.subjectArguments(),
				Locale.ENGLISH);
		UUID id = UUID.randomUUID();
		this.mails.insert(new StoredMail(id, mail.to(), (mail.account() != null) ? mail.account().value() : null,
				mail.template(), rendered.subject(), rendered.text(), rendered.html(), mail.marketing(), unsubscribeUrl,
				MailStatus.PENDING, 0, null, null, null, this.clock.instant(), null));
		return Optional.of(id);
	}

}
