package io.microdrops.e2e;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FilePayload;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * What staff do in the admin pages, through the forms, the way a person fills them in.
 * Methods leave the browser on the page the form led to; the journey takes its steps.
 */
final class Merchandiser {

	private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

	private final Actor actor;

	private final Page page;

	Merchandiser(Actor actor) {
		this.actor = actor;
		this.page = actor.page();
	}

	Actor actor() {
		return this.actor;
	}

	/**
	 * Signs in through the sign-in form.
	 * @param email the account
	 * @param password its password
	 */
	void signIn(String email, String password) {
		this.actor.open("/login");
		this.page.locator("#username").fill(email);
		this.page.locator("#password").fill(password);
		this.actor.submit("main form button[type=submit]");
		this.page.waitForURL("**/admin");
	}

	void openNewCommunityForm() {
		this.actor.open("/admin/communities");
		this.page.locator("main a[href='/admin/communities/new']").first().click();
		this.page.waitForURL("**/admin/communities/new");
	}

	void fillCommunity(Community community) {
		this.page.locator("#slug").fill(community.slug());
		this.page.locator("#name").fill(community.name());
		this.page.locator("#description").fill(community.description());
		this.page.locator("#homeChannelName").fill(community.homeChannelName());
		this.page.locator("#homeChannelUrl").fill(community.homeChannelUrl());
		this.page.locator("#targetSize").fill(community.targetSize());
		this.page.locator("#timeZone").selectOption(community.timeZone());
		this.page.locator("#minGapDays").fill(community.minGapDays());
		this.page.locator("#maxDropsPer30Days").fill(community.maxDropsPer30Days());
	}

	void submitMainForm() {
		this.actor.submit("main form.stack button[type=submit]");
	}

	/**
	 * Creates a community through its form and sees it in the list.
	 * @param community what to fill in
	 */
	void createCommunity(Community community) {
		openNewCommunityForm();
		fillCommunity(community);
		submitMainForm();
		this.page.waitForURL("**/admin/communities");
		assertThat(this.page.locator("main")).containsText(community.name());
	}

	void openNewSkuForm() {
		this.actor.open("/admin/skus/new");
	}

	void fillSku(Sku sku) {
		this.page.locator("#slug").fill(sku.slug());
		this.page.locator("#name").fill(sku.name());
		this.page.locator("#price").fill(sku.price());
		this.page.locator("#currency").selectOption(sku.currency());
		this.page.locator("#editionSize").fill(sku.editionSize());
		this.page.locator("#makerName").fill(sku.makerName());
		this.page.locator("#makerBio").fill(sku.makerBio());
	}

	/**
	 * Creates a SKU; the shop then opens its story editor.
	 * @param sku what to fill in
	 */
	void createSku(Sku sku) {
		openNewSkuForm();
		fillSku(sku);
		submitMainForm();
		this.page.waitForURL("**/admin/skus/" + sku.slug() + "/story");
	}

	/**
	 * Adds a hero block with an uploaded image, in the open story editor.
	 * @param headline the headline
	 * @param image the image file
	 * @param altText its text alternative
	 */
	void addHero(String headline, FilePayload image, String altText) {
		openAddForm("hero");
		this.page.locator("#hero-headline").fill(headline);
		this.page.locator("#hero-image").setInputFiles(image);
		this.page.locator("#hero-altText").fill(altText);
		submitAddForm("hero");
	}

	/**
	 * Adds a text block, in the open story editor.
	 * @param markdown the text
	 */
	void addText(String markdown) {
		openAddForm("text");
		this.page.locator("#text-text").fill(markdown);
		submitAddForm("text");
	}

	void openAddForm(String kind) {
		Locator details = this.page.locator("details:has(form[action$='/story/" + kind + "'])");
		if (details.getAttribute("open") == null) {
			details.locator("> summary").click();
		}
	}

	void submitAddForm(String kind) {
		this.actor.submit("form[action$='/story/" + kind + "'] button[type=submit]");
	}

	void openNewDropForm() {
		this.actor.open("/admin/drops/new");
	}

	void fillDrop(DropPlan drop) {
		this.page.locator("#slug").fill(drop.slug());
		this.page.locator("#title").fill(drop.title());
		this.page.locator("#community").selectOption(drop.community());
		this.page.locator("#accessMode").selectOption(drop.accessMode());
		fillTimeline(drop);
		this.page.locator("#holdMinutes").fill("10");
		this.page.locator("[id='items0.sku']").selectOption(drop.sku());
		this.page.locator("[id='items0.quantity']").fill(Integer.toString(drop.quantity()));
		this.page.locator("[id='items0.perFanLimit']").fill(Integer.toString(drop.perFanLimit()));
	}

	void fillTimeline(DropPlan drop) {
		this.page.locator("#announceAt").fill(LOCAL.format(drop.announceAt()));
		this.page.locator("#earlyAccessAt")
			.fill((drop.earlyAccessAt() != null) ? LOCAL.format(drop.earlyAccessAt()) : "");
		this.page.locator("#opensAt").fill(LOCAL.format(drop.opensAt()));
		this.page.locator("#closesAt").fill(LOCAL.format(drop.closesAt()));
	}

	/**
	 * Creates a draft drop; the shop then shows the drop's page.
	 * @param drop what to fill in
	 */
	void createDrop(DropPlan drop) {
		openNewDropForm();
		fillDrop(drop);
		submitMainForm();
		this.page.waitForURL("**/admin/drops/" + drop.slug());
	}

	/**
	 * Schedules the drop whose admin page is open.
	 */
	void schedule() {
		this.actor.submit("form[action$='/schedule'] button[type=submit]");
		assertThat(this.page.locator("form[action$='/unschedule']")).hasCount(1);
	}

	/**
	 * Moves a scheduled drop's timeline through its edit form.
	 * @param drop the drop with its new moments
	 */
	void reviseTimeline(DropPlan drop) {
		this.actor.open("/admin/drops/" + drop.slug() + "/edit");
		fillTimeline(drop);
		submitMainForm();
		this.page.waitForURL("**/admin/drops/" + drop.slug());
	}

	record Community(String slug, String name, String description, String homeChannelName, String homeChannelUrl,
			String targetSize, String timeZone, String minGapDays, String maxDropsPer30Days) {

		static Community named(String slug, String name) {
			return new Community(slug, name, "Fans who build their own desk synthesizers, one kit at a time.",
					"Synth forum", "https://forum.example.org/synths", "300", "Europe/London", "1", "4");
		}

	}

	record Sku(String slug, String name, String price, String currency, String editionSize, String makerName,
			String makerBio) {

		static Sku named(String slug, String name, int editionSize) {
			return new Sku(slug, name, "32.00", "GBP", Integer.toString(editionSize), "Ada Brightwell",
					"Solders every board by hand in a Bristol workshop.");
		}

	}

	record DropPlan(String slug, String title, String community, String accessMode, LocalDateTime announceAt,
			LocalDateTime earlyAccessAt, LocalDateTime opensAt, LocalDateTime closesAt, String sku, int quantity,
			int perFanLimit) {

		DropPlan withEarlyAccessAt(LocalDateTime earlyAccess) {
			return new DropPlan(this.slug, this.title, this.community, this.accessMode, this.announceAt, earlyAccess,
					this.opensAt, this.closesAt, this.sku, this.quantity, this.perFanLimit);
		}

	}

}
