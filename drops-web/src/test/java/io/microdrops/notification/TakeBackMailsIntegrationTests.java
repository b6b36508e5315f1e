package io.microdrops.notification;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.microdrops.account.AccountId;
import io.microdrops.account.Role;
import io.microdrops.catalog.CatalogManagement;
import io.microdrops.checkout.Checkout;
import io.microdrops.checkout.Fulfilment;
import io.microdrops.checkout.Order;
import io.microdrops.checkout.OrderManagement;
import io.microdrops.checkout.PlaceOrder;
import io.microdrops.checkout.Reservation;
import io.microdrops.checkout.ReserveRequest;
import io.microdrops.community.CommunityManagement;
import io.microdrops.drop.AccessMode;
import io.microdrops.drop.DropManagement;
import io.microdrops.drop.Timeline;
import io.microdrops.fulfilment.Actor;
import io.microdrops.fulfilment.FulfilmentManagement;
import io.microdrops.fulfilment.FulfilmentStatus;
import io.microdrops.fulfilment.Hub;
import io.microdrops.fulfilment.HubDetails;
import io.microdrops.fulfilment.HubManagement;
import io.microdrops.fulfilment.OpeningWindow;
import io.microdrops.web.TestDrops;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The mails of an order taken back: the fan whose order ops cancelled hears why and that
 * they are refunded; the fan who did not collect a pickup hears that it was taken back
 * and refunded. Both go out through the outbox, over SMTP, once.
 */
class TakeBackMailsIntegrationTests extends MailIntegrationTest {

	static final Actor OPS = new Actor(null, "Oli Ops");

	@Autowired
	CommunityManagement communities;

	@Autowired
	CatalogManagement catalog;

	@Autowired
	DropManagement drops;

	@Autowired
	HubManagement hubs;

	@Autowired
	Checkout checkout;

	@Autowired
	OrderManagement orders;

	@Autowired
	FulfilmentManagement fulfilment;

	@Test
	void tellsTheFanWhyTheirOrderWasCancelledAndThatTheyAreRefunded() {
		String email = unique("cancel");
		Order order = paidPickup(email);
		UUID id = fulfilmentOrderOf(order);

		this.fulfilment.move(id, FulfilmentStatus.CANCELLED, "The <b>last</b> piece broke in the hub", OPS);

		StoredMail mail = await().atMost(Duration.ofSeconds(15))
			.until(() -> newestMailTo(email, FulfilmentMails.CANCELLED), found -> found != null);
		assertThat(mail.subject()).isEqualTo("Order " + order.number() + " is cancelled");
		assertThat(mail.textBody()).contains("we had to cancel order " + order.number())
			.contains("Why: The <b>last</b> piece broke in the hub")
			.contains("Your payment is refunded in full")
			.contains("/account/orders/" + order.id());
		assertThat(mail.htmlBody()).contains("The &lt;b&gt;last&lt;/b&gt; piece broke in the hub")
			.doesNotContain("<b>last</b>");
		assertThat(this.jdbc.queryForObject("select payment_status from orders where id = ?", String.class, order.id()))
			.as("told only once refunded")
			.isEqualTo("REFUNDED");
		assertThat(sent(email, mail)).singleElement();
		assertThat(this.jdbc.queryForObject("select count(*) from mail_outbox where recipient = ? and template = ?",
				Long.class, email, FulfilmentMails.CANCELLED))
			.isOne();
	}

	@Test
	void tellsTheFanWhoDidNotCollectTheirPickupThatItWasTakenBackAndRefunded() {
		String email = unique("noshow");
		Order order = paidPickup(email);
		UUID id = fulfilmentOrderOf(order);
		for (FulfilmentStatus step : List.of(FulfilmentStatus.PICKING, FulfilmentStatus.PACKED,
				FulfilmentStatus.READY_FOR_PICKUP, FulfilmentStatus.NO_SHOW)) {
			this.fulfilment.move(id, step, null, OPS);
		}

		StoredMail mail = await().atMost(Duration.ofSeconds(15))
			.until(() -> newestMailTo(email, FulfilmentMails.NOT_COLLECTED), found -> found != null);
		assertThat(mail.subject()).isEqualTo("Order " + order.number() + " was not collected");
		assertThat(mail.textBody()).contains("was not collected, so we have taken it back")
			.contains("Your payment is refunded in full");
		assertThat(newestMailTo(email, FulfilmentMails.CANCELLED)).isNull();
		assertThat(sent(email, mail)).singleElement();
	}

	private List<MimeMessage> sent(String email, StoredMail mail) {
		// Other tests' mail may be waiting too: send until this one is out.
		await().atMost(Duration.ofSeconds(60)).until(() -> {
			this.sender.sendDue();
			return mail(mail.id()).status() == MailStatus.SENT;
		});
		return receivedBy(email).stream().filter(message -> {
			try {
				return message.getSubject().equals(mail.subject());
			}
			catch (jakarta.mail.MessagingException ex) {
				throw new IllegalStateException(ex);
			}
		}).toList();
	}

	private Order paidPickup(String email) {
		this.accounts.createIfAbsent(email, "Fay", "take back mail password", Set.of(Role.FAN));
		AccountId fan = this.accounts.findCredentials(email).orElseThrow().id();
		Hub hub = hub();
		Instant now = Instant.now();
		String drop = TestDrops.drop(this.communities, this.catalog, this.drops, "Take back", AccessMode.FIRST_COME,
				new Timeline(now.minusSeconds(7200), null, now.minusSeconds(60), now.plusSeconds(86_400)), true);
		String sku = this.jdbc.queryForObject("select slug from skus where id = ?", String.class,
				this.drops.require(drop).items().getFirst().sku().value());
		Reservation hold = this.checkout.reserve(new ReserveRequest(drop, sku, 1, fan, null));
		return this.orders.placeOrder(new PlaceOrder(hold.id(), fan, "4242424242424242",
				new Fulfilment(Fulfilment.Method.PICKUP, hub.slug(), null)));
	}

	private UUID fulfilmentOrderOf(Order order) {
		return await().atMost(Duration.ofSeconds(15))
			.until(() -> this.jdbc.queryForList("select id from fulfilment_orders where order_id = ?", UUID.class,
					order.id()), found -> !found.isEmpty())
			.getFirst();
	}

	private Hub hub() {
		Map<DayOfWeek, OpeningWindow> hours = new EnumMap<>(DayOfWeek.class);
		for (DayOfWeek day : DayOfWeek.values()) {
			hours.put(day, new OpeningWindow(LocalTime.MIN, LocalTime.of(23, 59)));
		}
		return this.hubs
			.create(new HubDetails(TestDrops.unique("hub"), "Hub " + UUID.randomUUID().toString().substring(0, 6),
					"1 Counter Street", "UTC", null, null, 50, 60, null, null, LocalTime.of(23, 59), true, hours));
	}

}
