package io.microdrops.ops.analytics;

import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.microdrops.account.AccountId;
import io.microdrops.account.AccountManagement;
import io.microdrops.analytics.AnalyticsRefresh;
import io.microdrops.catalog.CatalogManagement;
import io.microdrops.checkout.Checkout;
import io.microdrops.checkout.Fulfilment;
import io.microdrops.checkout.OrderManagement;
import io.microdrops.checkout.PlaceOrder;
import io.microdrops.checkout.Reservation;
import io.microdrops.checkout.ReserveRequest;
import io.microdrops.community.CommunityManagement;
import io.microdrops.drop.AccessMode;
import io.microdrops.drop.DropManagement;
import io.microdrops.drop.Timeline;
import io.microdrops.web.TestAccounts;
import io.microdrops.web.TestDrops;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.TestExecutionEvent;
import org.springframework.security.test.context.support.WithUserDetails;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.util.HtmlUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The dashboards as ops, admins and merchandisers see them: who may open them, the
 * filters, and downloads that hold exactly what the tables show. One live drop of a
 * community of its own, with two buyers and a hold, gives them figures.
 */
@SpringBootTest
@AutoConfigureMockMvc
class AnalyticsDashboardIntegrationTests {

	private static final Pattern TABLE = Pattern.compile("<table id=\"table-([a-z-]+)\".*?</table>", Pattern.DOTALL);

	private static final Pattern ROW = Pattern.compile("<tr>(.*?)</tr>", Pattern.DOTALL);

	private static final Pattern CELL = Pattern.compile("<t([hd])[^>]*>(.*?)</t\\1>", Pattern.DOTALL);

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
	Checkout checkout;

	@Autowired
	OrderManagement orders;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	AnalyticsRefresh refresh;

	String drop;

	String community;

	@BeforeEach
	void liveDrop() {
		TestAccounts.ensure(this.accounts);
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		this.drop = TestDrops.drop(this.communities, this.catalog, this.drops, "Dashboard run", AccessMode.FIRST_COME,
				new Timeline(now.minus(Duration.ofDays(1)), null, now.minus(Duration.ofHours(1)),
						now.plus(Duration.ofDays(1))),
				true);
		this.community = this.jdbc.queryForObject(
				"select c.slug from drops d join communities c on c.id = d.community_id where d.slug = ?", String.class,
				this.drop);
		String sku = this.jdbc.queryForObject(
				"select s.slug from drop_items i join drops d on d.id = i.drop_id join skus s on s.id = i.sku_id "
						+ "where d.slug = ?",
				String.class, this.drop);
		buy(fan(), sku, 2, new Fulfilment(Fulfilment.Method.SHIPPING, null, "2 Vinyl Lane, Leeds"));
		buy(fan(), sku, 1, new Fulfilment(Fulfilment.Method.SHIPPING, null, "1 Vinyl Lane, Leeds"));
		this.checkout.reserve(new ReserveRequest(this.drop, sku, 1, fan(), null));
		await().atMost(Duration.ofSeconds(20))
			.until(() -> this.jdbc.queryForObject(
					"select coalesce(max(t.buyers), 0) + coalesce(max(t.reserved), 0) from analytics_drop_totals t "
							+ "join drops d on d.id = t.drop_id where d.slug = ?",
					Integer.class, this.drop), total -> total == 5);
		this.refresh.refresh();
	}

