package io.microdrops.ops.analytics;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import io.microdrops.analytics.AnalyticsDashboards;
import io.microdrops.analytics.AnalyticsDashboards.CohortBy;
import io.microdrops.analytics.AnalyticsDashboards.CommunityChoice;
import io.microdrops.analytics.AnalyticsDashboards.DropSummary;
import io.microdrops.analytics.AnalyticsDashboards.Funnel;
import io.microdrops.analytics.AnalyticsDashboards.Scope;
import io.microdrops.analytics.Period;
import io.microdrops.offer.FollowUpManagement;
import io.microdrops.ops.analytics.AnalyticsTable.Cell;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import tools.jackson.databind.json.JsonMapper;

import io.microdrops.offer.FollowUpManagement;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The dashboards at {@code /ops/analytics}: a drop's funnel, a community's retention per
 * drop, cohorts of first-time buyers, and a summary of every drop, filtered by community
 * and period; every table also as a CSV file. The time the dashboard's queries took is in
 * the {@code Server-Timing} header.
 */
@Controller
@RequestMapping("/ops/analytics")
class AnalyticsController {

	static final String VIEW = "ops/analytics/index";

	/** The summary table on the page shows the newest drops; the CSV file has all. */
	static final int SUMMARY_ROWS = 60;

	/** The funnel's drop choices: the newest drops in the scope. */
	static final int DROP_CHOICES = 120;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final AnalyticsDashboards dashboards;

	private final DashboardTables tables;

	private final FollowUpManagement followUps;

	AnalyticsController(AnalyticsDashboards dashboards, DashboardTables tables, FollowUpManagement followUps) {
		this.dashboards = dashboards;
		this.tables = tables;
		this.followUps = followUps;
	}

	@GetMapping
	String dashboard(DashboardQuery query, Model model, Locale locale, HttpServletResponse response) {
		long started = System.nanoTime();
		Filters filters = filters(query);
		List<DropSummary> drops = this.dashboards.drops(filters.scope());
		Function<String, String> funnelLink = slug -> link(filters, slug) + "#funnel";
		var cohorts = this.dashboards.cohorts(filters.scope(), filters.cohortBy());
		var retention = (filters.community() != null) ? this.dashboards.retention(filters.community(), filters.period())
				: null;
		Optional<Funnel> funnel = funnel(filters, drops);
		double millis = (System.nanoTime() - started) / 1e6;
		response.setHeader("Server-Timing", String.format(Locale.ROOT, "analytics;dur=%.1f", millis));

		model.addAttribute("filters", filters);
		model.addAttribute("communities", this.dashboards.communities());
		model.addAttribute("periods", Period.values());
		model.addAttribute("dropChoices", drops.subList(0, Math.min(drops.size(), DROP_CHOICES)));
		model.addAttribute("dropsTable", this.tables.drops(drops, funnelLink, locale).limitedTo(SUMMARY_ROWS));
		model.addAttribute("cohorts", cohorts);
		model.addAttribute("cohortsTable", this.tables.cohorts(cohorts, locale));
		model.addAttribute("heatmap", json(this.tables.heatmap(cohorts, locale)));
		model.addAttribute("curve", json(this.tables.repeatCurve(cohorts, locale)));
		if (retention != null) {
			model.addAttribute("retention", retention);
			model.addAttribute("retentionTable", this.tables.retention(retention, funnelLink, locale));
			model.addAttribute("retentionChart", json(this.tables.retentionChart(retention, locale)));
		}
		funnel.ifPresent(found -> {
			model.addAttribute("funnel", found);
			model.addAttribute("funnelOpened", Figures.date(found.opensAt(), found.zone()));
			model.addAttribute("funnelSellOut", Figures.hours(found.timeToSellOut()));
			model.addAttribute("funnelTable", this.tables.funnel(found, locale));
			model.addAttribute("storiesTable", this.tables.stories(found, locale));
			model.addAttribute("blocksTable", this.tables.storyBlocks(found, locale));
			model.addAttribute("funnelChart", json(this.tables.funnelChart(found, locale)));
		});
		model.addAttribute("csv", csvLinks(filters));
		model.addAttribute("followUps",
				this.followUps.conversion()
					.stream()
					.filter(line -> filters.community() == null || filters.community().equals(line.communitySlug()))
					.toList());
		return VIEW;
	}

