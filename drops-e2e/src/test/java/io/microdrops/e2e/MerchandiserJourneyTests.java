package io.microdrops.e2e;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FilePayload;
import io.microdrops.testsupport.TestImages;
import org.junit.jupiter.api.Test;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * Journey 1: a merchandiser at a desktop plans a drop from nothing: a community, a SKU
 * with a story and an uploaded image, a drop, its schedule, and sees it on the calendar.
 */
@BrowserJourney
class MerchandiserJourneyTests {

	@Test
	void merchandiserPlansADropFromCommunityToCalendar(Journey journey) {
		Merchandiser merch = new Merchandiser(journey.desktop("merchandiser"));
		Actor actor = merch.actor();
		Page page = actor.page();
		String id = journey.unique();

		actor.open("/login");
		actor.step("sign-in-form");
		merch.signIn("merch@example.com", journey.demoPassword());
		actor.step("admin-overview");

		Merchandiser.Community community = Merchandiser.Community.named("desk-synths-" + id, "Desk Synth Tinkerers");
		merch.openNewCommunityForm();
		actor.step("new-community-form");
		merch.fillCommunity(community);
		merch.submitMainForm();
		page.waitForURL("**/admin/communities");
		assertThat(page.locator("main")).containsText(community.name());
		actor.step("community-created");

		Merchandiser.Sku sku = Merchandiser.Sku.named("pocket-synth-" + id, "Pocket synth kit", 100);
		merch.openNewSkuForm();
		actor.step("new-sku-form");
		merch.fillSku(sku);
		merch.submitMainForm();
		page.waitForURL("**/admin/skus/" + sku.slug() + "/story");
		actor.step("story-editor-empty");

		merch.openAddForm("hero");
		actor.step("hero-form-open");
		merch.addHero("Eight voices in your pocket",
				new FilePayload("pocket-synth.png", "image/png", TestImages.image("png", 640, 360, 7)),
				"A green circuit board with eight brass knobs");
		assertThat(page.locator(".block-list img.thumb")).hasAttribute("alt",
				"A green circuit board with eight brass knobs");
		assertThat(page.locator(".block-list img.thumb")).hasJSProperty("complete", true);
		actor.step("story-with-hero");
		merch.addText("Every kit is **tested twice** before it ships: once by Ada, once by a fan.");
		assertThat(page.locator(".block-list > li")).hasCount(2);
		actor.step("story-with-text");

		actor.open("/admin/skus/" + sku.slug() + "/preview");
		assertThat(page.locator("main")).containsText("Eight voices in your pocket");
		actor.step("story-preview");

		ZoneId london = ZoneId.of("Europe/London");
		LocalDateTime opens = LocalDateTime.now(london).plusDays(10).withHour(18).truncatedTo(ChronoUnit.HOURS);
		Merchandiser.DropPlan drop = new Merchandiser.DropPlan("pocket-synth-first-run-" + id,
				"Pocket synth — first run", community.slug(), "FIRST_COME", opens.minusDays(3), opens.minusMinutes(30),
				opens, opens.plusDays(2), sku.slug(), 40, 1);
		merch.openNewDropForm();
		actor.step("new-drop-form");
		merch.fillDrop(drop);
		merch.submitMainForm();
		page.waitForURL("**/admin/drops/" + drop.slug());
		assertThat(page.locator("main h1")).hasText(drop.title());
		actor.step("drop-draft");

		merch.schedule();
		actor.step("drop-scheduled");

		String month = opens.format(DateTimeFormatter.ofPattern("yyyy-MM"));
		actor.open("/admin/calendar?community=" + community.slug() + "&month=" + month);
		assertThat(page.locator("table.calendar a[href='/admin/drops/" + drop.slug() + "']"))
			.containsText(drop.title());
		assertThat(page.locator("main section a[href='/admin/drops/" + drop.slug() + "']")).hasText(drop.title());
		actor.step("calendar-month");

		actor.open("/admin/calendar?community=" + community.slug() + "&month=" + month + "&view=list");
		assertThat(page.locator("main section a[href='/admin/drops/" + drop.slug() + "']")).hasText(drop.title());
		actor.step("calendar-list");
	}

}
