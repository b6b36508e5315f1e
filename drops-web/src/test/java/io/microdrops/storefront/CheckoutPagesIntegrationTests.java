package io.microdrops.storefront;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.microdrops.account.AccountManagement;
import io.microdrops.catalog.CatalogManagement;
import io.microdrops.catalog.SkuDetails;
import io.microdrops.community.CommunityDetails;
import io.microdrops.community.CommunityManagement;
import io.microdrops.drop.AccessMode;
import io.microdrops.drop.DropManagement;
import io.microdrops.drop.DropPlan;
import io.microdrops.drop.NewDropItem;
import io.microdrops.drop.Timeline;
import io.microdrops.shared.Money;
import io.microdrops.testsupport.TestBrowser;
import io.microdrops.testsupport.TestBrowser.Page;
import io.microdrops.web.TestAccounts;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A fan buys the last unit through the pages, over real HTTP; a second fan meets sold
 * out.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class CheckoutPagesIntegrationTests {

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
	JdbcTemplate jdbc;

	@Test
	void aDeclinedCardKeepsTheChosenDeliveryForTheNextTry() {
		String drop = oneUnitDrop();
		TestBrowser fan = signedInFan();
		Page reserved = reserve(fan, drop);
		String checkoutPath = java.net.URI.create(reserved.location().orElseThrow()).getPath();

		Page declined = fan.post(checkoutPath + "/pay", Map.of("cardNumber", "4000 0000 0000 0002", "method",
				"SHIPPING", "address", "7 Kept Lane, Leeds", "postcode", "LS1 4AB"));

		String page = fan.follow(declined).body();
		assertThat(page).contains("declined").contains("7 Kept Lane, Leeds").contains("value=\"LS1 4AB\"");
		assertThat(page)
			.containsPattern("<input[^>]*value=\"SHIPPING\"[^>]*checked|<input[^>]*checked[^>]*value=\"SHIPPING\"");
		assertThat(this.jdbc.queryForObject("select count(*) from orders o join drop_items i on i.id = o.drop_item_id "
				+ "join drops d on d.id = i.drop_id where d.slug = ?", Long.class, drop))
			.isZero();
	}

	@Test
	void aMissingAddressOrHubIsNamedNextToItsFieldAndKeepsTheRestOfTheChoice() {
		String drop = oneUnitDrop();
		TestBrowser fan = signedInFan();
		String checkoutPath = java.net.URI.create(reserve(fan, drop).location().orElseThrow()).getPath();

		String page = fan
			.follow(fan.post(checkoutPath + "/pay",
					Map.of("cardNumber", "4242 4242 4242 4242", "method", "LOCAL_DELIVERY", "postcode", "LS1 4AB")))
			.body();
		assertThat(page).containsPattern("id=\"address-error\"[^>]*>Please enter the address to deliver to.<")
			.contains("value=\"LS1 4AB\"")
			// Named at the top too, linking to the field, before the item and the form.
			.containsPattern(
					"(?s)Please check how it reaches you.{0,200}<a href=\"#address\">Please enter the address to deliver to.</a>.*<h2");

		page = fan
			.follow(fan.post(checkoutPath + "/pay", Map.of("cardNumber", "4242 4242 4242 4242", "method", "PICKUP")))
			.body();
		assertThat(page).containsPattern("id=\"pickup-error\"[^>]*>Please choose a hub to pick up at.<")
			.contains("<a href=\"#pickup-error\">Please choose a hub to pick up at.</a>");
		assertThat(this.jdbc.queryForObject("select count(*) from orders o join drop_items i on i.id = o.drop_item_id "
				+ "join drops d on d.id = i.drop_id where d.slug = ?", Long.class, drop))
			.isZero();
	}

	@Test
	void aPriceChangedWhileTheCheckoutPageWasOpenIsShownBeforeAnythingIsCharged() {
		String drop = oneUnitDrop();
		TestBrowser fan = signedInFan();
		Page reserved = reserve(fan, drop);
		String checkoutPath = java.net.URI.create(reserved.location().orElseThrow()).getPath();
		String shown = fan.follow(reserved).body();
		assertThat(shown).contains("9.00 EUR");
		this.jdbc.update("update skus set price_minor = 1250 where slug = ?", "sku-" + drop);

		Page refused = fan.post(checkoutPath + "/pay", payment(shown));
		String again = fan.follow(refused).body();
		assertThat(again).contains("The price changed while this page was open, so nothing was charged.")
			.contains("12.50 EUR");
		assertThat(this.jdbc.queryForObject("select count(*) from orders o join drop_items i on i.id = o.drop_item_id "
				+ "join drops d on d.id = i.drop_id where d.slug = ?", Long.class, drop))
			.isZero();

		Page paid = fan.post(checkoutPath + "/pay", payment(again));
		assertThat(paid.location()).hasValueSatisfying(url -> assertThat(url).contains("/account/orders/"));
		assertThat(fan.follow(paid).body()).contains("12.50");
	}

	/**
	 * The pay form as the page filled it in: its key and shown total, a card, shipping.
	 */
	private static Map<String, String> payment(String page) {
		return Map.of("key", hidden(page, "key"), "shownTotal", hidden(page, "shownTotal"), "shownCurrency",
				hidden(page, "shownCurrency"), "cardNumber", "4242 4242 4242 4242", "method", "SHIPPING", "address",
				"3 Price Row, Leeds");
	}

	private static String hidden(String page, String name) {
		java.util.regex.Matcher matcher = java.util.regex.Pattern
			.compile("<input type=\"hidden\" name=\"" + name + "\" value=\"([^\"]*)\"")
			.matcher(page);
		assertThat(matcher.find()).as("the page's hidden field " + name).isTrue();
		return matcher.group(1);
	}

	@Test
	void aHoldPastItsExpiryWhosePaymentIsGoingThroughIsNotShownAsEnded() {
		String drop = oneUnitDrop();
		TestBrowser fan = signedInFan();
		String checkoutPath = java.net.URI.create(reserve(fan, drop).location().orElseThrow()).getPath();
		UUID hold = UUID.fromString(checkoutPath.substring(checkoutPath.lastIndexOf('/') + 1));
		// As the database holds it while a payment begun in time goes through past the
		// expiry (the payment itself is the core module's test).
		this.jdbc.update("update reservations set expires_at = now() - interval '1 second', paying = 1, "
				+ "paying_until = now() + interval '3 minutes' where id = ?", hold);

		assertThat(fan.get(checkoutPath).body()).contains("Your payment for this hold is going through")
			.doesNotContain("nothing was charged");

		this.jdbc.update("update reservations set paying = 0 where id = ?", hold);
		assertThat(fan.get(checkoutPath).body()).contains("This hold has ended and its units went back");
	}

	@Test
	void aFanWhoseDropClosedWhileItsPageWasOpenIsToldItIsOver() {
		String drop = oneUnitDrop();
		TestBrowser fan = signedInFan();
		assertThat(fan.get("/drops/" + drop).body()).contains("action=\"/drops/" + drop + "/reserve\"");
		this.drops.closeEarly(drop);

		Page refused = reserve(fan, drop);
		assertThat(fan.follow(refused).body())
			.contains("This drop is over: its sales have closed, so nothing was held for you.")
			.doesNotContain("not open to you yet");
		assertThat(this.jdbc.queryForObject(
				"select count(*) from reservations r join drop_items i "
						+ "on i.id = r.drop_item_id join drops d on d.id = i.drop_id where d.slug = ?",
				Long.class, drop))
			.isZero();
	}

	@Test
	void aFanReservesPaysAndSeesTheOrderWhileTheNextFanMeetsSoldOut() {
		String drop = oneUnitDrop();
		TestBrowser fan = signedInFan();

		Page reserved = reserve(fan, drop);
		assertThat(reserved.location()).hasValueSatisfying(url -> assertThat(url).contains("/checkout/"));
		Page checkout = fan.follow(reserved);
		assertThat(checkout.body()).contains("#1 of 50").contains("Held for you for").contains("demo — no money moves");
		String checkoutPath = java.net.URI.create(reserved.location().orElseThrow()).getPath();

		Page declined = fan.post(checkoutPath + "/pay",
				Map.of("cardNumber", "4000 0000 0000 0002", "method", "SHIPPING", "address", "1 Test Road"));
		assertThat(fan.follow(declined).body()).contains("declined");
		Page paid = fan.post(checkoutPath + "/pay",
				Map.of("cardNumber", "4242 4242 4242 4242", "method", "SHIPPING", "address", "1 Test Road"));
		assertThat(paid.location()).hasValueSatisfying(url -> assertThat(url).contains("/account/orders/"));
		Page order = fan.follow(paid);
		assertThat(order.body()).contains("Order D-").contains("#1 of 50").contains("1 Test Road");
		String orderPath = java.net.URI.create(paid.location().orElseThrow()).getPath();

		TestBrowser other = new TestBrowser("http://localhost:" + this.port);
		other.signIn(TestAccounts.OTHER_FAN, TestAccounts.PASSWORD);
		assertThat(other.get("/drops/" + drop).body()).contains("Sold out")
			.contains("0 of 1 left")
			.contains("Units come back if holds run out unpaid")
			.doesNotContain("action=\"/drops/" + drop + "/reserve\"");
		Page refused = other.post("/drops/" + drop + "/reserve", Map.of("sku", "sku-" + drop, "quantity", "1"));
		assertThat(other.follow(refused).body()).as("in the sold-out style, not the success one")
			.contains(
					"<p class=\"flash flash-sold-out\" role=\"status\">Sold out: every unit of this item is held or sold");
		assertThat(other.get(orderPath).status()).isEqualTo(404);
		assertThat(other.get(checkoutPath).status()).isEqualTo(404);
		assertThat(this.jdbc.queryForObject("select count(*) from orders o join drop_items i on i.id = o.drop_item_id "
				+ "join drops d on d.id = i.drop_id where d.slug = ?", Long.class, drop))
			.isEqualTo(1);
		assertThat(order.body()).doesNotContain("Refunded");
		this.jdbc.update("update orders set payment_status = 'REFUNDED' where reservation_id = ?::uuid",
				checkoutPath.substring(checkoutPath.lastIndexOf('/') + 1));
		assertThat(fan.get(orderPath).body()).contains("Refunded in full");
		String number = order.body().replaceAll("(?s).*Order (D-\\d+).*", "$1");
		await().atMost(Duration.ofSeconds(15))
			.untilAsserted(() -> assertThat(this.jdbc.queryForList(
					"select subject from mail_outbox where recipient = ? and template = 'order-confirmation'",
					String.class, TestAccounts.FAN))
				.contains("Your order " + number));
		assertThat(this.jdbc.queryForObject("select text_body from mail_outbox where subject = ?", String.class,
				"Your order " + number))
			.contains("in total. These numbers are yours now. We will write again when it is ready.\n\n"
					+ "Shipped to 1 Test Road; we will send you the tracking number.\n\nSee your order:");
	}

	private TestBrowser signedInFan() {
		TestAccounts.ensure(this.accounts);
		TestBrowser fan = new TestBrowser("http://localhost:" + this.port);
		fan.signIn(TestAccounts.FAN, TestAccounts.PASSWORD);
		return fan;
	}

	/** Reserves the drop's one SKU from its page, as the reserve form posts it. */
	private static Page reserve(TestBrowser fan, String drop) {
		fan.get("/drops/" + drop);
		return fan.post("/drops/" + drop + "/reserve",
				Map.of("sku", "sku-" + drop, "quantity", "1", "key", UUID.randomUUID().toString()));
	}

	private String oneUnitDrop() {
		String slug = "pages-" + UUID.randomUUID().toString().substring(0, 8);
		var community = this.communities.create(slug,
				new CommunityDetails("Pages " + slug, "Checkout pages", null, null, 500, ZoneId.of("UTC"), 0, 31));
		var sku = this.catalog.create("sku-" + slug,
				new SkuDetails("Enamel pin", Money.of(900, "EUR"), 50, null, null));
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		this.drops.createDraft(slug, new DropPlan(
				"Drop " + slug, community.id(), AccessMode.FIRST_COME, new Timeline(now.minus(Duration.ofHours(2)),
						null, now.minus(Duration.ofMinutes(1)), now.plus(Duration.ofDays(1))),
				10, null, List.of(new NewDropItem(sku.id(), 1, 1))));
		this.drops.schedule(slug, new DropManagement.Scheduler(null, false), null);
		return slug;
	}

}