	@GetMapping("/{table}.csv")
	void csv(@PathVariable String table, DashboardQuery query, Locale locale, HttpServletResponse response)
			throws IOException {
		Filters filters = filters(query);
		Function<String, String> noLink = slug -> null;
		AnalyticsTable data = switch (table) {
			case "drops" -> this.tables.drops(this.dashboards.drops(filters.scope()), noLink, locale);
			case "cohorts" -> this.tables.cohorts(this.dashboards.cohorts(filters.scope(), filters.cohortBy()), locale);
			case "retention" -> this.tables.retention((filters.community() != null)
					? this.dashboards.retention(filters.community(), filters.period()) : List.of(), noLink, locale);
			case "funnel" -> this.tables.funnel(requireFunnel(filters), locale);
			case "stories" -> this.tables.stories(requireFunnel(filters), locale);
			case "story-blocks" -> this.tables.storyBlocks(requireFunnel(filters), locale);
			default -> throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		};
		String name = "drops-" + table + "-"
				+ ((filters.drop() != null && !"drops".equals(table) && !"cohorts".equals(table)
						&& !"retention".equals(table)) ? filters.drop()
								: ((filters.community() != null) ? filters.community() : "all") + "-"
										+ filters.period().code())
				+ ".csv";
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"");
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		Writer writer = response.getWriter();
		try (CSVPrinter printer = CSVFormat.DEFAULT.builder()
			.setHeader(data.headers().toArray(String[]::new))
			.get()
			.print(writer)) {
			for (List<Cell> row : data.rows()) {
				printer.printRecord(row.stream().map(cell -> (cell.text() != null) ? cell.text() : "").toList());
			}
		}
	}

	private Funnel requireFunnel(Filters filters) {
		return (filters.drop() != null)
				? this.dashboards.funnel(filters.drop())
					.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND))
				: latest(this.dashboards.drops(filters.scope())).flatMap(drop -> this.dashboards.funnel(drop.slug()))
					.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}

	private Optional<Funnel> funnel(Filters filters, List<DropSummary> drops) {
		if (filters.drop() != null) {
			Optional<Funnel> chosen = this.dashboards.funnel(filters.drop());
			if (chosen.isPresent()) {
				return chosen;
			}
			filters.errors().put("drop", "analytics.filter.drop.unknown");
		}
		return latest(drops).flatMap(drop -> this.dashboards.funnel(drop.slug()));
	}

	/**
	 * The drop whose funnel shows by default: the latest with anything recorded (a drop
	 * that opened a minute ago has nothing to show yet), else the latest.
	 */
	private static Optional<DropSummary> latest(List<DropSummary> drops) {
		return drops.stream()
			.filter(drop -> drop.viewers() > 0 || drop.waitlisted() > 0 || drop.reserved() > 0 || drop.buyers() > 0)
			.findFirst()
			.or(() -> drops.stream().findFirst());
	}

	/**
	 * Reads the filters, falling back to the defaults for values it does not know and
	 * noting why next to the field.
	 */
	private Filters filters(DashboardQuery query) {
		Map<String, String> errors = new LinkedHashMap<>();
		List<CommunityChoice> communities = this.dashboards.communities();
		String community;
		if (query.community() == null || query.community().isBlank()) {
			community = latestCommunity();
		}
		else if ("all".equals(query.community())) {
			community = null;
		}
		else if (communities.stream().anyMatch(choice -> choice.slug().equals(query.community()))) {
			community = query.community();
		}
		else {
			errors.put("community", "analytics.filter.community.unknown");
			community = null;
		}
		Period period = Period.LAST_12_MONTHS;
		if (query.period() != null && !query.period().isBlank()) {
			Optional<Period> chosen = Period.of(query.period());
			if (chosen.isPresent()) {
				period = chosen.get();
			}
			else {
				errors.put("period", "analytics.filter.period.unknown");
			}
		}
		CohortBy by = (community != null) ? CohortBy.DROP : CohortBy.MONTH;
		if (query.cohorts() != null && !query.cohorts().isBlank()) {
			if ("month".equals(query.cohorts())) {
				by = CohortBy.MONTH;
			}
			else if (!"drop".equals(query.cohorts())) {
				errors.put("cohorts", "analytics.filter.cohorts.unknown");
			}
			else if (community == null) {
				errors.put("cohorts", "analytics.filter.cohorts.drop-needs-community");
			}
		}
		String drop = (query.drop() != null && !query.drop().isBlank()) ? query.drop() : null;
		return new Filters(community, period, by, drop, errors);
	}

	/** The community of the drop that opened last, so the first look shows something. */
	private String latestCommunity() {
		return this.dashboards.latestCommunity().orElse(null);
	}

	private static String link(Filters filters, String drop) {
		return UriComponentsBuilder.fromPath("/ops/analytics")
			.queryParam("community", (filters.community() != null) ? filters.community() : "all")
			.queryParam("period", filters.period().code())
			.queryParam("cohorts", filters.cohortBy().name().toLowerCase(Locale.ROOT))
			.queryParam("drop", drop)
			.build()
			.encode()
			.toUriString();
	}

	private static Map<String, String> csvLinks(Filters filters) {
		Map<String, String> links = new LinkedHashMap<>();
		for (String table : List.of("drops", "cohorts", "retention", "funnel", "stories", "story-blocks")) {
			UriComponentsBuilder link = UriComponentsBuilder.fromPath("/ops/analytics/" + table + ".csv")
				.queryParam("community", (filters.community() != null) ? filters.community() : "all")
				.queryParam("period", filters.period().code())
				.queryParam("cohorts", filters.cohortBy().name().toLowerCase(Locale.ROOT));
			if (filters.drop() != null) {
				link.queryParam("drop", filters.drop());
			}
			links.put(table, link.build().encode().toUriString());
		}
		return links;
	}

	private static String json(Object chart) {
		return JSON.writeValueAsString(chart);
	}

	/**
	 * The filters in force.
	 *
	 * @param community the community's slug, {@code null} for all
	 * @param period the period
	 * @param cohortBy how cohorts are formed
	 * @param drop the drop asked for, or {@code null} for the latest
	 * @param errors field → message key, for values that were not understood
	 */
	record Filters(String community, Period period, CohortBy cohortBy, String drop, Map<String, String> errors) {

		Scope scope() {
			return new Scope(this.community, this.period);
		}

		public String cohortsCode() {
			return this.cohortBy.name().toLowerCase(Locale.ROOT);
		}

	}

}
