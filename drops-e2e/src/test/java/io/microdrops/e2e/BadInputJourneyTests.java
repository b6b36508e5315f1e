package io.microdrops.e2e;

import java.nio.charset.StandardCharsets;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FilePayload;
import org.junit.jupiter.api.Test;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Journey 5: empty and invalid input on the way. Each form answers with a message next to
 * each field at fault, tied to it for screen readers, keeps what was typed, and the
 * database holds nothing of it afterwards.
 */
@BrowserJourney
class BadInputJourneyTests {

	@Test
	void badInputIsExplainedNextToTheFieldsAndNothingIsSaved(Journey journey) {
		String id = journey.unique();
		Database database = journey.database();

		// A visitor on a phone signs up with nothing, then with nonsense.
		Actor visitor = journey.phone("visitor");
		Page signup = visitor.page();
		visitor.open("/signup");
		visitor.submit("form[action='/signup'] button[type=submit]");
		assertFieldErrors(signup, "email", "displayName", "password");
		visitor.step("sign-up-empty");
		String badEmail = "robin-at-" + id;
		signup.locator("#email").fill(badEmail);
		signup.locator("#displayName").fill("Robin");
		signup.locator("#password").fill("short");
		visitor.submit("form[action='/signup'] button[type=submit]");
		assertFieldErrors(signup, "email", "password");
		assertThat(signup.locator("#displayName")).hasValue("Robin");
		visitor.step("sign-up-invalid");
		assertThat(database.count("select count(*) from accounts where email like ?", "robin-at-" + id + "%")).isZero();

		// A merchandiser at a desktop: a community with nothing, then with nonsense.
		Merchandiser merch = new Merchandiser(journey.desktop("merchandiser"));
		Page admin = merch.actor().page();
		merch.signIn("merch@example.com", journey.demoPassword());
		merch.openNewCommunityForm();
		admin.locator("#targetSize").fill("");
		admin.locator("#minGapDays").fill("");
		merch.submitMainForm();
		assertFieldErrors(admin, "slug", "name", "description", "targetSize", "minGapDays");
		merch.actor().step("community-empty");
		String badName = "Nonsense community " + id;
		merch.fillCommunity(new Merchandiser.Community("Not a slug!", badName, "Fine description.", "Forum",
				"not a link", "0", "Europe/London", "-1", "40"));
		merch.submitMainForm();
		assertFieldErrors(admin, "slug", "homeChannelUrl", "targetSize", "minGapDays", "maxDropsPer30Days");
		assertThat(admin.locator("#name")).hasValue(badName);
		merch.actor().step("community-invalid");
		assertThat(database.count("select count(*) from communities where name = ?", badName)).isZero();
		merch.actor().open("/admin/communities");
		assertThat(admin.locator("main")).not().containsText(badName);

		// A SKU with nothing, then with a price that is not one.
		merch.openNewSkuForm();
		merch.submitMainForm();
		assertFieldErrors(admin, "slug", "name", "price");
		merch.actor().step("sku-empty");
		String badSku = "half-priced-" + id;
		merch.fillSku(new Merchandiser.Sku(badSku, "Half-priced kit", "twelve pounds", "GBP", "", "", ""));
		merch.submitMainForm();
		assertFieldErrors(admin, "price");
		assertThat(admin.locator("#price")).hasValue("twelve pounds");
		merch.actor().step("sku-price-not-a-number");
		admin.locator("#price").fill("12.00");
		admin.locator("#editionSize").fill("0");
		merch.submitMainForm();
		assertFieldErrors(admin, "editionSize");
		merch.actor().step("sku-edition-of-none");
		assertThat(database.count("select count(*) from skus where slug = ?", badSku)).isZero();

		// A story image that is no image, on a demo SKU.
		String deskmat = "night-shift-deskmat";
		long blocks = database
			.count("select count(*) from sku_story_blocks b join skus s on s.id = b.sku_id where s.slug = ?", deskmat);
		merch.actor().open("/admin/skus/" + deskmat + "/story");
		merch.openAddForm("hero");
		merch.submitAddForm("hero");
		assertFieldErrors(admin, "hero-headline", "hero-image", "hero-altText");
		merch.actor().step("hero-empty");
		merch.addHero("Looks like an image", new FilePayload("mat.png", "image/png",
				"This is a letter, not a picture.".getBytes(StandardCharsets.UTF_8)), "A desk mat");
		assertFieldErrors(admin, "hero-image");
		merch.actor().step("hero-not-an-image");
		assertThat(database
			.count("select count(*) from sku_story_blocks b join skus s on s.id = b.sku_id where s.slug = ?", deskmat))
			.isEqualTo(blocks);

		// A drop that closes before it opens.
		String badDrop = "backwards-" + id;
		merch.openNewDropForm();
		admin.locator("#slug").fill(badDrop);
		admin.locator("#title").fill("Closes before it opens");
		admin.locator("#community").selectOption("keycap-collectors");
		admin.locator("[id='items0.sku']").selectOption("night-shift-deskmat");
		admin.locator("[id='items0.quantity']").fill("10");
		admin.locator("[id='items0.perFanLimit']").fill("1");
		admin.locator("#opensAt").fill("2030-03-05T18:00");
		admin.locator("#closesAt").fill("2030-03-04T18:00");
		merch.submitMainForm();
		assertFieldErrors(admin, "closesAt");
		assertThat(admin.locator("#title")).hasValue("Closes before it opens");
		merch.actor().step("drop-closes-before-it-opens");
		assertThat(database.count("select count(*) from drops where slug = ?", badDrop)).isZero();

		// A fan pays for a held unit with a card the payment provider declines.
		Actor fan = journey.phone("fan");
		Page shop = fan.page();
		Storefront.signIn(fan, "fan@example.com", journey.demoPassword());
		long orders = database.count(
				"select count(*) from orders o join accounts a on a.id = o.account_id where a.email = ?",
				"fan@example.com");
		fan.open("/drops/night-shift-flash-drop");
		fan.submit("form.reserve button[type=submit]");
		shop.waitForURL("**/checkout/*");
		shop.locator("#cardNumber").fill("4000000000000002");
		shop.locator("#method-shipping").check();
		shop.locator("#address").fill("1 Any Street, Leeds");
		fan.submit("form[action$='/pay'] button[type=submit]");
		assertThat(shop.locator("main [role=alert]")).isVisible();
		fan.step("card-declined");
		assertThat(
				database.count("select count(*) from orders o join accounts a on a.id = o.account_id where a.email = ?",
						"fan@example.com"))
			.isEqualTo(orders);
		// Gives the unit back, so the demo drop keeps its stock.
		fan.submit("form[action$='/release'] button[type=submit]");
		shop.waitForURL("**/drops/night-shift-flash-drop**");
	}

	/**
	 * Each field shows its own message right after it, and says so to screen readers.
	 */
	private static void assertFieldErrors(Page page, String... fields) {
		for (String field : fields) {
			String error = field + "-error";
			assertThat(page.locator("[id='" + error + "']")).isVisible();
			assertThat(page.locator("[id='" + error + "']")).not().isEmpty();
			assertThat(page.locator("[id='" + field + "']")).hasAttribute("aria-invalid", "true");
			assertThat(page.locator("[id='" + field + "']")).hasAttribute("aria-describedby",
					java.util.regex.Pattern.compile("(^|\\s)" + error + "(\\s|$)"));
		}
	}

}
