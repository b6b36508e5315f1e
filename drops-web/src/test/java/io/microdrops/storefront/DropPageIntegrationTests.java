package io.microdrops.storefront;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import io.microdrops.account.AccountManagement;
import io.microdrops.catalog.CatalogManagement;
import io.microdrops.community.CommunityManagement;
import io.microdrops.drop.AccessMode;
import io.microdrops.drop.DropManagement;
import io.microdrops.drop.Timeline;
import io.microdrops.web.TestAccounts;
import io.microdrops.web.TestDrops;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.TestExecutionEvent;
import org.springframework.security.test.context.support.WithUserDetails;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The drop page, its stock region, the waitlist buttons and the fan's waitlists page.
 */
@SpringBootTest
@AutoConfigureMockMvc
class DropPageIntegrationTests {

	@Autowired
	MockMvc mvc;

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

	ZonedDateTime opens;

	@BeforeEach
	void setUp() {
		TestAccounts.ensure(this.accounts);
		// Some day next week at 18:00 in London, early access from 17:30.
		this.opens = LocalDate.now(TestDrops.LONDON).plusDays(8).atTime(LocalTime.of(18, 0)).atZone(TestDrops.LONDON);
	}

	@Test
	void showsTheTimelineTheAccessRulesInPlainWordsAndTheStockTheDatabaseHolds() throws Exception {
		String slug = firstComeDrop("Winter run");
		int remaining = this.jdbc.queryForObject(
				"select i.quantity from drop_items i join drops d on d.id = i.drop_id where d.slug = ?", Integer.class,
				slug);
		String day = DropPage.format(this.opens.minusMinutes(30).toInstant(), TestDrops.LONDON);

		this.mvc.perform(get("/drops/" + slug))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("Winter run"),
					containsString("Waitlist members may buy from " + day + ", everyone from 18:00 (Europe/London)."),
					containsString(remaining + " of 50 left"), containsString("aria-live=\"polite\""),
					containsString("hx-trigger=\"every 10s\""), containsString("Early access starts in"),
					containsString("data-remaining-seconds=\""), containsString("up to 2"), containsString("24.50 GBP"),
					containsString("This story has no blocks yet."), containsString("Sign in to join the waitlist"),
					not(containsString("<script>")))));
		this.mvc.perform(get("/drops/" + slug + "/stock"))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString(remaining + " of 50 left"),
					containsString("seen=ANNOUNCED-" + remaining), not(containsString("<html")))));
	}

	@Test
	@WithUserDetails(value = TestAccounts.FAN, setupBefore = TestExecutionEvent.TEST_EXECUTION)
	void tellsAFanWhoHasAsManyAsOneFanMayHaveSoInsteadOfOfferingMore() throws Exception {
		Instant now = Instant.now();
		String slug = TestDrops.drop(this.communities, this.catalog, this.drops, "Limit run", AccessMode.FIRST_COME,
				new Timeline(now.minusSeconds(7200), null, now.minusSeconds(60), now.plusSeconds(86_400)), true);
		String sku = this.jdbc.queryForObject("""
				select s.slug from skus s join drop_items i on i.sku_id = s.id join drops d on d.id = i.drop_id
				where d.slug = ?
				""", String.class, slug);

		this.mvc.perform(get("/drops/" + slug))
			.andExpect(content().string(allOf(containsString("You may buy now."), containsString("class=\"reserve\""),
					containsString("<option value=\"2\">2</option>"),
					// One tap from the top to the items while it sells.
					containsString("<a class=\"button\" href=\"#items\">Reserve: go to the items</a>"))));

		reserve(slug, sku);
		this.mvc.perform(get("/drops/" + slug))
			.andExpect(content().string(allOf(containsString("You have 1 of this item and may reserve 1 more."),
					containsString("class=\"reserve\""), not(containsString("<option value=\"2\">2</option>")),
					containsString("You hold 1 of this item until "), containsString("href=\"/checkout/"))));

		reserve(slug, sku);
		this.mvc.perform(get("/drops/" + slug))
			.andExpect(content()
				.string(allOf(containsString("You have as many as one fan may have of everything in this drop."),
						containsString("You have 2 of this item, as many as one fan may have."),
						not(containsString("You may buy now.")), not(containsString("class=\"reserve\"")))));

		// Once closed, the drop's own answer counts, not the limit.
		this.drops.closeEarly(slug);
		this.mvc.perform(get("/drops/" + slug))
			.andExpect(content()
				.string(allOf(not(containsString("You have as many as one fan may have of everything in this drop.")),
						not(containsString("Reserve: go to the items")))));
	}

	private void reserve(String slug, String sku) throws Exception {
		this.mvc
			.perform(post("/drops/" + slug + "/reserve").with(csrf())
				.param("sku", sku)
				.param("quantity", "1")
				.param("key", UUID.randomUUID().toString()))
			.andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrlPattern("/checkout/*"));
	}

	@Test
	void answersAStockRefreshThatWouldChangeNothingWithNoContent() throws Exception {
		String slug = firstComeDrop("Quiet");

		this.mvc.perform(get("/drops/" + slug + "/stock").param("seen", "ANNOUNCED-50"))
			.andExpect(status().isNoContent());
		this.mvc.perform(get("/drops/" + slug + "/stock").param("seen", "ANNOUNCED-49"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("50 of 50 left")));
	}

	@Test
	void showsTheFriendlyNotFoundPageForUnknownAndUnannouncedDrops() throws Exception {
		Instant now = Instant.now();
		String draft = TestDrops.drop(this.communities, this.catalog, this.drops, "Hidden", AccessMode.FIRST_COME,
				TestDrops.upcoming(now, null, this.opens.toInstant()), false);
		String scheduled = TestDrops.drop(this.communities, this.catalog, this.drops, "Later", AccessMode.FIRST_COME,
				new Timeline(now.plus(Duration.ofDays(1)), null, this.opens.toInstant(),
						this.opens.plusDays(1).toInstant()),
				true);

		for (String slug : new String[] { "no-such-drop", draft, scheduled }) {
			this.mvc.perform(get("/drops/" + slug))
				.andExpect(status().isNotFound())
				.andExpect(content().string(containsString("Page not found")));
			this.mvc.perform(get("/drops/" + slug + "/stock")).andExpect(status().isNotFound());
		}
	}

	@Test
	@WithUserDetails(value = TestAccounts.FAN, setupBefore = TestExecutionEvent.TEST_EXECUTION)
	void letsASignedInFanJoinSeeTheirPositionAndLeave() throws Exception {
		String slug = firstComeDrop("Join me");

		this.mvc.perform(post("/drops/" + slug + "/waitlist").with(csrf()))
			.andExpect(redirectedUrl("/drops/" + slug + "#waitlist"))
			.andExpect(flash().attribute("message", "waitlist.joined"));
		this.mvc.perform(post("/drops/" + slug + "/waitlist").with(csrf()))
			.andExpect(flash().attribute("message", "waitlist.already-on-it"));
		this.mvc.perform(get("/drops/" + slug))
			.andExpect(content().string(allOf(containsString("You are number 1 of 1 on the waitlist."),
					containsString("Leave the waitlist"), containsString("As a waitlist member you may buy from "))));

		this.mvc.perform(post("/drops/" + slug + "/waitlist/leave").with(csrf()))
			.andExpect(flash().attribute("message", "waitlist.left"));
		this.mvc.perform(get("/drops/" + slug))
			.andExpect(content()
				.string(allOf(containsString("Join the waitlist"), containsString("Nobody is on the waitlist yet."))));
	}

	@Test
	void sendsAnonymousVisitorsWhoJoinToTheSignInPage() throws Exception {
		String slug = firstComeDrop("Anonymous");

		this.mvc.perform(post("/drops/" + slug + "/waitlist").with(csrf()))
			.andExpect(status().isFound())
			.andExpect(header().string("Location", containsString("/login")));
		assertThat(this.jdbc.queryForObject(
				"select count(*) from waitlist_entries e join drops d on d.id = e.drop_id where d.slug = ?", Long.class,
				slug))
			.isZero();
	}

	@Test
	@WithUserDetails(value = TestAccounts.FAN, setupBefore = TestExecutionEvent.TEST_EXECUTION)
	void listsOnlyTheCallersOwnWaitlists() throws Exception {
		String mine = firstComeDrop("Mine " + TestDrops.unique("t"));
		String theirs = firstComeDrop("Theirs " + TestDrops.unique("t"));
		this.mvc.perform(post("/drops/" + mine + "/waitlist").with(csrf()));
		UUIDs other = new UUIDs(this.accounts.findCredentials(TestAccounts.OTHER_FAN).orElseThrow().id().value());
		this.jdbc.update("""
				insert into waitlists (drop_id, drop_slug, last_sequence, created_at)
				select id, slug, 1, now() from drops where slug = ?
				""", theirs);
		this.jdbc.update("""
				insert into waitlist_entries (drop_id, account_id, sequence, joined_at)
				select id, ?, 1, now() from drops where slug = ?
				""", other.value(), theirs);
		String mineTitle = this.drops.require(mine).title();
		String theirsTitle = this.drops.require(theirs).title();

		this.mvc.perform(get("/account/waitlists"))
			.andExpect(status().isOk())
			.andExpect(content()
				.string(allOf(containsString(mineTitle), containsString("1 of 1"), not(containsString(theirsTitle)),
						// With its year: a list may hold drops of other years.
						containsString(this.opens.format(java.time.format.DateTimeFormatter
							.ofPattern("EEE d MMM yyyy, HH:mm", java.util.Locale.ENGLISH))))));
		this.mvc.perform(get("/account")).andExpect(content().string(containsString("/account/waitlists")));
	}

	@Test
	@WithUserDetails(value = TestAccounts.MERCHANDISER, setupBefore = TestExecutionEvent.TEST_EXECUTION)
	void showsMerchandisersTheWaitlistDepthOfEachDrop() throws Exception {
		String slug = firstComeDrop("Deep");
		this.jdbc.update("""
				insert into waitlists (drop_id, drop_slug, last_sequence, created_at)
				select id, slug, 1, now() from drops where slug = ?
				""", slug);
		this.jdbc.update("""
				insert into waitlist_entries (drop_id, account_id, sequence, joined_at)
				select d.id, a.id, 1, now() from drops d, accounts a where d.slug = ? and a.email = ?
				""", slug, TestAccounts.OTHER_FAN);

		this.mvc.perform(get("/admin/drops"))
			.andExpect(content().string(containsString("/admin/drops/" + slug + "/waitlist")));
		this.mvc.perform(get("/admin/drops/" + slug + "/waitlist"))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("1 fan is on the waitlist."),
					containsString("The early-access invitation has not gone out yet."),
					containsString("<td>Other Fan</td>"), containsString("href=\"/admin/drops/" + slug + "\""))));
		this.mvc.perform(get("/admin/drops/" + slug))
			.andExpect(content().string(containsString("/admin/drops/" + slug + "/waitlist")));
	}

	@Test
	void listsUpcomingDropsOnTheHomePage() throws Exception {
		String title = "Home " + TestDrops.unique("t");
		String slug = firstComeDrop(title);

		this.mvc.perform(get("/"))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString(title), containsString("/drops/" + slug),
					containsString("Small drops for the fans who care most"))));
	}

	private String firstComeDrop(String title) {
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		return TestDrops.drop(this.communities, this.catalog, this.drops, title, AccessMode.FIRST_COME,
				TestDrops.upcoming(now, this.opens.minusMinutes(30).toInstant(), this.opens.toInstant()), true);
	}

	private record UUIDs(java.util.UUID value) {
	}

}
