package io.microdrops.admin.cadence;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;

import io.microdrops.account.AccountManagement;
import io.microdrops.catalog.CatalogManagement;
import io.microdrops.catalog.SkuDetails;
import io.microdrops.community.CommunityDetails;
import io.microdrops.community.CommunityManagement;
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
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The admin cadence pages: who may use them, what the form says when input is wrong, and
 * a cadence created, listed in plain words, paused and resumed.
 */
@SpringBootTest
@AutoConfigureMockMvc
class CadenceAdminIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	AccountManagement accounts;

	@Autowired
	CommunityManagement communities;

	@Autowired
	CatalogManagement catalog;

	@Autowired
	JdbcTemplate jdbc;

	String community;

	String sku;

	@BeforeEach
	void fixtures() {
		TestAccounts.ensure(this.accounts);
		this.community = unique("keycaps");
		this.communities.create(this.community, new CommunityDetails("Keycap Collectors", "Fans of artisan keycaps.",
				null, null, 400, ZoneId.of("Europe/London"), 7, 4));
		this.sku = unique("brass-keycap");
		this.catalog.create(this.sku, new SkuDetails("Brass keycap", Money.of(2400, "GBP"), 200, null, null));
	}

	@Test
	void sendsAnonymousVisitorsToSignIn() throws Exception {
		this.mvc.perform(get("/admin/cadences")).andExpect(status().isFound()).andExpect(redirectedUrl("/login"));
		this.mvc.perform(get("/admin/cadences/new")).andExpect(status().isFound()).andExpect(redirectedUrl("/login"));
	}

	@Test
	@WithUserDetails(value = TestAccounts.FAN, setupBefore = TestExecutionEvent.TEST_EXECUTION)
	void refusesAFanEveryCadencePage() throws Exception {
		String slug = unique("fan-cadence");
		this.mvc.perform(get("/admin/cadences")).andExpect(status().isForbidden());
		this.mvc.perform(get("/admin/cadences/new")).andExpect(status().isForbidden());
		this.mvc.perform(valid(slug).with(csrf())).andExpect(status().isForbidden());
		this.mvc.perform(post("/admin/cadences/run").with(csrf())).andExpect(status().isForbidden());
		assertThat(cadencesCalled(slug)).isZero();
	}

	@Test
	@WithUserDetails(value = TestAccounts.ADMIN, setupBefore = TestExecutionEvent.TEST_EXECUTION)
	void letsAnAdminSeeTheCadences() throws Exception {
		this.mvc.perform(get("/admin/cadences"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("<h1>Cadences</h1>")));
	}

	@Test
	@WithUserDetails(value = TestAccounts.MERCHANDISER, setupBefore = TestExecutionEvent.TEST_EXECUTION)
	void refusesAFormPostedWithoutACsrfToken() throws Exception {
		String slug = unique("no-token");

		this.mvc.perform(valid(slug)).andExpect(status().isForbidden());

		assertThat(cadencesCalled(slug)).isZero();
	}

	@Test
	@WithUserDetails(value = TestAccounts.MERCHANDISER, setupBefore = TestExecutionEvent.TEST_EXECUTION)
	void showsTheEmptyFormWithLabelledFields() throws Exception {
		this.mvc.perform(get("/admin/cadences/new"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("<legend>Weekdays (weekly cadences)</legend>")))
			.andExpect(content().string(containsString("<label for=\"item-0-sku\">SKU 1</label>")))
			.andExpect(content().string(containsString("<select id=\"item-0-sku\"")))
			.andExpect(content().string(containsString("name=\"items[0].sku\"")))
			.andExpect(content().string(containsString("<label for=\"item-2-quantity\">Units per drop</label>")))
			.andExpect(content().string(containsString("id=\"item-2-quantity\"")))
			.andExpect(content().string(containsString("Keycap Collectors (Europe/London)")))
			.andExpect(content().string(not(containsString("style="))))
			.andExpect(content().string(not(containsString("<script>"))));
	}

	@Test
	@WithUserDetails(value = TestAccounts.MERCHANDISER, setupBefore = TestExecutionEvent.TEST_EXECUTION)
	void showsEveryProblemNextToItsFieldAndSavesNothing() throws Exception {
		String slug = unique("bad");

		this.mvc
			.perform(valid(slug).param("interval", "0")
				.param("time", "25:00")
				.param("items[0].sku", "no-such-sku")
				.param("items[1].sku", this.sku)
				.param("items[1].quantity", "3")
				.param("items[1].perFanLimit", "5")
				.param("horizonWeeks", "30")
				.param("earlyAccessLeadHours", "100")
				.with(csrf())
				.param("weekdays", new String[0]))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Please correct the fields marked below.")))
			.andExpect(content().string(containsString("Please enter a time such as 18:00.")))
			.andExpect(content().string(containsString("aria-invalid=\"true\"")))
			.andExpect(content().string(containsString("id=\"time-error\"")));
		assertThat(cadencesCalled(slug)).isZero();

		this.mvc
			.perform(post("/admin/cadences").with(csrf())
				.param("slug", slug)
				.param("community", this.community)
				.param("frequency", "WEEKLY")
				.param("interval", "0")
				.param("time", "18:00")
				.param("startsOn", LocalDate.now().toString())
				.param("titlePattern", "Keycap Thursday — {date}")
				.param("items[0].sku", "no-such-sku")
				.param("items[0].quantity", "10")
				.param("items[0].perFanLimit", "1")
				.param("items[2].sku", this.sku)
				.param("items[2].quantity", "3")
				.param("items[2].perFanLimit", "5")
				.param("accessMode", "FIRST_COME")
				.param("announceLeadHours", "72")
				.param("earlyAccessLeadHours", "100")
				.param("openHours", "24")
				.param("holdMinutes", "10")
				.param("horizonWeeks", "30"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Please enter a number from 1 to 12.")))
			.andExpect(content().string(containsString("Please choose at least one weekday.")))
			.andExpect(content().string(containsString("There is no SKU called no-such-sku.")))
			.andExpect(content().string(containsString("id=\"item-0-sku-error\"")))
			.andExpect(content().string(containsString("The per-fan limit cannot be more than the units per drop.")))
			.andExpect(content().string(containsString("id=\"item-2-limit-error\"")))
			.andExpect(content().string(containsString("Please enter a number of weeks from 1 to 26.")))
			.andExpect(content().string(containsString("Early access cannot start before the announcement")));
		assertThat(cadencesCalled(slug)).isZero();
	}

	@Test
	@WithUserDetails(value = TestAccounts.MERCHANDISER, setupBefore = TestExecutionEvent.TEST_EXECUTION)
	void createsAFortnightlyCadenceListsItInPlainWordsAndPausesIt() throws Exception {
		String slug = unique("fortnightly");

		this.mvc.perform(valid(slug).with(csrf()))
			.andExpect(status().isFound())
			.andExpect(redirectedUrl("/admin/cadences"))
			.andExpect(flash().attribute("message", "cadence.created"));

		assertThat(cadencesCalled(slug)).isEqualTo(1);
		assertThat(this.jdbc.queryForObject(
				"select count(*) from drops d join cadences c on c.id = d.cadence_id where c.slug = ?", Long.class,
				slug))
			.isBetween(1L, 3L);
		this.mvc.perform(get("/admin/cadences"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Every 2nd week on Thursday at 18:00 (Europe/London)")))
			.andExpect(content().string(containsString(slug)));
		assertThat(row(slug)).doesNotContain("fatigue guard");

		// Twice a week, for a community that wants a week between drops: said on its row.
		String twice = unique("twice");
		this.mvc.perform(valid(twice, "1", "MONDAY", "THURSDAY").with(csrf()))
			.andExpect(redirectedUrl("/admin/cadences"));
		assertThat(row(twice)).contains("Its drops would open 3 days apart, but Keycap Collectors wants at least 7 "
				+ "days between drops: each draft that breaks this fatigue guard needs an admin&#39;s override");
		this.mvc.perform(get("/admin/cadences/" + slug + "/edit"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("value=\"Keycap Thursday &mdash; {date}\"")));

		this.mvc.perform(post("/admin/cadences/" + slug + "/pause").with(csrf()))
			.andExpect(redirectedUrl("/admin/cadences"))
			.andExpect(flash().attribute("message", "cadence.paused"));
		assertThat(this.jdbc.queryForObject("select active from cadences where slug = ?", Boolean.class, slug))
			.isFalse();
		this.mvc.perform(post("/admin/cadences/" + slug + "/resume").with(csrf()))
			.andExpect(redirectedUrl("/admin/cadences"));
		assertThat(this.jdbc.queryForObject("select active from cadences where slug = ?", Boolean.class, slug))
			.isTrue();
	}

	@Test
	@WithUserDetails(value = TestAccounts.MERCHANDISER, setupBefore = TestExecutionEvent.TEST_EXECUTION)
	void savesAChangeAndAnswersNotFoundForAnUnknownCadence() throws Exception {
		String slug = unique("monthly");
		this.mvc.perform(valid(slug).with(csrf())).andExpect(status().isFound());

		this.mvc
			.perform(post("/admin/cadences/" + slug).with(csrf())
				.param("slug", slug)
				.param("community", this.community)
				.param("frequency", "MONTHLY")
				.param("interval", "1")
				.param("weekOfMonth", "2")
				.param("monthWeekday", "THURSDAY")
				.param("time", "19:30")
				.param("startsOn", LocalDate.now().toString())
				.param("titlePattern", "Keycap night #{n}")
				.param("items[0].sku", this.sku)
				.param("items[0].quantity", "20")
				.param("items[0].perFanLimit", "1")
				.param("accessMode", "DRAW")
				.param("announceLeadHours", "72")
				.param("earlyAccessLeadHours", "")
				.param("openHours", "48")
				.param("holdMinutes", "15")
				.param("horizonWeeks", "8"))
			.andExpect(redirectedUrl("/admin/cadences"))
			.andExpect(flash().attribute("message", "cadence.updated"));

		this.mvc.perform(get("/admin/cadences"))
			.andExpect(content().string(containsString("Every month on the 2nd Thursday at 19:30 (Europe/London)")));
		this.mvc.perform(get("/admin/cadences/no-such-cadence/edit")).andExpect(status().isNotFound());
	}

	private MockHttpServletRequestBuilder valid(String slug) {
		return valid(slug, "2", "THURSDAY");
	}

	private MockHttpServletRequestBuilder valid(String slug, String interval, String... weekdays) {
		return post("/admin/cadences").param("slug", slug)
			.param("community", this.community)
			.param("frequency", "WEEKLY")
			.param("interval", interval)
			.param("weekdays", weekdays)
			.param("time", "18:00")
			.param("startsOn", LocalDate.now().toString())
			.param("titlePattern", "Keycap Thursday — {date}")
			.param("items[0].sku", this.sku)
			.param("items[0].quantity", "50")
			.param("items[0].perFanLimit", "2")
			.param("accessMode", "FIRST_COME")
			.param("announceLeadHours", "0")
			.param("earlyAccessLeadHours", "")
			.param("openHours", "24")
			.param("holdMinutes", "10")
			.param("horizonWeeks", "6");
	}

	/** The cadence's row on the list. */
	private String row(String slug) throws Exception {
		String list = this.mvc.perform(get("/admin/cadences")).andReturn().getResponse().getContentAsString();
		String row = list.substring(list.indexOf("<span class=\"cadence-slug\">" + slug + "</span>"));
		return row.substring(0, row.indexOf("</tr>"));
	}

	private long cadencesCalled(String slug) {
		return this.jdbc.queryForObject("select count(*) from cadences where slug = ?", Long.class, slug);
	}

	private static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

}
