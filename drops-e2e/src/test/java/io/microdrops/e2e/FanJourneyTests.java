package io.microdrops.e2e;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FilePayload;
import io.microdrops.testsupport.TestImages;
import org.junit.jupiter.api.Test;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Journey 2: a fan on a phone, from sign-up to a paid, numbered edition; a second fan
 * reaching for the same last unit at the same moment meets "sold out".
 */
@BrowserJourney
class FanJourneyTests {

	private static final String FAN_PASSWORD = "cassette-loops-at-dawn";

	/**
	 * What a drop page may weigh for a fan on a phone: HTML, CSS and JavaScript over the
	 * wire.
	 */
	private static final long DROP_PAGE_BUDGET_BYTES = 60_000;

	@Test
	void fanSignsUpQueuesAndBuysTheLastUnitWhileASecondFanMeetsSoldOut(Journey journey) {
		String id = journey.unique();
		ZoneId london = ZoneId.of("Europe/London");

		// The shop's side: a community, a numbered SKU, and a drop of one single unit
		// whose early access for the waitlist starts tomorrow.
		Merchandiser admin = new Merchandiser(journey.desktop("admin"));
		admin.signIn("admin@example.com", journey.demoPassword());
		Merchandiser.Community community = Merchandiser.Community.named("tape-loopers-" + id, "Tape Loopers");
		admin.createCommunity(community);
		Merchandiser.Sku sku = Merchandiser.Sku.named("loop-cassette-" + id, "Loop cassette", 50);
		admin.createSku(sku);
		admin.addHero("Ninety minutes of loops",
				new FilePayload("cassette.png", "image/png", TestImages.image("png", 800, 450, 11)),
				"A clear cassette with hand-written loop names on its label");
		admin.addText("Dubbed in real time from reel to reel, so every tape is a little different.");
		LocalDateTime now = LocalDateTime.now(london).truncatedTo(ChronoUnit.MINUTES);
		Merchandiser.DropPlan drop = new Merchandiser.DropPlan("loop-cassette-one-off-" + id,
				"Loop cassette — the one-off", community.slug(), "FIRST_COME", now.minusDays(1), now.plusDays(1),
				now.plusDays(2), now.plusDays(4), sku.slug(), 1, 1);
		admin.createDrop(drop);
		admin.schedule();
		admin.actor().step("drop-announced");

		// The fan, on a phone.
		Actor fan = journey.phone("fan");
		Page page = fan.page();
		fan.open("/");
		fan.step("home");
		String email = "robin-" + id + "@example.com";
		fan.open("/signup");
		fan.step("sign-up-form");
		Storefront.signUp(fan, email, "Robin", FAN_PASSWORD);
		assertThat(page.locator(".email-status")).containsText("not confirmed");
		fan.step("account-unconfirmed");

		String mail = Storefront.openMail(admin.actor(), email, "Confirm your e-mail address");
		admin.actor().step("outbox-confirmation-mail");
		fan.open(Storefront.confirmationPath(mail));
		assertThat(page.locator("main h1")).hasText("Address confirmed");
		fan.step("email-confirmed");

		fan.open("/communities/" + community.slug());
		fan.step("community");
		fan.submit("form[action$='/join'] button[type=submit]");
		assertThat(page.locator("form[action$='/leave']")).hasCount(1);
		fan.step("community-joined");

		fan.open("/drops/" + drop.slug());
		assertThat(page.locator("[data-countdown]")).isVisible();
		assertThat(page.locator("form.reserve")).hasCount(0);
		fan.step("drop-page-announced");
		fan.submit("form[action$='/waitlist'] button[type=submit]");
		assertThat(page.locator("#waitlist .position")).containsText("number 1 of 1");
		fan.step("on-the-waitlist");

		// A second fan, in a browser of their own, queues too.
		Actor rival = journey.phone("second-fan");
		Storefront.signUp(rival, "sam-" + id + "@example.com", "Sam", FAN_PASSWORD);
		rival.open("/drops/" + drop.slug());
		rival.submit("form[action$='/waitlist'] button[type=submit]");
		assertThat(rival.page().locator("#waitlist .position")).containsText("number 2 of 2");
		rival.step("on-the-waitlist");

		// Early access starts: the merchandiser brings it forward to now.
		admin.reviseTimeline(drop.withEarlyAccessAt(now.minusMinutes(1)));
		admin.actor().step("early-access-open");
		Storefront.openMail(admin.actor(), email, "is open to you now");
		admin.actor().step("outbox-early-access-invitation");

		fan.open("/drops/" + drop.slug());
		assertThat(page.locator("form.reserve")).hasCount(1);
		assertThat(page.locator(".stock-list .remaining")).containsText("1 of 1");
		fan.step("drop-page-early-access");
		fan.weigh("drop-page-early-access");
		rival.open("/drops/" + drop.slug());
		assertThat(rival.page().locator("form.reserve")).hasCount(1);

		// Both reach for the one unit at the same moment: the buttons are pressed from
		// the
		// pages' own scripts, which return at once, so both requests are on their way
		// together (a Playwright click would wait for the first page to load).
		page.locator("form.reserve button[type=submit]").evaluate("button => button.click()");
		rival.page().locator("form.reserve button[type=submit]").evaluate("button => button.click()");
		Locator fanOutcome = page.locator("form[action$='/pay'], main .flash");
		Locator rivalOutcome = rival.page().locator("form[action$='/pay'], main .flash");
		assertThat(fanOutcome.first()).isVisible();
		assertThat(rivalOutcome.first()).isVisible();
		boolean fanWon = page.locator("form[action$='/pay']").count() == 1;
		boolean rivalWon = rival.page().locator("form[action$='/pay']").count() == 1;
		assertThat(fanWon ^ rivalWon).as("exactly one fan holds the only unit").isTrue();
		Actor buyer = fanWon ? fan : rival;
		Actor late = fanWon ? rival : fan;

		assertThat(late.page().locator("main .flash")).containsText("Sold out");
		late.step("sold-out");

		Page checkout = buyer.page();
		assertThat(checkout.locator("main .tags li")).hasText("#1 of 50");
		Locator clock = checkout.locator("[data-countdown-text]");
		String shown = clock.textContent();
		// The countdown ticks: its text changes within a few seconds.
		assertThat(clock).not().hasText(shown);
		buyer.step("hold-with-countdown-and-edition");

		checkout.locator("#cardNumber").fill("4242424242424242");
		checkout.locator("#method-shipping").check();
		checkout.locator("#address").fill("4 Reel Street, Bristol BS1 4ZZ");
		buyer.submit("form[action$='/pay'] button[type=submit]");
		checkout.waitForURL("**/account/orders/*");
		assertThat(checkout.locator("main h1")).containsText("Order");
		assertThat(checkout.locator("main .tags li")).hasText("#1 of 50");
		buyer.step("order-paid");
		buyer.open("/account/orders");
		assertThat(checkout.locator("main")).containsText("Loop cassette");
		buyer.step("orders");

		late.open("/drops/" + drop.slug());
		assertThat(late.page().locator(".stock-list .remaining")).containsText("0 of 1");
		late.step("drop-page-after-sell-out");

		PageWeight dropPage = journey.weights()
			.stream()
			.filter(weight -> weight.path().equals("/drops/" + drop.slug()))
			.max(java.util.Comparator.comparingLong(PageWeight::transferred))
			.orElseThrow();
		assertThat(dropPage.transferred()).as("drop page weight over the wire: %s", dropPage)
			.isLessThanOrEqualTo(DROP_PAGE_BUDGET_BYTES);
	}

}