	@Test
	void sendsPeopleWhoAreNotSignedInToSignIn() throws Exception {
		this.mvc.perform(get("/ops/analytics"))
			.andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrl("/login"));
		this.mvc.perform(get("/ops/analytics/drops.csv")).andExpect(status().is3xxRedirection());
	}

	@Test
	@WithUserDetails(value = TestAccounts.FAN, setupBefore = TestExecutionEvent.TEST_EXECUTION)
	void refusesFans() throws Exception {
		this.mvc.perform(get("/ops/analytics")).andExpect(status().isForbidden());
		this.mvc.perform(get("/ops/analytics/cohorts.csv")).andExpect(status().isForbidden());
	}

	@Test
	@WithUserDetails(value = TestAccounts.MERCHANDISER, setupBefore = TestExecutionEvent.TEST_EXECUTION)
	void letsMerchandisersSeeTheDashboardsButNotTheRestOfOps() throws Exception {
		this.mvc.perform(get("/ops/analytics").param("community", this.community))
			.andExpect(status().isOk())
			.andExpect(content().string(not(containsString("href=\"/ops/queue\""))))
			.andExpect(content().string(not(containsString("href=\"/ops/hubs\""))));
		this.mvc.perform(get("/ops")).andExpect(status().isForbidden());
		this.mvc.perform(get("/admin"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("href=\"/ops/analytics\"")))
			.andExpect(content().string(not(containsString("href=\"/ops\""))));
	}

	@Test
	@WithUserDetails(value = TestAccounts.ADMIN, setupBefore = TestExecutionEvent.TEST_EXECUTION)
	void letsAdminsSeeTheDashboards() throws Exception {
		this.mvc.perform(get("/ops/analytics").param("community", this.community))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("href=\"/ops/queue\"")));
	}

	@Test
	@WithUserDetails(value = TestAccounts.OPS, setupBefore = TestExecutionEvent.TEST_EXECUTION)
	void showsTheFunnelRetentionAndCohortsOfACommunityWithChartsTheContentSecurityPolicyAllows() throws Exception {
		String page = this.mvc.perform(get("/ops/analytics").param("community", this.community).param("period", "3m"))
			.andExpect(status().isOk())
			.andExpect(header().string("Server-Timing", matchesPattern("analytics;dur=[0-9.]+")))
			.andExpect(header().string("Content-Security-Policy", containsString("script-src 'self'")))
			.andExpect(content().string(containsString("Funnel of Dashboard run")))
			.andExpect(content().string(not(containsString(" style="))))
			.andReturn()
			.getResponse()
			.getContentAsString();

		assertThat(page).containsPattern("/webjars/chart.js/[0-9.]+/dist/chart.umd.min.js")
			.contains("/js/analytics-charts.js");
		assertThat(Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>").matcher(page).find()).isFalse();
		assertThat(page).contains("data-chart=\"{&quot;kind&quot;:&quot;funnel&quot;",
				"data-chart=\"{&quot;kind&quot;:&quot;retention&quot;",
				"data-chart=\"{&quot;kind&quot;:&quot;heatmap&quot;",
				"data-chart=\"{&quot;kind&quot;:&quot;curve&quot;");
		assertThat(rows(page, "funnel")).containsExactly(List.of("Viewed the page", "0", "—"),
				List.of("Joined the waitlist", "0", "—"), List.of("Held units", "3", "—"),
				List.of("Bought", "2", "66.7"), List.of("Picked up (of pickup orders)", "0", "—"));
		assertThat(rows(page, "cohorts")).singleElement()
			.satisfies(row -> assertThat(row.subList(0, 4)).containsExactly("Dashboard run", "Keycap Collectors", "2",
					"0"));
		assertThat(rows(page, "retention")).singleElement()
			.satisfies(
					row -> assertThat(row).containsExactly("Dashboard run", "1", row.get(2), "3", "3", "0", "—", "—"));
		assertThat(rows(page, "drops")).singleElement()
			.satisfies(row -> assertThat(row.subList(3, 7)).containsExactly("50", "3", "6.0", "73.50"));
	}

	@Test
	@WithUserDetails(value = TestAccounts.OPS, setupBefore = TestExecutionEvent.TEST_EXECUTION)
	void everyDownloadHoldsWhatItsTableShows() throws Exception {
		String page = this.mvc.perform(get("/ops/analytics").param("community", this.community).param("period", "3m"))
			.andReturn()
			.getResponse()
			.getContentAsString();

		for (String table : List.of("drops", "cohorts", "retention", "funnel", "stories", "story-blocks")) {
			String csv = this.mvc
				.perform(get("/ops/analytics/" + table + ".csv").param("community", this.community)
					.param("period", "3m"))
				.andExpect(status().isOk())
				.andExpect(header().string("Content-Type", "text/csv;charset=UTF-8"))
				.andExpect(header().string("Content-Disposition", containsString("attachment; filename=\"drops-")))
				.andReturn()
				.getResponse()
				.getContentAsString();
			List<CSVRecord> records = CSVFormat.DEFAULT.parse(new StringReader(csv)).getRecords();
			List<List<String>> shown = rowsWithHeader(page, table);
			assertThat(records).as(table).hasSameSizeAs(shown);
			for (int i = 0; i < records.size(); i++) {
				List<String> expected = shown.get(i).stream().map(text -> "—".equals(text) ? "" : text).toList();
				assertThat(records.get(i).toList()).as(table + " row " + i).isEqualTo(expected);
			}
		}
	}

	@Test
	@WithUserDetails(value = TestAccounts.OPS, setupBefore = TestExecutionEvent.TEST_EXECUTION)
	void explainsFilterValuesItDoesNotKnowNextToTheirFields() throws Exception {
		this.mvc
			.perform(get("/ops/analytics").param("community", "no-such-community")
				.param("period", "5y")
				.param("drop", "no-such-drop"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("There is no such community; showing all communities.")))
			.andExpect(content().string(containsString("That period is not one of the choices")))
			.andExpect(content().string(containsString("There is no such drop; showing the latest drop instead.")))
			.andExpect(content().string(containsString("aria-describedby=\"filter-community-error\"")))
			.andExpect(content().string(containsString("Choose a community to see how its fans come back")));
		this.mvc.perform(get("/ops/analytics/funnel.csv").param("drop", "no-such-drop"))
			.andExpect(status().isNotFound());
		this.mvc.perform(get("/ops/analytics/nothing.csv")).andExpect(status().isNotFound());
	}

	private void buy(AccountId fan, String sku, int quantity, Fulfilment fulfilment) {
		Reservation hold = this.checkout.reserve(new ReserveRequest(this.drop, sku, quantity, fan, null));
		this.orders.placeOrder(new PlaceOrder(hold.id(), fan, "4242424242424242", fulfilment));
	}

	private AccountId fan() {
		UUID id = this.jdbc.queryForObject(
				"""
						insert into accounts (id, email, display_name, password_hash, enabled, created_at)
						values (gen_random_uuid(), 'dash-' || gen_random_uuid() || '@example.com', 'Fan', '{noop}x', true, now())
						returning id
						""",
				UUID.class);
		this.jdbc.update("insert into account_roles (account_id, role) values (?, 'FAN')", id);
		return new AccountId(id);
	}

	private static List<List<String>> rows(String page, String table) {
		List<List<String>> rows = rowsWithHeader(page, table);
		return rows.subList(1, rows.size());
	}

	/** The table's rows as the page shows them, header row first, as plain texts. */
	private static List<List<String>> rowsWithHeader(String page, String table) {
		Matcher tables = TABLE.matcher(page);
		while (tables.find()) {
			if (tables.group(1).equals(table)) {
				List<List<String>> rows = new ArrayList<>();
				Matcher row = ROW.matcher(tables.group());
				while (row.find()) {
					List<String> cells = new ArrayList<>();
					Matcher cell = CELL.matcher(row.group(1));
					while (cell.find()) {
						cells.add(HtmlUtils.htmlUnescape(cell.group(2).replaceAll("<[^>]+>", "").strip()));
					}
					rows.add(cells);
				}
				return rows;
			}
		}
		throw new AssertionError("No table " + table + " on the page");
	}

}
