package io.microdrops.notification;

import java.time.Instant;
import java.util.UUID;

/**
 * A mail as the outbox holds it: rendered, addressed, and where it is on its way out.
 *
 * @param id the mail's id
 * @param recipient the address it goes to
 * @param accountId the recipient's account, if known
 * @param template the template it was rendered from
 * @param subject the rendered subject
 * @param textBody the plain-text part
 * @param htmlBody the HTML part
 * @param marketing whether it is marketing mail
 * @param unsubscribeUrl the one-click unsubscribe link of marketing mail
 * @param status where it is
 * @param attempts sending attempts so far
 * @param nextAttemptAt when it is due
 * @param leaseUntil until when a sender holds it
 * @param lastError why the last attempt failed
 * @param createdAt when it was queued
 * @param sentAt when the SMTP server accepted it
 */
record StoredMail(UUID id, String recipient, UUID accountId, String template, String subject, String textBody,
		String htmlBody, boolean marketing, String unsubscribeUrl, MailStatus status, int attempts,
		Instant nextAttemptAt, Instant leaseUntil, String lastError, Instant createdAt, Instant sentAt) {
}
