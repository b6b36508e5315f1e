package io.microdrops.e2e;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.BoundingBox;
import com.microsoft.playwright.options.SelectOption;
import org.junit.jupiter.api.Test;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Journey 4: ops at a desktop open the analytics dashboards from the navigation; the
 * charts are drawn, each with its table of the same figures; a filter by community
 * narrows every figure to that community; a table downloads as CSV.
 */
@BrowserJourney
class AnalyticsJourneyTests {

	@Test
	void opsReadTheDashboardsFilterByCommunityAndDownloadACsvFile(Journey journey) {
		Actor ops = journey.desktop("ops");
		Page page = ops.page();
		ops.open("/login");
		page.locator("#username").fill("ops@example.com");
		page.locator("#password").fill(journey.demoPassword());
		ops.submit("main form button[type=submit]");
		page.waitForURL("**/ops");
		ops.step("ops-overview");

		// The dashboards, from the navigation.
		page.locator("header nav a[href='/ops/analytics']").click();
		page.waitForURL("**/ops/analytics");
		assertThat(page.locator("main h1")).hasText("Dashboards");
		assertChartsDrawn(page);
		String firstShown = page.locator("#filter-community option:checked").textContent().strip();
		ops.step("dashboards");

		// Every community.
		page.locator("#filter-community").selectOption("all");
		page.locator("#filter-cohorts").selectOption("month");
		ops.submit("form.analytics-filters button[type=submit]");
		assertThat(page.locator("#filter-community")).hasValue("all");
		assertThat(page.locator("#retention")).containsText("Choose a community");
		assertChartsDrawn(page);
		Map<String, Long> dropsPerCommunity = communitiesInDropsTable(page).stream()
			.collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
		assertThat(dropsPerCommunity).as("communities in the table of every drop").hasSizeGreaterThan(1);
		ops.step("dashboards-all-communities");

		// Another community than the one shown first, the one with the most drops: its
		// retention appears, and every drop in the table is its own.
		String community = dropsPerCommunity.entrySet()
			.stream()
			.filter(entry -> !entry.getKey().equals(firstShown))
			.max(Map.Entry.comparingByValue())
			.orElseThrow()
			.getKey();
		page.locator("#filter-community").selectOption(new SelectOption().setLabel(community));
		page.locator("#filter-cohorts").selectOption("drop");
		ops.submit("form.analytics-filters button[type=submit]");
		assertThat(page.locator("main .field.has-error")).hasCount(0);
		assertThat(page.locator("#retention canvas.chart")).hasCount(1);
		assertThat(page.locator("#retention table.figures")).hasCount(1);
		assertChartsDrawn(page);
		assertThat(Set.copyOf(communitiesInDropsTable(page))).containsExactly(community);
		assertThat(page.locator("#funnel .hint-inline").first()).containsText(community);
		ops.step("dashboards-one-community");

		// The table of drops as a CSV file: the browser downloads it, and the shop
		// answers
		// with text/csv holding that community's drops only.
		Locator csvLink = page.locator("#drops a[download]");
		String href = csvLink.getAttribute("href");
		assertThat(href).contains("/ops/analytics/drops.csv");
		Download download = page.waitForDownload(csvLink::click);
		assertThat(download.failure()).as("download failure").isNull();
		assertThat(download.suggestedFilename()).endsWith(".csv");
		APIResponse csv = page.context().request().get(href);
		assertThat(csv.status()).isEqualTo(200);
		assertThat(csv.headers().get("content-type")).startsWith("text/csv");
		String[] lines = new String(csv.body(), StandardCharsets.UTF_8).split("\r\n");
		assertThat(lines[0]).startsWith("Drop,Community,Opened");
		assertThat(lines).hasSizeGreaterThan(1);
		for (int i = 1; i < lines.length; i++) {
			assertThat(lines[i]).as("CSV line %d", i).contains("," + community + ",");
		}
		ops.step("csv-downloaded");
	}

	/**
	 * Every chart on the page is drawn by Chart.js on a visible canvas of some size, and
	 * the table with the same figures is there for whoever cannot see it.
	 */
	private static void assertChartsDrawn(Page page) {
		Locator charts = page.locator("canvas.chart");
		assertThat(charts.first()).isVisible();
		List<String> missing = new ArrayList<>();
		for (int i = 0; i < charts.count(); i++) {
			Locator chart = charts.nth(i);
			String label = chart.getAttribute("aria-label");
			assertThat(label).as("chart %d's text alternative", i).isNotBlank();
			BoundingBox box = chart.boundingBox();
			assertThat(box).as("chart '%s' on the page", label).isNotNull();
			assertThat(box.width).as("width of chart '%s'", label).isGreaterThan(0);
			assertThat(box.height).as("height of chart '%s'", label).isGreaterThan(0);
			if (!(Boolean) chart
				.evaluate("canvas => window.Chart !== undefined && Chart.getChart(canvas) !== undefined")) {
				missing.add(label);
			}
		}
		assertThat(missing).as("charts Chart.js did not draw").isEmpty();
		Locator sections = page.locator("section.analytics-section:has(canvas.chart)");
		for (int i = 0; i < sections.count(); i++) {
			// Each chart's figures are in a table under it, for whoever cannot see it.
			assertThat(sections.nth(i).locator("table.figures").first()).isAttached();
		}
	}

	private static List<String> communitiesInDropsTable(Page page) {
		Locator cells = page.locator("#table-drops tbody tr td:first-of-type");
		assertThat(cells.first()).isVisible();
		return cells.allTextContents().stream().map(String::strip).toList();
	}

}
