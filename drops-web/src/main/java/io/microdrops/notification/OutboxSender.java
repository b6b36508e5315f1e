package io.microdrops.notification;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends due mail from the outbox through SMTP. Each step is a short transaction of its
 * own: claim a batch (marking it SENDING with a lease), send each mail with no
 * transaction and no row lock held, then record the outcome: SENT, or a retry with
 * exponential back-off, or FAILED after the last attempt. A sender that dies between
 * sending and recording leaves the mail to be claimed again when its lease runs out, so
 * delivery is at least once. With no SMTP server configured (no {@link JavaMailSender}),
 * it sends nothing.
 */
@Component
class OutboxSender {

	private static final Log logger = LogFactory.getLog(OutboxSender.class);

	static final int BATCH_SIZE = 20;

	/** Batches per run at most, so one run ends even if mail keeps arriving. */
	static final int MAX_BATCHES = 25;

	/** How long a claimed batch is this sender's; it sends for half of it at most. */
	static final Duration LEASE = Duration.ofMinutes(5);

	/** After this, a run claims no further batch, so it ends well within its lock. */
	static final Duration RUN_TIME = Duration.ofMinutes(2);

	private static final String SMTP_TIMEOUT_MILLIS = "20000";

	private final OutboxMails mails;

	private final ObjectProvider<JavaMailSender> mailSender;

	private final TransactionTemplate transactions;

	private final RetryPolicy retries;

	private final String from;

	private final Clock clock;

	OutboxSender(OutboxMails mails, ObjectProvider<JavaMailSender> mailSender, PlatformTransactionManager transactions,
			@Value("${drops.mail.retry-delay:PT30S}") Duration firstRetryDelay,
			@Value("${drops.mail.from:Drops <drops@localhost>}") String from, Clock clock) {
		this.mails = mails;
		this.mailSender = mailSender;
		this.transactions = new TransactionTemplate(transactions);
		this.retries = new RetryPolicy(firstRetryDelay);
		this.from = from;
		this.clock = clock;
	}

	/**
	 * Sends what is due now.
	 * @return how many mails were attempted
	 */
	int sendDue() {
		JavaMailSender sender = this.mailSender.getIfAvailable();
		if (sender == null) {
			return 0;
		}
		limitWaiting(sender);
		int attempted = 0;
		Instant runEnds = this.clock.instant().plus(RUN_TIME);
		for (int batch = 0; batch < MAX_BATCHES && this.clock.instant().isBefore(runEnds); batch++) {
			Instant now = this.clock.instant();
			List<StoredMail> claimed = this.transactions
				.execute(status -> this.mails.claimDue(now, now.plus(LEASE), BATCH_SIZE));
			if (claimed == null || claimed.isEmpty()) {
				break;
			}
			Instant sendUntil = now.plus(LEASE.dividedBy(2));
			for (StoredMail mail : claimed) {
				if (this.clock.instant().isAfter(sendUntil)) {
					// A slow server: hand the rest back rather than send past the lease,
					// after which another sender could claim them too.
					this.transactions.executeWithoutResult(status -> this.mails.release(mail.id()));
					continue;
				}
				attempt(sender, mail);
				attempted++;
			}
		}
		return attempted;
	}

	private void attempt(JavaMailSender sender, StoredMail mail) {
		try {
			sender.send(toMimeMessage(sender, mail));
		}
		catch (MailException | MessagingException ex) {
			recordFailure(mail, ex);
			return;
		}
		this.transactions.executeWithoutResult(status -> this.mails.markSent(mail.id(), this.clock.instant()));
	}

	private void recordFailure(StoredMail mail, Exception ex) {
		String error = describe(ex);
		if (this.retries.retriesAfter(mail.attempts())) {
			Instant next = this.clock.instant().plus(this.retries.delayAfter(mail.attempts()));
			logger.warn("Mail " + mail.id() + " not sent (attempt " + mail.attempts() + "), next attempt at " + next
					+ ": " + error);
			this.transactions.executeWithoutResult(status -> this.mails.scheduleRetry(mail.id(), next, error));
		}
		else {
			logger.error("Mail " + mail.id() + " failed for good after " + mail.attempts() + " attempts: " + error);
			this.transactions.executeWithoutResult(status -> this.mails.markFailed(mail.id(), error));
		}
	}

	private MimeMessage toMimeMessage(JavaMailSender sender, StoredMail mail) throws MessagingException {
		MimeMessage message = sender.createMimeMessage();
		message.setFrom(new InternetAddress(this.from, true));
		message.setRecipient(Message.RecipientType.TO, new InternetAddress(mail.recipient(), true));
		message.setSubject(mail.subject(), StandardCharsets.UTF_8.name());
		message.setSentDate(java.util.Date.from(this.clock.instant()));
		MimeBodyPart text = new MimeBodyPart();
		text.setText(mail.textBody(), StandardCharsets.UTF_8.name(), "plain");
		MimeBodyPart html = new MimeBodyPart();
		html.setText(mail.htmlBody(), StandardCharsets.UTF_8.name(), "html");
		// Plain text first: clients show the last part they understand.
		MimeMultipart alternative = new MimeMultipart("alternative");
		alternative.addBodyPart(text);
		alternative.addBodyPart(html);
		message.setContent(alternative);
		if (mail.unsubscribeUrl() != null) {
			// RFC 2369 and RFC 8058: mail clients offer an unsubscribe button that posts
			// to the link.
			message.setHeader("List-Unsubscribe", "<" + mail.unsubscribeUrl() + ">");
			message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
		}
		message.setHeader("X-Drops-Mail-Id", mail.id().toString());
		return message;
	}

	/**
	 * Bounds the waits of an SMTP conversation unless configured: by default Jakarta Mail
	 * waits forever, and a hung server would hold the sender past its lease.
	 */
	private static void limitWaiting(JavaMailSender sender) {
		if (sender instanceof JavaMailSenderImpl impl) {
			Properties properties = impl.getJavaMailProperties();
			properties.putIfAbsent("mail.smtp.connectiontimeout", SMTP_TIMEOUT_MILLIS);
			properties.putIfAbsent("mail.smtp.timeout", SMTP_TIMEOUT_MILLIS);
			properties.putIfAbsent("mail.smtp.writetimeout", SMTP_TIMEOUT_MILLIS);
		}
	}

	private static String describe(Exception ex) {
		Throwable cause = NestedExceptionUtils.getMostSpecificCause(ex);
		String message = cause.getClass().getSimpleName() + ": " + cause.getMessage();
		return (message.length() > 1000) ? message.substring(0, 1000) : message;
	}

}
