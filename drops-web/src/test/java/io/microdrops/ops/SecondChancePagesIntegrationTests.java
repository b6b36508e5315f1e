package io.microdrops.ops;

import java.net.URI;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;

import io.microdrops.account.AccountManagement;
import io.microdrops.catalog.CatalogManagement;
import io.microdrops.community.CommunityManagement;
import io.microdrops.drop.AccessMode;
import io.microdrops.drop.DropManagement;
import io.microdrops.drop.Timeline;
import io.microdrops.fulfilment.CheckoutChoices;
import io.microdrops.fulfilment.FulfilmentChoices;
import io.microdrops.fulfilment.Hub;
import io.microdrops.fulfilment.HubDetails;
import io.microdrops.fulfilment.HubManagement;
import io.microdrops.fulfilment.OpeningWindow;
import io.microdrops.secondchance.SecondChances;
import io.microdrops.testsupport.TestBrowser;
import io.microdrops.testsupport.TestBrowser.Page;
import io.microdrops.web.TestAccounts;
import io.microdrops.web.TestDrops;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Through the pages: a fan's pickup is marked not collected by ops behind a confirmation;
 * the fan is refunded, the next fan on the drop's waitlist gets the edition as a second
 * chance by mail and on their account page, and the packing slip tells the buyer which of
 * their drops it was.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "drops.second-chance.initial-delay=PT1H", "drops.fulfilment.no-show-initial-delay=PT1H" })
class SecondChancePagesIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	AccountManagement accounts;

	@Autowired
	CommunityManagement communities;

	@Autowired
	CatalogManagement catalog;

	@Autowired
	DropManagement drops;

	@Autowired
	HubManagement hubs;

	@Autowired
	FulfilmentChoices choices;

	@Autowired
	SecondChances secondChances;

	@Autowired
	JdbcTemplate jdbc;

	@BeforeEach
	void accounts() {
		TestAccounts.ensure(this.accounts);
	}

	@Test
	void aPickupOpsMarkAsNotCollectedIsOfferedToTheNextWaitlistedFanByMailAndOnTheirAccount() {
		Hub hub = hub();
		String drop = openDrop();
		TestBrowser waiting = signedIn(TestAccounts.OTHER_FAN);
		waiting.get("/drops/" + drop);
		waiting.post("/drops/" + drop + "/waitlist", Map.of());
		TestBrowser fan = signedIn(TestAccounts.FAN);
		fan.get("/drops/" + drop);
		Page reserved = fan.post("/drops/" + drop + "/reserve",
				Map.of("sku", sku(drop), "quantity", "1", "key", UUID.randomUUID().toString()));
		String checkoutPath = URI.create(reserved.location().orElseThrow()).getPath();
		fan.follow(reserved);
		CheckoutChoices.PickupDay day = this.choices.choicesFor(item(drop), 1)
			.pickupHubs()
			.stream()
			.filter(offered -> offered.hub().slug().equals(hub.slug()))
			.findFirst()
			.orElseThrow()
			.days()
			.getFirst();
		Page paid = fan.post(checkoutPath + "/pay", Map.of("cardNumber", "4242424242424242", "method", "PICKUP", "hub",
				hub.slug(), "slot-" + hub.slug(), day.day() + "|" + day.slots().getFirst().starts()));
		String orderPath = URI.create(paid.location().orElseThrow()).getPath();
		UUID order = UUID.fromString(orderPath.substring(orderPath.lastIndexOf('/') + 1));
		UUID id = await().atMost(Duration.ofSeconds(15))
			.until(() -> this.jdbc.queryForList("select id from fulfilment_orders where order_id = ?", UUID.class,
					order), found -> !found.isEmpty())
			.getFirst();
		TestBrowser ops = signedIn(TestAccounts.OPS);
		ops.get("/ops/orders/" + id);
		for (String step : new String[] { "PICKING", "PACKED", "READY_FOR_PICKUP" }) {
			ops.follow(ops.post("/ops/orders/" + id + "/move", Map.of("to", step)));
		}
		assertThat(ops.get("/ops/orders/" + id).body()).contains("Not collected: mark as no-show")
			.contains("Yes, mark as no-show and refund");
		assertThat(ops.get("/ops/orders/" + id + "/slip").body()).contains("Your first drop with Keycap Collectors");

		Page marked = ops.post("/ops/orders/" + id + "/move", Map.of("to", "NO_SHOW"));
		assertThat(ops.follow(marked).body()).contains("Moved to Not collected.")
			.contains("Ready for pickup → Not collected, by Test Ops");

		await().atMost(Duration.ofSeconds(15))
			.until(() -> this.jdbc.queryForObject("select payment_status from orders where id = ?", String.class,
					order), "REFUNDED"::equals);
		this.secondChances.runDue();
		String mail = await().atMost(Duration.ofSeconds(15))
			.until(() -> this.jdbc.queryForList(
					"select text_body from mail_outbox where template = 'second-chance' and recipient = ?",
					String.class, TestAccounts.OTHER_FAN), found -> !found.isEmpty())
			.getFirst();
		assertThat(mail).contains("#1 is held for you").contains("/checkout/");
		Page account = waiting.get("/account");
		assertThat(account.body()).contains("A second chance for you").contains("Buy it now");
		assertThat(fan.get("/account").body()).doesNotContain("A second chance for you");
	}

	@Test
	void anOrderOpsCancelIsRefundedShownAsCancelledToTheFanAndOfferedToTheNextWaitlistedFan() {
		Hub hub = hub();
		String drop = openDrop();
		TestBrowser waiting = signedIn(TestAccounts.OTHER_FAN);
		waiting.get("/drops/" + drop);
		waiting.post("/drops/" + drop + "/waitlist", Map.of());
		TestBrowser fan = signedIn(TestAccounts.FAN);
		UUID order = paidPickup(fan, drop, hub);
		UUID id = await().atMost(Duration.ofSeconds(15))
			.until(() -> this.jdbc.queryForList("select id from fulfilment_orders where order_id = ?", UUID.class,
					order), found -> !found.isEmpty())
			.getFirst();
		TestBrowser ops = signedIn(TestAccounts.OPS);
		assertThat(ops.get("/ops/orders/" + id).body()).contains("Cancel this order")
			.contains("The fan is refunded in full and told why. While the drop is still open (and not a draw), the"
					+ " edition is offered to the next fan on its waitlist")
			.contains("Yes, cancel the order and refund");

		Page cancelled = ops.post("/ops/orders/" + id + "/move",
				Map.of("to", "CANCELLED", "note", "The piece was damaged in transit"));
		assertThat(ops.follow(cancelled).body()).contains("Moved to Cancelled.");

		await().atMost(Duration.ofSeconds(15))
			.until(() -> this.jdbc.queryForObject("select payment_status from orders where id = ?", String.class,
					order), "REFUNDED"::equals);
		assertThat(this.jdbc.queryForObject("select status from orders where id = ?", String.class, order))
			.isEqualTo("CANCELLED");
		assertThat(fan.get("/account/orders/" + order).body())
			.contains("This order was cancelled, so you were refunded in full.")
			.contains("The piece was damaged in transit")
			.contains("Refunded in full");
		assertThat(fan.get("/account/orders").body()).contains("Cancelled: refunded in full.");
		assertThat(this.jdbc.queryForObject(
				"select cause from second_chance_offers o join accounts a on a.id = o.account_id"
						+ " where o.drop_item_id = ? and a.email = ?",
				String.class, item(drop), TestAccounts.OTHER_FAN))
			.isEqualTo("CANCELLED");
		this.secondChances.runDue();
		assertThat(waiting.get("/account").body()).contains("A second chance for you");
		assertThat(this.jdbc.queryForObject(
				"select count(*) from mail_outbox where template = 'order-cancelled'"
						+ " and recipient = ? and text_body like ?",
				Long.class, TestAccounts.FAN, "%The piece was damaged in transit%"))
			.isOne();
	}

	@Test
	void tellsTheFanTheirRefundIsOnItsWayWhileACancelledOrderIsNotRefundedYet() {
		Hub hub = hub();
		String drop = openDrop();
		TestBrowser fan = signedIn(TestAccounts.FAN);
		UUID order = paidPickup(fan, drop, hub);
		await().atMost(Duration.ofSeconds(15))
			.until(() -> this.jdbc.queryForObject("select count(*) from fulfilment_orders where order_id = ?",
					Long.class, order), found -> found == 1);
		assertThat(fan.get("/account/orders/" + order).body()).contains("See your collection");
		// Cancelled by ops, its refund not made yet (refused by the payment provider,
		// say): the cancellation is recorded, the order is still paid.
		this.jdbc.update("update fulfilment_orders set status = 'CANCELLED', cancel_reason = ? where order_id = ?",
				"Lost in the post room", order);

		assertThat(fan.get("/account/orders/" + order).body())
			.contains("This order was cancelled. Your refund is on its way: you will get an e-mail once it is made.")
			.contains("Lost in the post room")
			.doesNotContain("refunded in full")
			.as("a cancelled order is not celebrated")
			.doesNotContain("See your collection");
		String number = this.jdbc.queryForObject("select number from orders where id = ?", String.class, order);
		String list = fan.get("/account/orders").body();
		String item = list.substring(list.indexOf(number + " · "));
		assertThat(item.substring(0, item.indexOf("</li>"))).contains("Cancelled: your refund is on its way.")
			.as("no pickup promised of a cancelled order")
			.doesNotContain("Pickup at");
	}

	private UUID paidPickup(TestBrowser fan, String drop, Hub hub) {
		fan.get("/drops/" + drop);
		Page reserved = fan.post("/drops/" + drop + "/reserve",
				Map.of("sku", sku(drop), "quantity", "1", "key", UUID.randomUUID().toString()));
		String checkoutPath = URI.create(reserved.location().orElseThrow()).getPath();
		fan.follow(reserved);
		CheckoutChoices.PickupDay day = this.choices.choicesFor(item(drop), 1)
			.pickupHubs()
			.stream()
			.filter(offered -> offered.hub().slug().equals(hub.slug()))
			.findFirst()
			.orElseThrow()
			.days()
			.getFirst();
		Page paid = fan.post(checkoutPath + "/pay", Map.of("cardNumber", "4242424242424242", "method", "PICKUP", "hub",
				hub.slug(), "slot-" + hub.slug(), day.day() + "|" + day.slots().getFirst().starts()));
		String orderPath = URI.create(paid.location().orElseThrow()).getPath();
		return UUID.fromString(orderPath.substring(orderPath.lastIndexOf('/') + 1));
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

	private String openDrop() {
		java.time.Instant now = java.time.Instant.now();
		return TestDrops.drop(this.communities, this.catalog, this.drops, "Second chance", AccessMode.FIRST_COME,
				new Timeline(now.minusSeconds(7200), null, now.minusSeconds(60), now.plusSeconds(86_400)), true);
	}

	private String sku(String drop) {
		var skuId = this.drops.require(drop).items().getFirst().sku();
		return this.jdbc.queryForObject("select slug from skus where id = ?", String.class, skuId.value());
	}

	private UUID item(String drop) {
		return this.drops.require(drop).items().getFirst().id();
	}

	private TestBrowser signedIn(String email) {
		TestBrowser browser = new TestBrowser("http://localhost:" + this.port);
		browser.signIn(email, TestAccounts.PASSWORD);
		return browser;
	}

}
