package io.microdrops.notification;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.microdrops.account.AccountId;
import io.microdrops.account.AccountManagement;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class MailOutboxIntegrationTests extends MailIntegrationTest {

	@Autowired
	PlatformTransactionManager transactionManager;

	@Test
	void sendsAQueuedMailThroughSmtpAsTextAndHtmlAlternatives() throws Exception {
		String to = unique("smtp");
		UUID id = this.outbox.enqueue(news(null, to, false)).orElseThrow();
		assertThat(mail(id).status()).isEqualTo(MailStatus.PENDING);
		assertThat(receivedBy(to)).isEmpty();

		this.sender.sendDue();

		StoredMail sent = mail(id);
		assertThat(sent.status()).isEqualTo(MailStatus.SENT);
		assertThat(sent.attempts()).isEqualTo(1);
		assertThat(sent.sentAt()).isNotNull();
		List<MimeMessage> received = receivedBy(to);
		assertThat(received).hasSize(1);
		MimeMessage message = received.get(0);
		assertThat(message.getSubject()).isEqualTo("Keycap Collectors: A drop on Thursday");
		assertThat(message.getContentType()).startsWith("multipart/alternative");
		MimeMultipart parts = (MimeMultipart) message.getContent();
		assertThat(parts.getCount()).isEqualTo(2);
		assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
		assertThat((String) parts.getBodyPart(0).getContent()).contains("Twelve sets, <numbered>.")
			.doesNotContain("&lt;");
		assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
		assertThat((String) parts.getBodyPart(1).getContent()).contains("Twelve sets, &lt;numbered&gt;.");
		assertThat(message.getHeader("List-Unsubscribe")).isNull();
	}

	@Test
	void retriesAfterAnSmtpFailureWithBackOffAndSendsOnceTheServerAnswers() {
		String to = unique("retry");
		UUID id = this.outbox.enqueue(news(null, to, false)).orElseThrow();

		Instant before = Instant.now();
		sendWhileSmtpIsDown();

		StoredMail waiting = mail(id);
		assertThat(waiting.status()).isEqualTo(MailStatus.PENDING);
		assertThat(waiting.attempts()).isEqualTo(1);
		assertThat(waiting.lastError()).isNotBlank();
		assertThat(waiting.leaseUntil()).isNull();
		assertThat(waiting.nextAttemptAt()).isCloseTo(before.plusSeconds(30), within(Duration.ofSeconds(10)));

		this.sender.sendDue();
		assertThat(mail(id).status()).as("not due yet").isEqualTo(MailStatus.PENDING);

		this.jdbc.update("update mail_outbox set next_attempt_at = now() where id = ?", id);
		this.sender.sendDue();

		assertThat(mail(id).status()).isEqualTo(MailStatus.SENT);
		assertThat(mail(id).attempts()).isEqualTo(2);
		assertThat(receivedBy(to)).hasSize(1);
	}

	@Test
	void givesUpAfterTheEighthAttempt() {
		UUID id = this.outbox.enqueue(news(null, unique("give-up"), false)).orElseThrow();
		this.jdbc.update("update mail_outbox set attempts = 7 where id = ?", id);

		sendWhileSmtpIsDown();

		assertThat(mail(id).status()).isEqualTo(MailStatus.FAILED);
		assertThat(mail(id).attempts()).isEqualTo(RetryPolicy.MAX_ATTEMPTS);
		assertThat(mail(id).lastError()).isNotBlank();
	}

	@Test
	void keepsTheSignUpWhenItsConfirmationMailCannotBeSent() {
		String email = unique("kept");
		AccountId fan = this.accounts
			.signUpFan(new AccountManagement.SignUp(email, "Kept Fan", "a sign-up that stays"));
		StoredMail confirmation = awaitConfirmationMailTo(email);

		sendWhileSmtpIsDown();

		assertThat(mail(confirmation.id()).status()).isEqualTo(MailStatus.PENDING);
		assertThat(mail(confirmation.id()).lastError()).isNotBlank();
		assertThat(this.accounts.contactOf(fan)).isPresent();
		assertThat(this.accounts.findCredentials(email)).isPresent();
	}

	@Test
	void queuesMailInTheCallersTransactionOnly() {
		String to = unique("rolled-back");
		new TransactionTemplate(this.transactionManager).executeWithoutResult(status -> {
			this.outbox.enqueue(news(null, to, false));
			status.setRollbackOnly();
		});

		assertThat(this.jdbc.queryForObject("select count(*) from mail_outbox where recipient = ?", Long.class, to))
			.isZero();
	}

	@Test
	void skipsMarketingMailToAFanWithoutConsent() {
		String email = unique("no-consent");
		AccountId fan = this.accounts
			.signUpFan(new AccountManagement.SignUp(email, "Quiet Fan", "no news for me please", false));

		Optional<UUID> queued = this.outbox.enqueue(news(fan, email, true));

		assertThat(queued).isEmpty();
		assertThat(newestMailTo(email, "community-news")).isNull();
	}

	@Test
	void sendsMarketingMailWithOneClickUnsubscribeHeaders() throws Exception {
		String email = unique("consent");
		AccountId fan = this.accounts
			.signUpFan(new AccountManagement.SignUp(email, "Keen Fan", "tell me everything please", true));

		UUID id = this.outbox.enqueue(news(fan, email, true)).orElseThrow();
		this.sender.sendDue();

		// The sign-up's confirmation mail may be in the same batch: pick the news by
		// subject.
		String subject = mail(id).subject();
		MimeMessage message = receivedBy(email).stream().filter(received -> {
			try {
				return subject.equals(received.getSubject());
			}
			catch (jakarta.mail.MessagingException ex) {
				throw new IllegalStateException(ex);
			}
		}).findFirst().orElseThrow();
		String link = mail(id).unsubscribeUrl();
		assertThat(link).startsWith("http://localhost:" + this.port + "/unsubscribe?token=");
		assertThat(message.getHeader("List-Unsubscribe")).containsExactly("<" + link + ">");
		assertThat(message.getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");
		assertThat(mail(id).textBody()).contains(link);
		assertThat(mail(id).htmlBody()).contains(link.replace("&", "&amp;"));
	}

	private static OutgoingMail news(AccountId account, String to, boolean marketing) {
		Map<String, Object> model = Map.of("community", "Keycap Collectors", "headline", "A drop on Thursday",
				"paragraphs", List.of("Twelve sets, <numbered>."), "link", "http://localhost/drops/thursday");
		OutgoingMail mail = marketing ? OutgoingMail.marketing(account, to, "community-news", model)
				: OutgoingMail.transactional(account, to, "community-news", model);
		return mail.withSubjectArguments("Keycap Collectors", "A drop on Thursday");
	}

}
