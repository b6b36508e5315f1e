package io.microdrops.e2e;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Journey 3: a fan pays for a unit to pick up at a micro-hub; ops at a desktop find the
 * order in the hub's queue, pick it, pack it, mark it ready, and hand it over against the
 * code the fan shows; the order is then collected, for ops and for the fan.
 */
@BrowserJourney
class OpsHubJourneyTests {

	/** A demo hub open every day of the week. */
	private static final String HUB = "manchester-northern-quarter";

	private static final String HUB_NAME = "Manchester — Northern Quarter";

	private static final String FAN_PASSWORD = "pick-it-up-on-oldham-street";

	@Test
	void opsPickPackAndHandOverAPickupAgainstTheFansCode(Journey journey) {
		String id = journey.unique();
		ZoneId london = ZoneId.of("Europe/London");

		// The shop's side: a drop that opened an hour ago, first come, first served.
		Merchandiser admin = new Merchandiser(journey.desktop("admin"));
		admin.signIn("admin@example.com", journey.demoPassword());
		Merchandiser.Community community = Merchandiser.Community.named("enamel-pins-" + id, "Enamel Pin Swappers");
		admin.createCommunity(community);
		Merchandiser.Sku sku = Merchandiser.Sku.named("moth-pin-" + id, "Night moth pin", 30);
		admin.createSku(sku);
		LocalDateTime now = LocalDateTime.now(london).truncatedTo(ChronoUnit.MINUTES);
		Merchandiser.DropPlan drop = new Merchandiser.DropPlan("moth-pin-run-" + id, "Night moth pin — first run",
				community.slug(), "FIRST_COME", now.minusDays(1), null, now.minusHours(1), now.plusDays(3), sku.slug(),
				10, 1);
		admin.createDrop(drop);
		// Scheduled after its opening, the drop is live at once.
		admin.actor().submit("form[action$='/schedule'] button[type=submit]");
		assertThat(admin.actor().page().locator(".state.state-LIVE")).hasCount(1);
		admin.actor().step("drop-live");

		// A fan on a phone buys one, to pick up at the Manchester hub.
		Actor fan = journey.phone("fan");
		Page shop = fan.page();
		String email = "kit-" + id + "@example.com";
		Storefront.signUp(fan, email, "Kit", FAN_PASSWORD);
		fan.open("/drops/" + drop.slug());
		assertThat(shop.locator("form.reserve")).hasCount(1);
		fan.step("drop-page-live");
		fan.submit("form.reserve button[type=submit]");
		shop.waitForURL("**/checkout/*");
		shop.locator("#cardNumber").fill("4242424242424242");
		shop.locator("#method-pickup").check();
		shop.locator("#hub-" + HUB).check();
		fan.step("checkout-pickup-at-hub");
		fan.submit("form[action$='/pay'] button[type=submit]");
		shop.waitForURL("**/account/orders/*");
		String orderPage = QualityGates.path(shop.url());
		String orderNumber = shop.locator("main h1").textContent().strip().replaceFirst("^Order\\s+", "");
		assertThat(orderNumber).as("the order number in the page's heading").isNotEmpty();
		// The hub learns of the order from an event: wait until the page shows its
		// pickup.
		Locator pickupDay = shop.locator(".fulfilment-status time[datetime]");
		awaitOnPage(fan, orderPage, pickupDay, "the pickup day on the fan's order page");
		assertThat(shop.locator(".fulfilment-status .state")).hasText("Pending");
		assertThat(shop.locator(".fulfilment-status")).containsText(HUB_NAME);
		assertThat(shop.locator("main .facts").first()).containsText("Pick up at a micro-hub — " + HUB_NAME);
		String day = pickupDay.getAttribute("datetime");
		fan.step("order-paid-pickup-pending");

		// Ops at the hub's desktop.
		Actor ops = journey.desktop("ops");
		Page desk = ops.page();
		ops.open("/login");
		desk.locator("#username").fill("ops@example.com");
		desk.locator("#password").fill(journey.demoPassword());
		ops.submit("main form button[type=submit]");
		desk.waitForURL("**/ops");
		assertThat(desk.locator("header nav a[href='/ops/analytics']")).hasText("Dashboards");
		ops.step("ops-overview");

		ops.open("/ops/queue?hub=" + HUB + "&day=" + day);
		Locator row = desk.locator("table.queue tbody tr").filter(new Locator.FilterOptions().setHasText(orderNumber));
		assertThat(row).hasCount(1);
		assertThat(row).containsText("Kit");
		assertThat(row).containsText("1 × Night moth pin");
		assertThat(row.locator(".state")).hasText("Pending");
		ops.step("hub-queue");

		// Picking starts from the queue, for the selected orders.
		row.locator("input[type=checkbox]").check();
		ops.submit("form[action='/ops/queue/batch'] button[value=PICKING]");
		assertThat(desk.locator("main .flash")).containsText("1 order moved to");
		assertThat(row.locator(".state")).hasText("Picking");
		ops.step("queue-picking");

		// Packing and readiness from the order's own page.
		row.locator("a").first().click();
		desk.waitForURL("**/ops/orders/*");
		assertThat(desk.locator("main h1")).hasText("Order " + orderNumber);
		ops.step("order-picking");
		ops.submit("form[action$='/move']:has(input[value=PACKED]) button[type=submit]");
		assertThat(desk.locator(".page-head .state")).hasText("Packed");
		ops.step("order-packed");
		ops.submit("form[action$='/move']:has(input[value=READY_FOR_PICKUP]) button[type=submit]");
		assertThat(desk.locator(".page-head .state")).hasText("Ready for pickup");
		assertThat(desk.locator("main")).containsText("Hand it over at the counter");
		ops.step("order-ready");

		// The fan's order page shows the code to show at the counter; the mail says it
		// too.
		fan.open(orderPage);
		assertThat(shop.locator(".fulfilment-status .state")).hasText("Ready for pickup");
		Locator code = shop.locator(".pickup-code .code");
		assertThat(code).isVisible();
		assertThat(shop.locator(".pickup-code img")).hasJSProperty("complete", true);
		String pickupCode = code.textContent().strip();
		assertThat(pickupCode).as("the pickup code").matches("[A-Z0-9-]{4,12}");
		fan.step("order-ready-with-code");
		String mail = Storefront.openMail(admin.actor(), email, "Order " + orderNumber + " is ready for pickup");
		assertThat(mail).contains(pickupCode);
		admin.actor().step("outbox-pickup-ready-mail");

		// At the counter: the fan shows the code, ops type it.
		ops.open("/ops/pickups?hub=" + HUB);
		assertThat(desk.locator("main h1")).containsText(HUB_NAME);
		ops.step("pickups-counter");
		desk.locator("#code").fill(pickupCode);
		ops.submit("form[action='/ops/pickups/handover'] button[type=submit]");
		assertThat(desk.locator(".handed-over")).containsText(orderNumber + " handed over to Kit");
		ops.step("handed-over");

		// The same code does not work twice.
		desk.locator("#code").fill(pickupCode);
		ops.submit("form[action='/ops/pickups/handover'] button[type=submit]");
		assertThat(desk.locator("main .alert.error")).isVisible();
		ops.step("code-used-twice-refused");

		ops.open("/ops/queue?hub=" + HUB + "&day=" + day);
		assertThat(row.locator(".state")).hasText("Collected");
		row.locator("a").first().click();
		desk.waitForURL("**/ops/orders/*");
		assertThat(desk.locator(".page-head .state")).hasText("Collected");
		assertThat(desk.locator("ol.history li")).hasCount(5);
		ops.step("order-collected");

		fan.open(orderPage);
		assertThat(shop.locator(".fulfilment-status .state")).hasText("Collected");
		assertThat(shop.locator(".pickup-code")).hasCount(0);
		fan.step("order-collected");
	}

	/**
	 * Reloads a page until something shows on it, for up to 30 s.
	 */
	private static void awaitOnPage(Actor actor, String path, Locator locator, String what) {
		// Playwright is single-threaded: poll on this thread.
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofSeconds(1))
			.pollInSameThread()
			.alias(what)
			.until(() -> {
				actor.open(path);
				return locator.count() > 0;
			});
	}

}
