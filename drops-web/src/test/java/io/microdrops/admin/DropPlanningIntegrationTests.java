package io.microdrops.admin;

import java.time.Instant;
import java.util.UUID;

import io.microdrops.account.AccountManagement;
import io.microdrops.catalog.CatalogManagement;
import io.microdrops.catalog.SkuDetails;
import io.microdrops.shared.Money;
import io.microdrops.web.TestAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.TestExecutionEvent;
import org.springframework.security.test.context.support.WithUserDetails;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A merchandiser plans communities and drops in the admin pages.
 */
@SpringBootTest
@AutoConfigureMockMvc
class DropPlanningIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	AccountManagement accounts;

	@Autowired
	CatalogManagement catalog;

	@Autowired
	JdbcTemplate jdbc;

	String suffix;

	@BeforeEach
	void setUp() {
		TestAccounts.ensure(this.accounts);
		this.suffix = UUID.randomUUID().toString().substring(0, 8);
	}

	@Test
	@WithUserDetails(value = TestAccounts.MERCHANDISER, setupBefore = TestExecutionEvent.TEST_EXECUTION)
	void createsACommunityAndListsItWithItsMembers() throws Exception {
		createCommunity("c-" + this.suffix, "America/New_York", 7, 4);

		this.mvc.perform(get("/admin/communities"))
			.andExpect(status().isOk())
			.andExpect(content()
				.string(allOf(containsString("Community c-" + this.suffix), containsString("America/New_York"))));
	}

	@Test
	@WithUserDetails(value = TestAccounts.MERCHANDISER, setupBefore = TestExecutionEvent.TEST_EXECUTION)
	void showsEveryCommunityFormProblemNextToItsFieldAndSavesNothing() throws Exception {
		this.mvc
			.perform(post("/admin/communities").with(csrf())
				.param("slug", "Bad Slug!")
				.param("name", "")
				.param("description", "x")
				.param("homeChannelUrl", "javascript:alert(1)")
				.param("targetSize", "0")
				.param("timeZone", "Mars/Olympus")
				.param("minGapDays", "7")
				.param("maxDropsPer30Days", "99"))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("id=\"slug-error\""), containsString("id=\"name-error\""),
					containsString("id=\"homeChannelUrl-error\""), containsString("id=\"targetSize-error\""),
					containsString("id=\"timeZone-error\""), containsString("id=\"maxDropsPer30Days-error\""))));
		assertThat(this.jdbc.queryForObject("select count(*) from communities where slug = 'Bad Slug!'", Long.class))
			.isZero();
	}

	@Test
	@WithUserDetails(value = TestAccounts.MERCHANDISER, setupBefore = TestExecutionEvent.TEST_EXECUTION)
	void storesLocalTimesInTheCommunitysZoneAcrossDaylightSaving() throws Exception {
		createCommunity("london-" + this.suffix, "Europe/London", 0, 31);
		createSku("sku-" + this.suffix);

		createDrop("summer-" + this.suffix, "london-" + this.suffix, "2027-07-01T18:00", "2027-07-02T18:00")
			.andExpect(redirectedUrl("/admin/drops/summer-" + this.suffix));
		createDrop("winter-" + this.suffix, "london-" + this.suffix, "2027-01-07T18:00", "2027-01-08T18:00")
			.andExpect(redirectedUrl("/admin/drops/winter-" + this.suffix));

		assertThat(opensAt("summer-" + this.suffix)).isEqualTo(Instant.parse("2027-07-01T17:00:00Z"));
		assertThat(opensAt("winter-" + this.suffix)).isEqualTo(Instant.parse("2027-01-07T18:00:00Z"));
		this.mvc.perform(get("/admin/drops/summer-" + this.suffix))
			.andExpect(content().string(containsString("Thu 1 Jul 2027, 18:00")));
	}

	@Test
	@WithUserDetails(value = TestAccounts.MERCHANDISER, setupBefore = TestExecutionEvent.TEST_EXECUTION)
	void refusesAnEditWhoseWaitingRoomIsRefusedAndSavesNoneOfIt() throws Exception {
		String slug = "room-" + this.suffix;
		createCommunity("r-" + this.suffix, "Europe/London", 7, 4);
		createSku("sku-" + this.suffix);
		createDrop(slug, "r-" + this.suffix, "2027-05-10T18:00", "2027-05-11T18:00")
			.andExpect(redirectedUrl("/admin/drops/" + slug));

		// A draw takes no waiting room: the plan alone would be accepted, the waiting
		// room
		// is refused, and the form is refused as a whole.
		this.mvc
			.perform(post("/admin/drops/" + slug).with(csrf())
				.param("slug", slug)
				.param("title", "Renamed " + slug)
				.param("community", "r-" + this.suffix)
				.param("accessMode", "DRAW")
				.param("announceAt", "2027-01-01T09:00")
				.param("earlyAccessAt", "")
				.param("opensAt", "2027-05-10T18:00")
				.param("closesAt", "2027-05-11T18:00")
				.param("holdMinutes", "10")
				.param("preorderThreshold", "")
				.param("waitingRoom", "true")
				.param("admissionsPerMinute", "60")
				.param("items[0].sku", "sku-" + this.suffix)
				.param("items[0].quantity", "100")
				.param("items[0].perFanLimit", "1"))
			.andExpect(status().isOk())
			.andExpect(content()
				.string(containsString("A draw decides by itself who may buy: it takes no waiting room.")));

		assertThat(this.jdbc.queryForMap("select title, access_mode, waiting_room from drops where slug = ?", slug))
			.containsEntry("title", "Drop " + slug)
			.containsEntry("access_mode", "FIRST_COME")
			.containsEntry("waiting_room", false);
	}

	@Test
	@WithUserDetails(value = TestAccounts.MERCHANDISER, setupBefore = TestExecutionEvent.TEST_EXECUTION)
	void refusesABrokenTimelineOnTheFormAndSavesNothing() throws Exception {
		createCommunity("t-" + this.suffix, "Europe/Berlin", 7, 4);
		createSku("sku-" + this.suffix);

		createDrop("broken-" + this.suffix, "t-" + this.suffix, "2027-03-10T18:00", "2027-03-09T18:00")
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("id=\"closesAt-error\""),
					containsString("The drop must close after it opens."))));
		assertThat(this.jdbc.queryForObject("select count(*) from drops where slug = ?", Long.class,
				"broken-" + this.suffix))
			.isZero();
	}

	@Test
	@WithUserDetails(value = TestAccounts.MERCHANDISER, setupBefore = TestExecutionEvent.TEST_EXECUTION)
	void namesEveryProblemOfTheDropFormAtOnce() throws Exception {
		createSku("sku-" + this.suffix);

		// No community, early access after the opening, a close before it and more units
		// than the numbered run: one answer names all four.
		this.mvc
			.perform(post("/admin/drops").with(csrf())
				.param("slug", "all-at-once-" + this.suffix)
				.param("title", "All at once")
				.param("community", "")
				.param("accessMode", "FIRST_COME")
				.param("announceAt", "2027-01-01T09:00")
				.param("earlyAccessAt", "2027-03-11T18:00")
				.param("opensAt", "2027-03-10T18:00")
				.param("closesAt", "2027-03-09T18:00")
				.param("holdMinutes", "10")
				.param("preorderThreshold", "")
				.param("items[0].sku", "sku-" + this.suffix)
				.param("items[0].quantity", "150")
				.param("items[0].perFanLimit", "1"))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("id=\"community-error\""),
					containsString("Early access must start before (or at) the opening."),
					containsString("The drop must close after it opens."),
					containsString("is a numbered run of 100: a drop cannot release more units of it than that."))));
		assertThat(this.jdbc.queryForObject("select count(*) from drops where slug = ?", Long.class,
				"all-at-once-" + this.suffix))
			.isZero();
	}

	@Test
	@WithUserDetails(value = TestAccounts.MERCHANDISER, setupBefore = TestExecutionEvent.TEST_EXECUTION)
	void schedulesADraftAndRefusesASecondOneTooCloseWithAMessage() throws Exception {
		createCommunity("g-" + this.suffix, "Europe/London", 7, 4);
		createSku("sku-" + this.suffix);
		createDrop("one-" + this.suffix, "g-" + this.suffix, "2027-05-06T18:00", "2027-05-07T18:00");
		createDrop("two-" + this.suffix, "g-" + this.suffix, "2027-05-09T18:00", "2027-05-10T18:00");

		this.mvc.perform(post("/admin/drops/one-" + this.suffix + "/schedule").with(csrf()))
			.andExpect(flash().attribute("message", "drop.scheduled"));
		MvcResult refused = this.mvc.perform(post("/admin/drops/two-" + this.suffix + "/schedule").with(csrf()))
			.andExpect(redirectedUrl("/admin/drops/two-" + this.suffix))
			.andReturn();
		this.mvc.perform(get("/admin/drops/two-" + this.suffix).flashAttrs(refused.getFlashMap()))
			.andExpect(content().string(containsString("this community wants at least 7 days between drops")));
		assertThat(scheduled("two-" + this.suffix)).isFalse();

		this.mvc.perform(get("/admin/calendar").param("community", "g-" + this.suffix).param("month", "2027-05"))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("Drop one-" + this.suffix),
					containsString("Drop two-" + this.suffix), containsString("needs a look"))));
	}

	@Test
	@WithUserDetails(value = TestAccounts.ADMIN, setupBefore = TestExecutionEvent.TEST_EXECUTION)
	void refusesToScheduleADraftWithoutItemsOnThePageAndInTheApiAndChangesNothing() throws Exception {
		createCommunity("e-" + this.suffix, "Europe/London", 7, 4);
		createSku("sku-" + this.suffix);
		createDrop("full-" + this.suffix, "e-" + this.suffix, "2027-09-02T18:00", "2027-09-03T18:00");
		this.mvc.perform(post("/admin/drops/full-" + this.suffix + "/schedule").with(csrf()))
			.andExpect(flash().attribute("message", "drop.scheduled"));
		// Too close to the first drop as well: the missing items are what must be said.
		createDraftWithoutItems("empty-" + this.suffix, "e-" + this.suffix, "2027-09-04T18:00", "2027-09-05T18:00");
		String empty = "empty-" + this.suffix;
		Object before = this.jdbc.queryForMap("select * from drops where slug = ?", empty);

		MvcResult refused = this.mvc
			.perform(post("/admin/drops/" + empty + "/schedule").with(csrf())
				.param("overrideReason", "Agreed with the community"))
			.andExpect(redirectedUrl("/admin/drops/" + empty))
			.andExpect(flash().attribute("refusal", java.util.List.of("Add at least one SKU before scheduling.")))
			.andReturn();
		// Sessions live in the database: the flash message travels with the session
		// cookie.
		jakarta.servlet.http.Cookie session = refused.getResponse().getCookie("SESSION");
		assertThat(session).isNotNull();
		this.mvc.perform(get("/admin/drops/" + empty).cookie(session))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Add at least one SKU before scheduling.")));
		this.mvc
			.perform(post("/api/v1/admin/drops/" + empty + "/schedule").with(csrf())
				.contentType(org.springframework.http.MediaType.APPLICATION_JSON)
				.content("{\"overrideReason\":\"Agreed with the community\"}"))
			.andExpect(status().isConflict())
			.andExpect(content().contentTypeCompatibleWith(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail", containsString("Add at least one SKU before scheduling.")));

		assertThat(scheduled(empty)).isFalse();
		assertThat(this.jdbc.queryForMap("select * from drops where slug = ?", empty)).isEqualTo(before);
	}

	@Test
	@WithUserDetails(value = TestAccounts.ADMIN, setupBefore = TestExecutionEvent.TEST_EXECUTION)
	void letsAnAdminScheduleThroughTheFatigueGuardWithARecordedReason() throws Exception {
		createCommunity("o-" + this.suffix, "Europe/London", 7, 4);
		createSku("sku-" + this.suffix);
		createDrop("one-" + this.suffix, "o-" + this.suffix, "2027-06-03T18:00", "2027-06-04T18:00");
		createDrop("two-" + this.suffix, "o-" + this.suffix, "2027-06-05T18:00", "2027-06-06T18:00");
		this.mvc.perform(post("/admin/drops/one-" + this.suffix + "/schedule").with(csrf()));

		this.mvc
			.perform(post("/admin/drops/two-" + this.suffix + "/schedule").with(csrf())
				.param("overrideReason", "Anniversary weekend, agreed in the Discord"))
			.andExpect(flash().attribute("message", "drop.scheduled"));
		assertThat(scheduled("two-" + this.suffix)).isTrue();
		assertThat(this.jdbc.queryForObject("select fatigue_override_reason from drops where slug = ?", String.class,
				"two-" + this.suffix))
			.isEqualTo("Anniversary weekend, agreed in the Discord");
	}

	@Test
	@WithUserDetails(value = TestAccounts.MERCHANDISER, setupBefore = TestExecutionEvent.TEST_EXECUTION)
	void unschedulesADropBeforeItOpens() throws Exception {
		createCommunity("u-" + this.suffix, "Europe/London", 7, 4);
		createSku("sku-" + this.suffix);
		createDrop("u-" + this.suffix, "u-" + this.suffix, "2027-08-05T18:00", "2027-08-06T18:00");
		this.mvc.perform(post("/admin/drops/u-" + this.suffix + "/schedule").with(csrf()));

		this.mvc.perform(post("/admin/drops/u-" + this.suffix + "/unschedule").with(csrf()))
			.andExpect(flash().attribute("message", "drop.unscheduled"));
		assertThat(scheduled("u-" + this.suffix)).isFalse();
	}

	@Test
	@WithUserDetails(value = TestAccounts.MERCHANDISER, setupBefore = TestExecutionEvent.TEST_EXECUTION)
	void listsComingAndLiveDropsFirstWithDraftsAndClosedOnesOnTheirOwnTabs() throws Exception {
		createCommunity("tabs-" + this.suffix, "Europe/London", 0, 31);
		createSku("sku-" + this.suffix);
		createDrop("draft-" + this.suffix, "tabs-" + this.suffix, "2027-03-10T18:00", "2027-03-11T18:00");
		createDrop("closed-" + this.suffix, "tabs-" + this.suffix, "2027-03-20T18:00", "2027-03-21T18:00");
		this.mvc.perform(post("/admin/drops/closed-" + this.suffix + "/schedule").with(csrf()));
		this.jdbc
			.update("update drops set announce_at = now() - interval '3 days', opens_at = now() - interval '2 days', "
					+ "closes_at = now() - interval '1 day' where slug = ?", "closed-" + this.suffix);

		String current = this.mvc.perform(get("/admin/drops")).andReturn().getResponse().getContentAsString();
		createDrop("later-" + this.suffix, "tabs-" + this.suffix, "2027-03-12T18:00", "2027-03-13T18:00");
		current = this.mvc.perform(get("/admin/drops")).andReturn().getResponse().getContentAsString();
		// The soonest first.
		assertThat(current.indexOf("/admin/drops/draft-" + this.suffix + "\""))
			.isLessThan(current.indexOf("/admin/drops/later-" + this.suffix + "\""));
		assertThat(current).contains("/admin/drops/draft-" + this.suffix + "\"")
			.doesNotContain("/admin/drops/closed-" + this.suffix + "\"")
			.containsPattern("aria-current=\"page\">Coming and live \\(\\d+\\)");
		assertThat(this.mvc.perform(get("/admin/drops").param("show", "drafts"))
			.andReturn()
			.getResponse()
			.getContentAsString()).contains("/admin/drops/draft-" + this.suffix + "\"")
			.doesNotContain("/admin/drops/closed-" + this.suffix + "\"");
		assertThat(this.mvc.perform(get("/admin/drops").param("show", "closed"))
			.andReturn()
			.getResponse()
			.getContentAsString()).contains("/admin/drops/closed-" + this.suffix + "\"")
			.doesNotContain("/admin/drops/draft-" + this.suffix + "\"");
		assertThat(this.mvc.perform(get("/admin/drops").param("show", "nonsense"))
			.andReturn()
			.getResponse()
			.getContentAsString()).containsPattern("aria-current=\"page\">Coming and live");
	}

	@Test
	@WithUserDetails(value = TestAccounts.MERCHANDISER, setupBefore = TestExecutionEvent.TEST_EXECUTION)
	void marksTodayOnTheCalendar() throws Exception {
		java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
		String month = this.mvc.perform(get("/admin/calendar")).andReturn().getResponse().getContentAsString();
		assertThat(month).containsPattern(
				"aria-current=\"date\" class=\"today\">\\s*<span class=\"day\">" + today.getDayOfMonth() + "</span>");
		String other = this.mvc
			.perform(get("/admin/calendar").param("month", today.plusMonths(2).toString().substring(0, 7)))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(other).doesNotContain("aria-current=\"date\"");
	}

	@Test
	@WithUserDetails(value = TestAccounts.FAN, setupBefore = TestExecutionEvent.TEST_EXECUTION)
	void keepsFansOutOfPlanning() throws Exception {
		this.mvc.perform(get("/admin/drops")).andExpect(status().isForbidden());
		this.mvc.perform(get("/admin/calendar")).andExpect(status().isForbidden());
		this.mvc.perform(post("/admin/communities").with(csrf()).param("slug", "fan-" + this.suffix))
			.andExpect(status().isForbidden());
	}

	@Test
	@WithUserDetails(value = TestAccounts.MERCHANDISER, setupBefore = TestExecutionEvent.TEST_EXECUTION)
	void answersAnUnknownDropWithTheFriendlyNotFoundPage() throws Exception {
		this.mvc.perform(get("/admin/drops/no-such-drop"))
			.andExpect(status().isNotFound())
			.andExpect(content().string(containsString("Page not found")));
	}

	private void createCommunity(String slug, String zone, int minGapDays, int maxPer30) throws Exception {
		this.mvc
			.perform(post("/admin/communities").with(csrf())
				.param("slug", slug)
				.param("name", "Community " + slug)
				.param("description", "Fans of " + slug)
				.param("homeChannelName", "")
				.param("homeChannelUrl", "")
				.param("targetSize", "400")
				.param("timeZone", zone)
				.param("minGapDays", String.valueOf(minGapDays))
				.param("maxDropsPer30Days", String.valueOf(maxPer30)))
			.andExpect(redirectedUrl("/admin/communities"));
	}

	private void createSku(String slug) {
		this.catalog.create(slug, new SkuDetails("SKU " + slug, Money.of(2450, "GBP"), 100, null, null));
	}

	private org.springframework.test.web.servlet.ResultActions createDrop(String slug, String community, String opens,
			String closes) throws Exception {
		MockHttpServletRequestBuilder request = post("/admin/drops").with(csrf())
			.param("slug", slug)
			.param("title", "Drop " + slug)
			.param("community", community)
			.param("accessMode", "FIRST_COME")
			.param("announceAt", "2027-01-01T09:00")
			.param("earlyAccessAt", "")
			.param("opensAt", opens)
			.param("closesAt", closes)
			.param("holdMinutes", "10")
			.param("preorderThreshold", "")
			.param("items[0].sku", "sku-" + this.suffix)
			.param("items[0].quantity", "50")
			.param("items[0].perFanLimit", "1")
			.param("items[1].sku", "")
			.param("items[1].quantity", "")
			.param("items[1].perFanLimit", "");
		return this.mvc.perform(request);
	}

	private void createDraftWithoutItems(String slug, String community, String opens, String closes) throws Exception {
		this.mvc
			.perform(post("/admin/drops").with(csrf())
				.param("slug", slug)
				.param("title", "Drop " + slug)
				.param("community", community)
				.param("accessMode", "FIRST_COME")
				.param("announceAt", "2027-01-01T09:00")
				.param("earlyAccessAt", "")
				.param("opensAt", opens)
				.param("closesAt", closes)
				.param("holdMinutes", "10")
				.param("preorderThreshold", "")
				.param("items[0].sku", "")
				.param("items[0].quantity", "")
				.param("items[0].perFanLimit", ""))
			.andExpect(redirectedUrl("/admin/drops/" + slug));
	}

	private Instant opensAt(String slug) {
		return this.jdbc.queryForObject("select opens_at from drops where slug = ?", java.sql.Timestamp.class, slug)
			.toInstant();
	}

	private boolean scheduled(String slug) {
		return this.jdbc.queryForObject("select scheduled from drops where slug = ?", Boolean.class, slug);
	}

}
