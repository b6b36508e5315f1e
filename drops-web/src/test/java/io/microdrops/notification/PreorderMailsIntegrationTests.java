package io.microdrops.notification;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.microdrops.account.AccountId;
import io.microdrops.catalog.CatalogManagement;
import io.microdrops.community.CommunityManagement;
import io.microdrops.drop.DropManagement;
import io.microdrops.preorder.PlacePreorder;
import io.microdrops.preorder.PreorderManagement;
import io.microdrops.preorder.PreorderSettlement;
import io.microdrops.web.TestPreorders;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The mail the pre-order settlement sends, end to end: pre-orders placed, the deadline
 * passes, the settlement runs, the outbox holds one mail per pre-order (HTML and text)
 * and the sender delivers it over SMTP.
 */
class PreorderMailsIntegrationTests extends MovableClockMailIntegrationTest {

	@Autowired
	PreorderManagement preorders;

	@Autowired
	PreorderSettlement settlement;

	@Autowired
	CommunityManagement communities;

	@Autowired
	CatalogManagement catalog;

	@Autowired
	DropManagement drops;

	@Test
	void mailsEachFanTheirOrderAndEditionsWhenTheDropReachesItsThreshold() throws Exception {
		Instant now = this.clock.instant();
		String drop = drop(now, 2);
		String first = unique("pre-confirmed");
		String second = unique("pre-confirmed");
		place(drop, confirmedFan(first), 2, TestPreorders.GOOD_CARD);
		this.clock.advance(Duration.ofSeconds(1));
		place(drop, confirmedFan(second), 1, TestPreorders.GOOD_CARD);

		this.clock.set(TestPreorders.deadline(now));
		TestPreorders.settle(this.settlement);

		StoredMail toFirst = awaitMail(first, PreorderMails.CONFIRMED);
		StoredMail toSecond = awaitMail(second, PreorderMails.CONFIRMED);
		assertThat(toFirst.subject()).isEqualTo("Pre-order confirmed: Pre-order drop " + drop);
		assertThat(toFirst.textBody()).contains("reached its pre-order threshold")
			.contains("2 × Hand-rolled film " + drop + ", edition #1 of 5, #2 of 5, 29.00 EUR charged")
			.contains("/account/orders/");
		assertThat(toFirst.htmlBody()).contains("See your order").contains("#1 of 5, #2 of 5");
		assertThat(toFirst.marketing()).isFalse();
		assertThat(toSecond.textBody()).contains("edition #3 of 5");
		// One clear mail: the pre-order confirmation is the order's receipt too.
		await().during(Duration.ofSeconds(2))
			.atMost(Duration.ofSeconds(5))
			.until(() -> count(first, OrderMails.CONFIRMATION) == 0 && count(second, OrderMails.CONFIRMATION) == 0);

		// Other tests' mail may be waiting too: send until this one is out.
		await().atMost(Duration.ofSeconds(60)).until(() -> {
			this.sender.sendDue();
			return mail(toFirst.id()).status() == MailStatus.SENT;
		});
		List<MimeMessage> received = receivedBy(first).stream()
			.filter(message -> subject(message).startsWith("Pre-order confirmed"))
			.toList();
		assertThat(received).hasSize(1);
		assertThat(((MimeMultipart) received.getFirst().getContent()).getCount()).as("text and HTML").isEqualTo(2);
	}

	@Test
	void tellsEachFanOnceThatNothingWasChargedWhenTheDropMissesItsThreshold() {
		Instant now = this.clock.instant();
		String drop = drop(now, 4);
		String fan = unique("pre-voided");
		place(drop, confirmedFan(fan), 1, TestPreorders.GOOD_CARD);

		this.clock.set(TestPreorders.deadline(now));
		TestPreorders.settle(this.settlement);
		TestPreorders.settle(this.settlement);

		StoredMail voided = awaitMail(fan, PreorderMails.VOIDED);
		assertThat(voided.subject()).isEqualTo("Pre-order cancelled: Pre-order drop " + drop + " did not go ahead");
		assertThat(voided.textBody()).contains("1 of 4 units were pre-ordered by")
			.contains("1 × Hand-rolled film " + drop + " is cancelled and nothing was charged");
		await().during(Duration.ofSeconds(2))
			.atMost(Duration.ofSeconds(5))
			.until(() -> count(fan, PreorderMails.VOIDED) == 1);
	}

	@Test
	void tellsAFanWhoseCardWasDeclinedThatTheirPreorderFailedAndNothingWasCharged() {
		Instant now = this.clock.instant();
		String drop = drop(now, 1);
		String fan = unique("pre-declined");
		place(drop, confirmedFan(fan), 1, TestPreorders.DECLINED_CARD);

		this.clock.set(TestPreorders.deadline(now));
		TestPreorders.settle(this.settlement);

		StoredMail failed = awaitMail(fan, PreorderMails.FAILED);
		assertThat(failed.subject()).isEqualTo("Your pre-order for Pre-order drop " + drop + " could not be confirmed");
		assertThat(failed.textBody()).contains("The payment was declined.")
			.contains("The card was declined (demo card 4000 0000 0000 0002).")
			.contains("Nothing was charged");
		assertThat(newestMailTo(fan, PreorderMails.CONFIRMED)).isNull();
	}

	private String drop(Instant now, int threshold) {
		return TestPreorders.drop(this.communities, this.catalog, this.drops, TestPreorders.community(this.communities),
				TestPreorders.timeline(now), TestPreorders.deadline(now), 5, 2, threshold);
	}

	private void place(String drop, AccountId fan, int quantity, String card) {
		this.preorders.place(new PlacePreorder(drop, "sku-" + drop, quantity, fan, card, TestPreorders.SHIPPING));
	}

	private StoredMail awaitMail(String email, String template) {
		return await().atMost(Duration.ofSeconds(15))
			.until(() -> newestMailTo(email, template), found -> found != null);
	}

	private long count(String email, String template) {
		return this.jdbc.queryForObject("select count(*) from mail_outbox where recipient = ? and template = ?",
				Long.class, email, template);
	}

	private static String subject(MimeMessage message) {
		try {
			return message.getSubject();
		}
		catch (jakarta.mail.MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
