package io.microdrops.notification;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import io.microdrops.account.AccountId;
import io.microdrops.catalog.CatalogManagement;
import io.microdrops.catalog.SkuDetails;
import io.microdrops.checkout.Checkout;
import io.microdrops.checkout.Fulfilment;
import io.microdrops.checkout.OrderManagement;
import io.microdrops.checkout.PlaceOrder;
import io.microdrops.checkout.Reservation;
import io.microdrops.checkout.ReserveRequest;
import io.microdrops.community.CommunityDetails;
import io.microdrops.community.CommunityManagement;
import io.microdrops.drop.AccessMode;
import io.microdrops.drop.DropManagement;
import io.microdrops.drop.DropPlan;
import io.microdrops.drop.NewDropItem;
import io.microdrops.drop.Timeline;
import io.microdrops.drop.WaitingRoomSettings;
import io.microdrops.shared.Money;
import io.microdrops.waitingroom.QueuePlace;
import io.microdrops.waitingroom.WaitingRoom;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The end of a waiting room by mail: when its last unit is sold, every fan still queued
 * (with a confirmed address) is told once; the fan who bought is not.
 */
class WaitingRoomMailsIntegrationTests extends MovableClockMailIntegrationTest {

	@Autowired
	WaitingRoom rooms;

	@Autowired
	DropManagement drops;

	@Autowired
	Checkout checkout;

	@Autowired
	OrderManagement orders;

	@Autowired
	CommunityManagement communities;

	@Autowired
	CatalogManagement catalog;

	@Test
	void tellsEveryFanStillQueuedOnceWhenTheLastUnitIsSold() {
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.SECONDS);
		String drop = queuedDrop(now);
		List<String> emails = List.of(unique("queue-a"), unique("queue-b"), unique("queue-c"));
		List<AccountId> fans = emails.stream().map(this::confirmedFan).toList();
		fans.forEach(fan -> this.rooms.join(drop, fan));

		this.clock.set(now.plus(Duration.ofHours(1)));
		assertThat(this.rooms.admit(drop)).isEqualTo(1);
		int buyer = 0;
		while (this.rooms.place(drop, fans.get(buyer)).status() != QueuePlace.Status.ADMITTED) {
			buyer++;
		}
		AccountId winner = fans.get(buyer);
		Reservation hold = this.checkout.reserve(new ReserveRequest(drop, "sku-" + drop, 1, winner, null,
				this.rooms.place(drop, winner).admissionToken()));
		this.orders.placeOrder(new PlaceOrder(hold.id(), winner, "4242 4242 4242 4242",
				new Fulfilment(Fulfilment.Method.SHIPPING, null, "1 Queue Road, Leeds")));
		assertThat(this.rooms.admit(drop)).isZero();

		for (int i = 0; i < emails.size(); i++) {
			if (i == buyer) {
				continue;
			}
			String email = emails.get(i);
			StoredMail mail = await().atMost(Duration.ofSeconds(15))
				.until(() -> newestMailTo(email, WaitingRoomMails.SOLD_OUT), found -> found != null);
			assertThat(mail.subject()).isEqualTo("Queued drop " + drop + " is sold out");
			assertThat(mail.textBody()).contains("the queue has stopped")
				.contains("You keep your place")
				.contains("/drops/" + drop);
		}
		// The told fans were taken in the same transaction as their mails: the buyer was
		// never among them, and nobody is left to tell twice.
		assertThat(newestMailTo(emails.get(buyer), WaitingRoomMails.SOLD_OUT)).isNull();
		assertThat(this.rooms.takeFansToTellOfSoldOut(this.drops.require(drop).id())).isEmpty();
		assertThat(this.jdbc.queryForObject(
				"select count(*) from mail_outbox where template = ? and recipient in (?, ?, ?)", Integer.class,
				WaitingRoomMails.SOLD_OUT, emails.get(0), emails.get(1), emails.get(2)))
			.isEqualTo(2);
	}

	/** One unit, an automatic waiting room, announced an hour ago, opening in an hour. */
	private String queuedDrop(Instant now) {
		String slug = "queue-mail-" + UUID.randomUUID().toString().substring(0, 8);
		var community = this.communities.create(slug, new CommunityDetails("Queue mail", "Waiting room mail tests",
				null, null, 500, ZoneId.of("UTC"), 0, 31));
		var sku = this.catalog.create("sku-" + slug,
				new SkuDetails("Brass keycap", Money.of(2450, "EUR"), 1, null, null));
		this.drops.createDraft(slug,
				new DropPlan("Queued drop " + slug, community.id(), AccessMode.FIRST_COME,
						new Timeline(now.minus(Duration.ofHours(1)), null, now.plus(Duration.ofHours(1)),
								now.plus(Duration.ofDays(1))),
						10, null, List.of(new NewDropItem(sku.id(), 1, 1))));
		this.drops.configureWaitingRoom(slug, new WaitingRoomSettings(true, null));
		this.drops.schedule(slug, new DropManagement.Scheduler(null, false), null);
		return slug;
	}

}
