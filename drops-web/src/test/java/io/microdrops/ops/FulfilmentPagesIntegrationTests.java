package io.microdrops.ops;

import java.net.URI;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
 * A fan buys with pickup at a hub through the pages; ops pick, pack and mark it ready
 * (the fan gets the mail with the code) and hand it over by code, once. Ops pages need
 * OPS; no fan sees another fan's pickup code.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class FulfilmentPagesIntegrationTests {

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
	JdbcTemplate jdbc;

	@BeforeEach
	void accounts() {
		TestAccounts.ensure(this.accounts);
	}

	@Test
	void opsPagesNeedTheOpsRole() {
		TestBrowser fan = signedIn(TestAccounts.FAN);
		TestBrowser merchandiser = signedIn(TestAccounts.MERCHANDISER);
		TestBrowser ops = signedIn(TestAccounts.OPS);
		TestBrowser admin = signedIn(TestAccounts.ADMIN);
		String drop = openDrop();
		for (String path : new String[] { "/ops/queue", "/ops/pickups", "/ops/hubs", "/ops/hubs/new",
				"/ops/pick-lists/" + drop }) {
			assertThat(browser().get(path).location()).hasValueSatisfying(url -> assertThat(url).endsWith("/login"));
			assertThat(fan.get(path).status()).isEqualTo(403);
			assertThat(merchandiser.get(path).status()).isEqualTo(403);
			assertThat(ops.get(path).status()).isEqualTo(200);
			assertThat(admin.get(path).status()).isEqualTo(200);
		}
		fan.get("/account");
		assertThat(fan.post("/ops/pickups/handover", Map.of("hub", "any", "code", "ACDEFG")).status()).isEqualTo(403);
		assertThat(fan.post("/ops/hubs", Map.of("slug", "sneaky", "name", "Sneaky")).status()).isEqualTo(403);
	}

	@Test
	void aFanBuysWithPickupAndOpsHandItOverByCodeOnce() {
		Hub hub = hub();
		String drop = openDrop();
		TestBrowser fan = signedIn(TestAccounts.FAN);

		// The fan chooses the hub's first day and slot on the checkout page.
		Page reserved = reserve(fan, drop);
		String checkoutPath = URI.create(reserved.location().orElseThrow()).getPath();
		Page checkout = fan.follow(reserved);
		CheckoutChoices.PickupDay day = firstPickupDay(drop, hub);
		String slot = day.day() + "|" + day.slots().getFirst().starts();
		assertThat(checkout.body()).contains("name=\"slot-" + hub.slug() + "\"")
			.contains("value=\"" + slot + "\"")
			.contains(hub.name());
		Page paid = fan.post(checkoutPath + "/pay", Map.of("cardNumber", "4242424242424242", "method", "PICKUP", "hub",
				hub.slug(), "slot-" + hub.slug(), slot));
		String orderPath = URI.create(paid.location().orElseThrow()).getPath();
		String code = await().atMost(Duration.ofSeconds(15)).until(() -> {
			Matcher found = Pattern.compile("<p class=\"code\">([A-Z0-9]{6})</p>").matcher(fan.get(orderPath).body());
			return found.find() ? found.group(1) : null;
		}, found -> found != null);
		Page order = fan.get(orderPath);
		assertThat(order.body()).contains(hub.name()).contains("Pending").contains(orderPath + "/pickup-code.png");
		// The receipt says where and when, as the order page does.
		Hub.PickupSlot chosen = day.slots().getFirst();
		String when = day.day().format(java.time.format.DateTimeFormatter.ofPattern("EEEE d MMMM", Locale.ENGLISH))
				+ ", " + chosen.starts() + "–" + chosen.ends();
		String orderId = orderPath.substring(orderPath.lastIndexOf('/') + 1);
		await().atMost(Duration.ofSeconds(15))
			.untilAsserted(() -> assertThat(this.jdbc.queryForList(
					"select text_body from mail_outbox where template = 'order-confirmation' "
							+ "and subject = (select 'Your order ' || number from orders where id = ?::uuid)",
					String.class, orderId))
				.singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
				.contains("Pickup at " + hub.name() + " (1 Counter Street): " + when + "."));
		assertThat(fan.get(orderPath + "/pickup-code.png").headers().firstValue("Content-Type")).contains("image/png");
		// The orders list says where and when too, and where the order stands.
		assertThat(listed(fan, orderPath)).contains("Pickup at " + hub.name() + ", " + when)
			.contains("fstate-PENDING\">Pending</span>");

		// Another fan sees neither the order nor its code.
		TestBrowser other = signedIn(TestAccounts.OTHER_FAN);
		assertThat(other.get(orderPath).status()).isEqualTo(404);
		assertThat(other.get(orderPath + "/pickup-code.png").status()).isEqualTo(404);
		assertThat(other.get("/account/orders").body()).doesNotContain(code);

		// Ops see it in the hub's queue for the day, pick, pack and mark it ready.
		TestBrowser ops = signedIn(TestAccounts.OPS);
		String queuePath = "/ops/queue?hub=" + hub.slug() + "&day=" + day.day();
		Page queue = ops.get(queuePath);
		String number = this.jdbc.queryForObject("select number from orders where id = ?", String.class,
				UUID.fromString(orderPath.substring(orderPath.lastIndexOf('/') + 1)));
		assertThat(queue.body()).contains(number).contains("Test Fan").doesNotContain(code);
		// A day before, the queue is empty and points to the day with the order.
		Page before = ops.get("/ops/queue?hub=" + hub.slug() + "&day=" + day.day().minusDays(1));
		assertThat(before.body()).contains("Nothing in this queue for the day.")
			.contains("href=\"/ops/queue?hub=" + hub.slug() + "&amp;day=" + day.day() + "\"")
			.contains("The next orders are for "
					+ day.day().format(java.time.format.DateTimeFormatter.ofPattern("EEEE d MMMM", Locale.ENGLISH)));
		UUID id = this.jdbc.queryForObject("select id from fulfilment_orders where order_number = ?", UUID.class,
				number);
		// A step skipped is refused with the order of the steps.
		Page skipped = ops.post("/ops/queue/batch",
				Map.of("ids", id.toString(), "to", "READY_FOR_PICKUP", "hub", hub.slug(), "day", day.day().toString()));
		assertThat(ops.follow(skipped).body()).contains("No order moved to Ready for pickup; 1 could not move: orders "
				+ "go one step at a time (Pending, Picking, Packed, then Ready for pickup");
		for (String step : new String[] { "PICKING", "PACKED", "READY_FOR_PICKUP" }) {
			Page moved = ops.post("/ops/queue/batch",
					Map.of("ids", id.toString(), "to", step, "hub", hub.slug(), "day", day.day().toString()));
			assertThat(ops.follow(moved).body()).contains("1 order moved");
		}
		assertThat(listed(fan, orderPath)).contains("fstate-READY_FOR_PICKUP\">Ready for pickup</span>");

		// The fan gets the mail with the code and a QR image anyone with the mail can
		// load.
		String html = await().atMost(Duration.ofSeconds(15))
			.until(() -> this.jdbc.queryForList(
					"select html_body from mail_outbox where template = 'pickup-ready' " + "and subject = ?",
					String.class, "Order " + number + " is ready for pickup"), list -> !list.isEmpty())
			.getFirst();
		assertThat(html).contains(code).contains(hub.name());
		Matcher qr = Pattern.compile("(/pickup-codes/[0-9a-f]{32}\\.png)").matcher(html);
		assertThat(qr.find()).isTrue();
		assertThat(browser().get(qr.group(1)).status()).isEqualTo(200);

		// A wrong code is refused; the right one hands over once; a reuse is refused.
		ops.get("/ops/pickups?hub=" + hub.slug());
		Page wrong = ops.post("/ops/pickups/handover", Map.of("hub", hub.slug(), "code", "ZZZZZZ"));
		assertThat(ops.follow(wrong).body()).contains("No order has this pickup code");
		Page handedOver = ops.post("/ops/pickups/handover", Map.of("hub", hub.slug(), "code", code.toLowerCase()));
		assertThat(ops.follow(handedOver).body()).contains(number + " handed over to Test Fan");
		Page again = ops.post("/ops/pickups/handover", Map.of("hub", hub.slug(), "code", code));
		assertThat(ops.follow(again).body()).contains("This code was used already");
		assertThat(this.jdbc.queryForObject("select status from fulfilment_orders where id = ?", String.class, id))
			.isEqualTo("COLLECTED");
		assertThat(browser().get(qr.group(1)).status()).isEqualTo(404);
		assertThat(fan.get(orderPath).body()).contains("Collected").doesNotContain("<p class=\"code\">");
		assertThat(ops.get("/ops/orders/" + id).body()).contains("Ready for pickup → Collected, by Test Ops");
	}

	@Test
	void aChoiceTheHubCannotServeIsRefusedNextToItsFieldAndALocalDeliveryReachesItsHubsQueue() {
		String area = area();
		Hub hub = hub(area);
		String drop = openDrop();
		TestBrowser fan = signedIn(TestAccounts.OTHER_FAN);
		Page reserved = reserve(fan, drop);
		String checkoutPath = URI.create(reserved.location().orElseThrow()).getPath();
		// The day an order placed now is delivered, next to the hub's area (the day's
		// rule itself is the fulfilment module's test).
		assertThat(fan.follow(reserved).body()).containsPattern(java.util.regex.Pattern.quote(hub.name()) + ": " + area
				+ "; same day before 23:59</span>\\s*<strong class=\"delivery-day\">— ordered now: delivered ");

		Page refused = fan.post(checkoutPath + "/pay", Map.of("cardNumber", "4242424242424242", "method",
				"LOCAL_DELIVERY", "address", "1 Far Away Road", "postcode", "ZZ99 9ZZ"));

		assertThat(refused.location()).hasValueSatisfying(url -> assertThat(url).endsWith(checkoutPath));
		Page again = fan.follow(refused);
		assertThat(again.body()).contains("id=\"postcode-error\"")
			.contains("No hub delivers to that postcode")
			.contains("1 Far Away Road")
			.contains("value=\"ZZ99 9ZZ\"");
		UUID reservation = UUID.fromString(checkoutPath.substring(checkoutPath.lastIndexOf('/') + 1));
		assertThat(this.jdbc.queryForObject(
				"select count(*) from orders o join reservations r on r.id = o.reservation_id " + "where r.id = ?",
				Long.class, reservation))
			.isZero();
	}

	@Test
	void aLocalDeliveryWhoseDayMovedSinceThePageWasShownIsRefusedAndPaidOnceConfirmed() {
		String area = area();
		Hub hub = hub(area);
		String drop = openDrop();
		TestBrowser fan = signedIn(TestAccounts.OTHER_FAN);
		Page reserved = reserve(fan, drop);
		String checkoutPath = URI.create(reserved.location().orElseThrow()).getPath();
		Matcher shownAt = Pattern.compile("name=\"shownAt\" value=\"([^\"]+)\"").matcher(fan.follow(reserved).body());
		assertThat(shownAt.find()).as("the page carries the moment it was shown").isTrue();
		assertThat(java.time.Instant.parse(shownAt.group(1))).isBetween(java.time.Instant.now().minusSeconds(60),
				java.time.Instant.now());
		Map<String, String> delivery = Map.of("cardNumber", "4242424242424242", "method", "LOCAL_DELIVERY", "hub",
				hub.slug(), "address", "2 Near Road", "postcode", area + " 1AB");

		// A page shown yesterday named yesterday: an order placed now goes out later.
		Map<String, String> stale = new java.util.HashMap<>(delivery);
		stale.put("shownAt", java.time.Instant.now().minus(Duration.ofDays(1)).toString());
		Page refused = fan.post(checkoutPath + "/pay", stale);
		assertThat(refused.location()).hasValueSatisfying(url -> assertThat(url).endsWith(checkoutPath));
		assertThat(fan.follow(refused).body()).contains("id=\"postcode-error\"")
			.contains("later than this page said: its same-day cut-off or its hours passed while you were paying")
			.contains("2 Near Road");
		UUID reservation = UUID.fromString(checkoutPath.substring(checkoutPath.lastIndexOf('/') + 1));
		assertThat(this.jdbc.queryForObject("select count(*) from orders where reservation_id = ?", Long.class,
				reservation))
			.isZero();

		// Shown the day again, the fan pays with the page's own moment.
		Map<String, String> again = new java.util.HashMap<>(delivery);
		again.put("shownAt", shownAt.group(1));
		Page paid = fan.post(checkoutPath + "/pay", again);
		assertThat(paid.location()).hasValueSatisfying(url -> assertThat(url).contains("/account/orders/"));
	}

	/** A postcode area of our own, so that no other test's hub delivers there. */
	private static String area() {
		java.util.Random random = new java.util.Random();
		return "Q" + (char) ('A' + random.nextInt(26)) + (10 + random.nextInt(89));
	}

	/** Reserves the drop's one SKU from its page, as the reserve form posts it. */
	private Page reserve(TestBrowser fan, String drop) {
		fan.get("/drops/" + drop);
		return fan.post("/drops/" + drop + "/reserve",
				Map.of("sku", sku(drop), "quantity", "1", "key", UUID.randomUUID().toString()));
	}

	@Test
	void anOrderFulfilmentHasNoRecordOfShowsItsDateAndItsHubByName() {
		Hub hub = hub();
		String drop = openDrop();
		TestBrowser fan = signedIn(TestAccounts.FAN);
		Page reserved = reserve(fan, drop);
		String checkoutPath = URI.create(reserved.location().orElseThrow()).getPath();
		fan.follow(reserved);
		CheckoutChoices.PickupDay day = firstPickupDay(drop, hub);
		Page paid = fan.post(checkoutPath + "/pay", Map.of("cardNumber", "4242424242424242", "method", "PICKUP", "hub",
				hub.slug(), "slot-" + hub.slug(), day.day() + "|" + day.slots().getFirst().starts()));
		String orderPath = URI.create(paid.location().orElseThrow()).getPath();
		UUID order = UUID.fromString(orderPath.substring(orderPath.lastIndexOf('/') + 1));
		assertThat(fan.get(orderPath).body()).contains("Ordered");

		// An order from before fulfilment kept records (as imported history is): placed
		// a year ago, with no fulfilment record.
		await().atMost(Duration.ofSeconds(15))
			.until(() -> this.jdbc.queryForObject("select count(*) from fulfilment_orders where order_id = ?",
					Integer.class, order) == 1);
		this.jdbc.update("delete from fulfilment_status_changes where fulfilment_order_id in "
				+ "(select id from fulfilment_orders where order_id = ?)", order);
		this.jdbc.update("delete from fulfilment_orders where order_id = ?", order);
		this.jdbc.update("update orders set created_at = timestamptz '2025-11-20 18:05:00+00' where id = ?", order);

		String page = fan.get(orderPath).body();
		assertThat(page).contains("20 Nov 2025, 18:05 (Europe/London)")
			.contains("Pick up at a micro-hub — " + hub.name())
			.doesNotContain("— " + hub.slug())
			.doesNotContain("reload in a moment");
		assertThat(listed(fan, orderPath)).contains("20 Nov 2025");
	}

	@Test
	void refusalsWithoutArgumentsShowOnTheirPagesAndAnUnknownPickListIsNotFound() {
		Hub hub = hub();
		String drop = openDrop();
		TestBrowser merch = signedIn(TestAccounts.MERCHANDISER);
		Matcher form = Pattern.compile("action=\"(/admin/drops/" + drop + "/fulfilment/items/[0-9a-f-]+)\"")
			.matcher(merch.get("/admin/drops/" + drop + "/fulfilment").body());
		assertThat(form.find()).isTrue();

		for (String units : new String[] { "2.5", "abc" }) {
			Page refused = merch.follow(merch.post(form.group(1), Map.of("mode", "split", "hub." + hub.slug(), units)));
			assertThat(refused.status()).isEqualTo(200);
			assertThat(refused.body()).contains("Please enter a whole number.");
			// The form comes back as it was sent, for the merchandiser to correct.
			assertThat(refused.body()).containsPattern("name=\"hub." + hub.slug() + "\"\\s+value=\"" + units + "\"")
				.containsPattern("value=\"split\"[^>]*checked");
		}
		Page tooMany = merch.follow(merch.post(form.group(1), Map.of("mode", "split", "hub." + hub.slug(), "9999")));
		assertThat(tooMany.body()).contains("but only").containsPattern("\\s+value=\"9999\"");
		// A stale page's item: the refusal still shows, above the items.
		Page stale = merch
			.follow(merch.post("/admin/drops/" + drop + "/fulfilment/items/" + java.util.UUID.randomUUID(),
					Map.of("mode", "split", "hub." + hub.slug(), "1")));
		assertThat(stale.body()).contains("That item is not part of this drop.");
		Page note = merch
			.follow(merch.post("/admin/drops/" + drop + "/fulfilment/note", Map.of("note", "Thanks! ".repeat(300))));
		assertThat(note.body()).contains("at most 2,000 characters").contains("Thanks! Thanks!");

		TestBrowser ops = signedIn(TestAccounts.OPS);
		assertThat(ops.get("/ops/pick-lists/" + drop).body()).contains("Pick list: Fulfilment");
		assertThat(ops.get("/ops/pick-lists/no-such-drop").status()).isEqualTo(404);
		// A refusal without arguments shows on the ops pages too.
		ops.get("/ops/pickups");
		Page unknownHub = ops.follow(ops.post("/ops/pickups/handover", Map.of("hub", "no-such-hub", "code", "ACDEFG")));
		assertThat(unknownHub.status()).isEqualTo(200);
		assertThat(unknownHub.body()).contains("Please choose a hub.");
	}

	private Hub hub() {
		return hub(null);
	}

	private Hub hub(String postcodes) {
		Map<DayOfWeek, OpeningWindow> hours = new EnumMap<>(DayOfWeek.class);
		for (DayOfWeek day : DayOfWeek.values()) {
			hours.put(day, new OpeningWindow(LocalTime.MIN, LocalTime.of(23, 59)));
		}
		return this.hubs
			.create(new HubDetails(TestDrops.unique("hub"), "Hub " + UUID.randomUUID().toString().substring(0, 6),
					"1 Counter Street", "UTC", null, null, 50, 60, postcodes, null, LocalTime.of(23, 59), true, hours));
	}

	private String openDrop() {
		java.time.Instant now = java.time.Instant.now();
		return TestDrops.drop(this.communities, this.catalog, this.drops, "Fulfilment", AccessMode.FIRST_COME,
				new Timeline(now.minusSeconds(7200), null, now.minusSeconds(60), now.plusSeconds(86_400)), true);
	}

	private String sku(String drop) {
		var skuId = this.drops.require(drop).items().getFirst().sku();
		return this.jdbc.queryForObject("select slug from skus where id = ?", String.class, skuId.value());
	}

	private UUID item(String drop) {
		return this.drops.require(drop).items().getFirst().id();
	}

	/** The hub's first pickup day offered for the drop's item. */
	private CheckoutChoices.PickupDay firstPickupDay(String drop, Hub hub) {
		return this.choices.choicesFor(item(drop), 1)
			.pickupHubs()
			.stream()
			.filter(offered -> offered.hub().slug().equals(hub.slug()))
			.findFirst()
			.orElseThrow()
			.days()
			.getFirst();
	}

	private TestBrowser browser() {
		return new TestBrowser("http://localhost:" + this.port);
	}

	private TestBrowser signedIn(String email) {
		TestBrowser browser = browser();
		browser.signIn(email, TestAccounts.PASSWORD);
		return browser;
	}

	/** The order's own entry in the fan's orders list. */
	private static String listed(TestBrowser fan, String orderPath) {
		String list = fan.get("/account/orders").body();
		String item = list.substring(list.indexOf("href=\"" + orderPath + "\""));
		return item.substring(0, item.indexOf("</li>"));
	}

}
