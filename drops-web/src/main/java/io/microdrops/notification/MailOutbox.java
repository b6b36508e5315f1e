package io.microdrops.notification;

import java.time.Clock;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

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

	MailOutbox(OutboxMails mails, MailTemplates templates, UnsubscribeTokens unsubscribeTokens, MailLinks links,
			AccountManagement accounts, Clock clock) {
		this.mails = mails;
		this.templates = templates;
		this.unsubscribeTokens = unsubscribeTokens;
		this.links = links;
		this.accounts = accounts;
		this.clock = clock;
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
