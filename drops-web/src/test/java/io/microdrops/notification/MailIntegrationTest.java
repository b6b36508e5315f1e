package io.microdrops.notification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.microdrops.account.AccountManagement;
import io.microdrops.testsupport.TestBrowser;
import io.microdrops.web.TestAccounts;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.awaitility.Awaitility.await;

/**
 * The one application context of the mail tests: a running server on a random port, with
 * SMTP pointed at a GreenMail server on a port fixed for the whole test run (so every
 * mail test class shares this context). The sending job is slowed to once an hour, so
 * tests drive the sender themselves and see each step.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "drops.mail.send-interval=PT1H")
abstract class MailIntegrationTest {

	static final int SMTP_PORT = freePort();

	@RegisterExtension
	static final GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(SMTP_PORT, "127.0.0.1", "smtp"));

	private static final Pattern CONFIRM_LINK = Pattern.compile("/account/confirm\\?token=([A-Za-z0-9_-]+)");

	@DynamicPropertySource
	static void smtpServer(DynamicPropertyRegistry properties) {
		properties.add("spring.mail.host", () -> "127.0.0.1");
		properties.add("spring.mail.port", () -> SMTP_PORT);
	}

	@LocalServerPort
	int port;

	@Autowired
	AccountManagement accounts;

	@Autowired
	MailOutbox outbox;

	@Autowired
	OutboxSender sender;

	@Autowired
	OutboxMails mails;

	@Autowired
	JavaMailSenderImpl mailSender;

	@Autowired
	JdbcTemplate jdbc;

	@BeforeEach
	void testAccounts() {
		TestAccounts.ensure(this.accounts);
	}

	TestBrowser browser() {
		return new TestBrowser("http://localhost:" + this.port);
	}

	/** Runs the sender with SMTP pointed at a port nobody listens on. */
	void sendWhileSmtpIsDown() {
		int port = this.mailSender.getPort();
		this.mailSender.setPort(freePort());
		try {
			this.sender.sendDue();
		}
		finally {
			this.mailSender.setPort(port);
		}
	}

	StoredMail mail(UUID id) {
		return this.mails.find(id).orElseThrow();
	}

	/** Waits for the confirmation mail the account module's event makes us queue. */
	StoredMail awaitConfirmationMailTo(String email) {
		return await().atMost(Duration.ofSeconds(15))
			.until(() -> newestMailTo(email, AccountMails.CONFIRM_EMAIL), found -> found != null);
	}

	StoredMail newestMailTo(String email, String template) {
		List<UUID> ids = this.jdbc.queryForList(
				"select id from mail_outbox where recipient = ? and template = ? order by created_at desc", UUID.class,
				email, template);
		return ids.isEmpty() ? null : mail(ids.get(0));
	}

	static String confirmationPath(StoredMail mail) {
		Matcher link = CONFIRM_LINK.matcher(mail.textBody());
		if (!link.find()) {
			throw new AssertionError("No confirmation link in:\n" + mail.textBody());
		}
		return link.group();
	}

	static List<MimeMessage> receivedBy(String email) {
		return java.util.Arrays.stream(smtp.getReceivedMessages()).filter(message -> {
			try {
				return message.getAllRecipients()[0].toString().equals(email);
			}
			catch (jakarta.mail.MessagingException ex) {
				throw new IllegalStateException(ex);
			}
		}).toList();
	}

	static Map<String, String> none() {
		return Map.of();
	}

	static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID() + "@example.com";
	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
