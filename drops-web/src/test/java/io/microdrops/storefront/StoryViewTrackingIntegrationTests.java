package io.microdrops.storefront;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import io.microdrops.account.AccountManagement;
import io.microdrops.analytics.StoryViews;
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
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.cookie;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Story page views counted from the drop page's own request, and the page's report of the
 * block last in view.
 */
@SpringBootTest
@AutoConfigureMockMvc
class StoryViewTrackingIntegrationTests {

	static final String FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0";

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
	StoryViews views;

	@Autowired
	JdbcTemplate jdbc;

	String drop;

	String sku;

	@BeforeEach
	void drop() {
		TestAccounts.ensure(this.accounts);
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		this.drop = TestDrops.drop(this.communities, this.catalog, this.drops, "Tracked run", AccessMode.FIRST_COME,
				new Timeline(now.minus(Duration.ofHours(2)), null, now.plus(Duration.ofDays(1)),
						now.plus(Duration.ofDays(2))),
				true);
		this.sku = this.jdbc.queryForObject(
				"select s.slug from drop_items i join drops d on d.id = i.drop_id join skus s on s.id = i.sku_id "
						+ "where d.slug = ?",
				String.class, this.drop);
		this.catalog.addText(this.sku, "Cast by hand.");
		this.catalog.addText(this.sku, "Two hundred this winter.");
	}

	@Test
	void countsAnAnonymousVisitOnceADayByAHashAndGivesNoSession() throws Exception {
		this.mvc.perform(page("198.51.100.20", FIREFOX))
			.andExpect(status().isOk())
			.andExpect(cookie().doesNotExist("DROPS_SESSION"))
			.andExpect(content().string(containsString("data-story-sku=\"" + this.sku + "\"")))
			.andExpect(content().string(containsString("/js/story-beacon.js")))
			.andExpect(content().string(containsString("data-story-beacon=\"/drops/" + this.drop + "/story-beacon\"")));
		this.mvc.perform(page("198.51.100.20", FIREFOX)).andExpect(status().isOk());
		this.views.flush();

		List<Map<String, Object>> rows = rows();
		assertThat(rows).singleElement().satisfies(row -> {
			assertThat((String) row.get("visitor")).startsWith("anon:").doesNotContain("198.51.100");
			assertThat(row.get("views")).isEqualTo(2);
			assertThat(row.get("account_id")).isNull();
		});
	}

	@Test
	@WithUserDetails(value = TestAccounts.FAN, setupBefore = TestExecutionEvent.TEST_EXECUTION)
	void countsASignedInFanByTheirAccount() throws Exception {
		this.mvc.perform(page("198.51.100.21", FIREFOX)).andExpect(status().isOk());
		this.views.flush();

		assertThat(rows()).singleElement()
			.satisfies(row -> assertThat((String) row.get("visitor")).startsWith("fan:")
				.isEqualTo("fan:" + row.get("account_id")));
	}

	@Test
	void countsNothingWhenTheBrowserAsksNotToBeTrackedOrIsARobot() throws Exception {
		this.mvc.perform(page("198.51.100.22", FIREFOX).header("DNT", "1")).andExpect(status().isOk());
		this.mvc.perform(page("198.51.100.23", FIREFOX).header("Sec-GPC", "1")).andExpect(status().isOk());
		this.mvc.perform(page("198.51.100.24", "Mozilla/5.0 (compatible; Googlebot/2.1)")).andExpect(status().isOk());
		this.mvc.perform(page("198.51.100.25", "curl/8.14.1")).andExpect(status().isOk());
		this.mvc.perform(get("/drops/" + this.drop + "/stock").header("User-Agent", FIREFOX))
			.andExpect(status().isOk());
		this.views.flush();

		assertThat(rows()).isEmpty();
	}

	@Test
	void notesTheStoryBlockLastInViewThatThePageReports() throws Exception {
		this.mvc.perform(page("198.51.100.26", FIREFOX)).andExpect(status().isOk());
		this.views.flush();

		this.mvc.perform(beacon("198.51.100.26").param("sku", this.sku).param("block", "1").with(csrf()))
			.andExpect(status().isNoContent());
		this.mvc.perform(beacon("198.51.100.26").param("sku", this.sku).param("block", "x").with(csrf()))
			.andExpect(status().isNoContent());
		this.views.flush();

		assertThat(rows()).singleElement().satisfies(row -> assertThat(row.get("last_block")).isEqualTo(1));
	}

	@Test
	void takesAReportWithoutACsrfTokenAsTheSharedPageSendsIt() throws Exception {
		// Anonymous visitors share one drop page, which carries no token; the session
		// cookie is SameSite=Lax, so another site's POST cannot speak for a signed-in
		// fan.
		this.mvc.perform(page("198.51.100.27", FIREFOX)).andExpect(status().isOk());
		this.views.flush();

		this.mvc.perform(beacon("198.51.100.27").param("sku", this.sku).param("block", "0"))
			.andExpect(status().isNoContent());
		this.views.flush();

		assertThat(rows()).singleElement().satisfies(row -> assertThat(row.get("last_block")).isEqualTo(0));
	}

	private MockHttpServletRequestBuilder page(String address, String userAgent) {
		return get("/drops/" + this.drop).header("User-Agent", userAgent).with(request -> {
			request.setRemoteAddr(address);
			return request;
		});
	}

	private MockHttpServletRequestBuilder beacon(String address) {
		return post("/drops/" + this.drop + "/story-beacon").header("User-Agent", FIREFOX).with(request -> {
			request.setRemoteAddr(address);
			return request;
		});
	}

	private List<Map<String, Object>> rows() {
		return this.jdbc.queryForList(
				"select v.* from analytics_story_views v join drops d on d.id = v.drop_id where d.slug = ?", this.drop);
	}

}
