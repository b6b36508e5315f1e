package io.microdrops.admin.drop;

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
import io.microdrops.community.CommunityId;
import io.microdrops.community.CommunityManagement;
import io.microdrops.drop.AccessMode;
import io.microdrops.drop.DropManagement;
import io.microdrops.drop.DropPlan;
import io.microdrops.drop.FairnessRules;
import io.microdrops.drop.NewDropItem;
import io.microdrops.drop.Timeline;
import io.microdrops.shared.Money;
import io.microdrops.testsupport.TestBrowser;
import io.microdrops.testsupport.TestBrowser.Page;
import io.microdrops.web.TestAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A merchandiser sets a drop's fairness rules; fans read them on the drop page and meet
 * them at checkout, over real HTTP.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class FairnessPagesIntegrationTests {

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

	@BeforeEach
	void accounts() {
		TestAccounts.ensure(this.accounts);
	}

	@Test
	void aMerchandiserSavesTheRulesAndBadInputGetsMessagesWithNothingWritten() {
		String drop = draft();
		TestBrowser merchandiser = browser(TestAccounts.MERCHANDISER);
		assertThat(merchandiser.get("/admin/drops/" + drop + "/fairness").body()).contains("a payment card");

		Page bad = merchandiser.post("/admin/drops/" + drop + "/fairness",
				Map.of("capAcrossCards", "true", "createdBeforeChoice", "MOMENT", "minAccountAgeDays", "0"));
		assertThat(bad.status()).isEqualTo(200);
		assertThat(bad.body()).contains("Please give the moment accounts must be created before")
			.contains("Please enter a whole number of days from 1 to 3650");
		Page unreadable = merchandiser.post("/admin/drops/" + drop + "/fairness",
				Map.of("createdBeforeChoice", "SOMETIME", "createdBefore", "yesterday", "minAccountAgeDays", "x"));
		assertThat(unreadable.status()).isEqualTo(200);
		assertThat(unreadable.body()).contains("Please choose one of the options")
			.contains("Please enter a date and time");
		assertThat(this.drops.require(drop).fairness()).isEqualTo(FairnessRules.NONE);

		Page saved = merchandiser.post("/admin/drops/" + drop + "/fairness", Map.of("capAcrossCards", "true",
				"confirmedEmail", "true", "createdBeforeChoice", "ANNOUNCEMENT", "minAccountAgeDays", "30"));
		assertThat(saved.location()).hasValueSatisfying(url -> assertThat(url).endsWith("/fairness"));
		assertThat(this.drops.require(drop).fairness())
			.isEqualTo(new FairnessRules(true, false, true, null, true, 30, null));
	}

	@Test
	void fansReadTheRulesAndASecondAccountWithTheSameCardIsRefusedWithTheReason() {
		String drop = openDrop(new FairnessRules(true, false, false, null, false, null, null));
		assertThat(new TestBrowser(base()).get("/drops/" + drop).body())
			.contains("Accounts paying with the same card count as one fan");

		TestBrowser first = browser(TestAccounts.OTHER_FAN);
		Page paid = first.post(checkoutOf(first, drop) + "/pay",
				Map.of("cardNumber", "4242 4242 4242 4242", "method", "SHIPPING", "address", "1 Test Road"));
		assertThat(paid.location()).hasValueSatisfying(url -> assertThat(url).contains("/account/orders/"));

		TestBrowser second = browser(TestAccounts.FAN);
		Page refused = second.post(checkoutOf(second, drop) + "/pay",
				Map.of("cardNumber", "4242424242424242", "method", "SHIPPING", "address", "2 Other Road"));
		assertThat(second.follow(refused).body()).contains("This card has already bought the limit for this drop");
		assertThat(this.jdbc.queryForObject("select count(*) from orders o join drop_items i on i.id = o.drop_item_id "
				+ "join drops d on d.id = i.drop_id where d.slug = ?", Long.class, drop))
			.isEqualTo(1);
	}

	@Test
	void aFanWithoutAConfirmedAddressIsToldToConfirmIt() {
		String drop = openDrop(new FairnessRules(false, false, true, null, false, null, null));
		java.sql.Timestamp confirmed = this.jdbc.queryForObject(
				"select email_confirmed_at from accounts where email = ?", java.sql.Timestamp.class, TestAccounts.FAN);
		this.jdbc.update("update accounts set email_confirmed_at = null where email = ?", TestAccounts.FAN);
		try {
			TestBrowser fan = browser(TestAccounts.FAN);
			fan.get("/drops/" + drop);

			Page refused = fan.post("/drops/" + drop + "/reserve",
					Map.of("sku", "sku-" + drop, "quantity", "1", "key", UUID.randomUUID().toString()));

			assertThat(fan.follow(refused).body()).contains("only for accounts with a confirmed e-mail address")
				.contains("Only accounts with a confirmed e-mail address may reserve.");
		}
		finally {
			this.jdbc.update("update accounts set email_confirmed_at = ? where email = ?", confirmed, TestAccounts.FAN);
		}
	}

	@Test
	void aMerchandiserMakesADropForAnEarlierDropsBuyersAndOtherFansAreToldWhy() {
		String source = openDrop(FairnessRules.NONE);
		String addOns = draft(this.drops.require(source).community(), Duration.ofSeconds(30));
		String later = draft(this.drops.require(source).community(), Duration.ofHours(2));
		this.drops.schedule(later, new DropManagement.Scheduler(null, true), "test");
		TestBrowser merchandiser = browser(TestAccounts.MERCHANDISER);
		assertThat(merchandiser.get("/admin/drops/" + addOns + "/fairness").body())
			.contains("Only fans who bought from")
			.contains("<option value=\"" + source + "\">Drop " + source + "</option>");

		Page unknown = merchandiser.post("/admin/drops/" + addOns + "/fairness",
				Map.of("createdBeforeChoice", "ANY", "buyersOf", "no-such-drop"));
		assertThat(unknown.status()).isEqualTo(200);
		assertThat(unknown.body())
			.contains("Please choose one of the community&#39;s scheduled drops that open before");
		Page itself = merchandiser.post("/admin/drops/" + addOns + "/fairness",
				Map.of("createdBeforeChoice", "ANY", "buyersOf", addOns));
		assertThat(itself.body()).contains("A drop cannot be only for its own buyers");
		Page notEarlier = merchandiser.post("/admin/drops/" + addOns + "/fairness",
				Map.of("createdBeforeChoice", "ANY", "buyersOf", later));
		assertThat(notEarlier.body()).contains("scheduled drops that open before");
		assertThat(this.drops.require(addOns).fairness()).isEqualTo(FairnessRules.NONE);

		Page saved = merchandiser.post("/admin/drops/" + addOns + "/fairness",
				Map.of("createdBeforeChoice", "ANY", "buyersOf", source));
		assertThat(saved.location()).hasValueSatisfying(url -> assertThat(url).endsWith("/fairness"));
		assertThat(this.drops.require(addOns).fairness().buyersOf()).isEqualTo(this.drops.require(source).id());
		this.drops.schedule(addOns, new DropManagement.Scheduler(null, false), null);

		assertThat(new TestBrowser(base()).get("/drops/" + addOns).body())
			.contains("Only fans who bought from Drop " + source + " may reserve")
			.contains("Every fan who meets the rules below may buy from")
			.doesNotContain("Everyone may buy from");
		TestBrowser fan = browser(TestAccounts.FAN);
		assertThat(fan.get("/drops/" + addOns).body()).as("told before trying")
			.contains("only for fans who bought from the earlier drop")
			.doesNotContain("You may buy now");
		Page refused = fan.post("/drops/" + addOns + "/reserve",
				Map.of("sku", "sku-" + addOns, "quantity", "1", "key", UUID.randomUUID().toString()));
		assertThat(fan.follow(refused).body()).contains("only for fans who bought from the earlier drop");
		assertThat(this.jdbc.queryForObject(
				"select count(*) from reservations r join drop_items i "
						+ "on i.id = r.drop_item_id join drops d on d.id = i.drop_id where d.slug = ?",
				Long.class, addOns))
			.isZero();
	}

	private String checkoutOf(TestBrowser fan, String drop) {
		fan.get("/drops/" + drop);
		Page reserved = fan.post("/drops/" + drop + "/reserve",
				Map.of("sku", "sku-" + drop, "quantity", "1", "key", UUID.randomUUID().toString()));
		return java.net.URI.create(reserved.location().orElseThrow()).getPath();
	}

	private TestBrowser browser(String email) {
		TestBrowser browser = new TestBrowser(base());
		browser.signIn(email, TestAccounts.PASSWORD);
		return browser;
	}

	private String base() {
		return "http://localhost:" + this.port;
	}

	private String draft() {
		String slug = "fairc-" + UUID.randomUUID().toString().substring(0, 8);
		return draft(
				this.communities
					.create(slug,
							new CommunityDetails("Fair " + slug, "Fairness pages", null, null, 500, ZoneId.of("UTC"), 0,
									31))
					.id());
	}

	private String draft(CommunityId community) {
		return draft(community, Duration.ZERO);
	}

	/** A draft of the community opening {@code later} than a minute ago. */
	private String draft(CommunityId community, Duration later) {
		String slug = "fairp-" + UUID.randomUUID().toString().substring(0, 8);
		var sku = this.catalog.create("sku-" + slug,
				new SkuDetails("Slipmat", Money.of(1900, "EUR"), null, null, null));
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		this.drops.createDraft(slug,
				new DropPlan(
						"Drop " + slug, community, AccessMode.FIRST_COME, new Timeline(now.minus(Duration.ofHours(2)),
								null, now.minus(Duration.ofMinutes(1)).plus(later), now.plus(Duration.ofDays(1))),
						10, null, List.of(new NewDropItem(sku.id(), 5, 1))));
		return slug;
	}

	private String openDrop(FairnessRules rules) {
		String slug = draft();
		this.drops.changeFairness(slug, rules);
		this.drops.schedule(slug, new DropManagement.Scheduler(null, false), null);
		return slug;
	}

}
