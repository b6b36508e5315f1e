package io.microdrops.ops.analytics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import io.microdrops.analytics.AnalyticsDashboards.BlockExit;
import io.microdrops.analytics.AnalyticsDashboards.Cohort;
import io.microdrops.analytics.AnalyticsDashboards.CohortBy;
import io.microdrops.analytics.AnalyticsDashboards.Cohorts;
import io.microdrops.analytics.AnalyticsDashboards.DropSummary;
import io.microdrops.analytics.AnalyticsDashboards.Funnel;
import io.microdrops.analytics.AnalyticsDashboards.RetentionPoint;
import io.microdrops.analytics.AnalyticsDashboards.Step;
import io.microdrops.analytics.AnalyticsDashboards.StoryFunnel;
import io.microdrops.ops.analytics.AnalyticsTable.Cell;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Turns the dashboards' answers into the tables shown on the page and downloaded as CSV,
 * and into the data the charts draw; charts and tables come from the same figures.
 */
@Component
class DashboardTables {

	private final MessageSource messages;

	DashboardTables(MessageSource messages) {
		this.messages = messages;
	}

	AnalyticsTable drops(List<DropSummary> drops, Function<String, String> funnelLink, Locale locale) {
		List<List<Cell>> rows = drops.stream()
			.map(drop -> List.of(Cell.link(drop.title(), funnelLink.apply(drop.slug())), Cell.of(drop.community()),
					Cell.of(Figures.date(drop.opensAt(), drop.zone())), Cell.of(drop.quantity()), Cell.of(drop.units()),
					Cell.of(Figures.percent(drop.sellThrough())),
					Cell.of((drop.currency() != null) ? Figures.money(drop.revenueMinor(), drop.currency()) : null),
					Cell.of(drop.currency()), Cell.of(Figures.hours(drop.timeToSellOut())), Cell.of(drop.viewers()),
					Cell.of(drop.waitlisted()), Cell.of(Figures.percent(drop.waitlistConversion())),
					Cell.of(drop.buyers()), Cell.of(drop.firstTimeBuyers()), Cell.of(drop.repeatBuyers()),
					Cell.of(Figures.percent(drop.firstTimeShare()))))
			.toList();
		return new AnalyticsTable("drops",
				headers(locale, "drop", "community", "opened", "released", "sold", "sell-through", "revenue",
						"currency", "sell-out", "visitors", "waitlisted", "waitlist-conversion", "buyers", "first-time",
						"repeat", "first-time-share"),
				rows);
	}

	AnalyticsTable cohorts(Cohorts cohorts, Locale locale) {
		List<String> headers = new ArrayList<>();
		headers.add(text(locale,
				(cohorts.by() == CohortBy.DROP) ? "analytics.column.cohort-drop" : "analytics.column.cohort-month"));
		if (cohorts.by() == CohortBy.DROP) {
			headers.add(text(locale, "analytics.column.community"));
		}
		headers.add(text(locale, "analytics.column.fans"));
		headers.add(text(locale, "analytics.column.bought-again"));
		for (int k = 1; k <= cohorts.laterDrops(); k++) {
			headers.add(text(locale, "analytics.column.by-later-drop", k));
		}
		headers.add(text(locale, "analytics.column.median-days"));
		List<List<Cell>> rows = cohorts.rows().stream().map(cohort -> {
			List<Cell> row = new ArrayList<>();
			row.add(Cell.of(cohort.label()));
			if (cohorts.by() == CohortBy.DROP) {
				row.add(Cell.of(cohort.community()));
			}
			row.add(Cell.of(cohort.size()));
			row.add(Cell.of(cohort.repeaters()));
			cohort.repeatShares().forEach(share -> row.add(Cell.of(Figures.percent(share))));
			row.add(Cell.of(Figures.days(cohort.medianDaysToSecond())));
			return List.copyOf(row);
		}).toList();
		return new AnalyticsTable("cohorts", headers, rows);
	}

	AnalyticsTable retention(List<RetentionPoint> drops, Function<String, String> funnelLink, Locale locale) {
		List<List<Cell>> rows = drops.stream()
			.map(drop -> List.of(Cell.link(drop.title(), funnelLink.apply(drop.slug())), Cell.of(drop.number()),
					Cell.of(Figures.date(drop.opensAt(), drop.zone())), Cell.of(drop.engaged()),
					Cell.of(drop.newcomers()), Cell.of(drop.returning()),
					Cell.of(drop.nextClosed() ? drop.cameBack() : null), Cell.of(Figures.percent(drop.retention()))))
			.toList();
		return new AnalyticsTable("retention",
				headers(locale, "drop", "number", "opened", "engaged", "new", "returning", "came-back", "retention"),
				rows);
	}

	AnalyticsTable funnel(Funnel funnel, Locale locale) {
		List<List<Cell>> rows = new ArrayList<>();
		for (Step step : funnel.steps()) {
			rows.add(List.of(Cell.of(text(locale, "analytics.step." + step.name())), Cell.of(step.count()),
					Cell.of(Figures.percent(step.rate()))));
		}
		rows.add(List.of(Cell.of(text(locale, "analytics.step.picked-up")), Cell.of(funnel.pickedUp()),
				Cell.of(Figures.percent(ratio(funnel.pickedUp(), funnel.pickupOrders())))));
		return new AnalyticsTable("funnel", headers(locale, "step", "people", "step-rate"), rows);
	}

	AnalyticsTable stories(Funnel funnel, Locale locale) {
		List<List<Cell>> rows = funnel.stories()
			.stream()
			.map(story -> List.of(Cell.of(story.name()), Cell.of(story.reached()),
					Cell.of(Figures.percent(ratio(story.reached(), funnel.viewersReportingBlock()))),
					Cell.of(story.reserved()), Cell.of(story.buyers()), Cell.of(story.units())))
			.toList();
		return new AnalyticsTable("stories",
				headers(locale, "story", "read-into", "read-into-share", "held", "bought", "sold"), rows);
	}

	AnalyticsTable storyBlocks(Funnel funnel, Locale locale) {
		List<List<Cell>> rows = new ArrayList<>();
		for (StoryFunnel story : funnel.stories()) {
			for (BlockExit block : story.blocks()) {
				rows.add(List.of(Cell.of(story.name()), Cell.of(block.position() + 1),
						Cell.of(text(locale, "analytics.block." + block.kind())), Cell.of(block.exits())));
			}
		}
		return new AnalyticsTable("story-blocks", headers(locale, "story", "block", "block-kind", "left-here"), rows);
	}

	Map<String, Object> heatmap(Cohorts cohorts, Locale locale) {
		Map<String, Object> chart = new LinkedHashMap<>();
		chart.put("kind", "heatmap");
		chart.put("rows", cohorts.rows().stream().map(Cohort::label).toList());
		chart.put("sizes", cohorts.rows().stream().map(Cohort::size).toList());
		chart.put("columns", laterDropLabels(cohorts.laterDrops(), locale));
		chart.put("values",
				cohorts.rows()
					.stream()
					.map(cohort -> cohort.repeatShares().stream().map(Figures::chartPercent).toList())
					.toList());
		chart.put("xTitle", text(locale, "analytics.chart.later-drops"));
		chart.put("notYet", text(locale, "analytics.chart.not-yet"));
		chart.put("fans", text(locale, "analytics.chart.fans"));
		return chart;
	}

	Map<String, Object> repeatCurve(Cohorts cohorts, Locale locale) {
		List<Map<String, Object>> series = new ArrayList<>();
		series.add(Map.of("label", text(locale, "analytics.chart.all-cohorts"), "values",
				cohorts.pooled().stream().map(Figures::chartPercent).toList(), "main", true));
		List<Cohort> recent = cohorts.rows()
			.stream()
			.filter(cohort -> !cohort.repeatShares().isEmpty() && cohort.repeatShares().get(0) != null)
			.toList();
		for (Cohort cohort : recent.subList(Math.max(0, recent.size() - 4), recent.size())) {
			series.add(Map.of("label", cohort.label(), "values",
					cohort.repeatShares().stream().map(Figures::chartPercent).toList(), "main", false));
		}
		Map<String, Object> chart = new LinkedHashMap<>();
		chart.put("kind", "curve");
		chart.put("columns", laterDropLabels(cohorts.laterDrops(), locale));
		chart.put("series", series);
		chart.put("xTitle", text(locale, "analytics.chart.later-drops"));
		chart.put("yTitle", text(locale, "analytics.chart.bought-again"));
		return chart;
	}

	Map<String, Object> retentionChart(List<RetentionPoint> drops, Locale locale) {
		Map<String, Object> chart = new LinkedHashMap<>();
		chart.put("kind", "retention");
		chart.put("labels", drops.stream().map(drop -> "#" + drop.number()).toList());
		chart.put("titles", drops.stream().map(RetentionPoint::title).toList());
		chart.put("newcomers", drops.stream().map(RetentionPoint::newcomers).toList());
		chart.put("returning", drops.stream().map(RetentionPoint::returning).toList());
		chart.put("retention", drops.stream().map(drop -> Figures.chartPercent(drop.retention())).toList());
		chart.put("names",
				Map.of("newcomers", text(locale, "analytics.chart.newcomers"), "returning",
						text(locale, "analytics.chart.returning"), "retention",
						text(locale, "analytics.chart.came-back"), "fans", text(locale, "analytics.chart.fans")));
		return chart;
	}

	Map<String, Object> funnelChart(Funnel funnel, Locale locale) {
		Map<String, Object> chart = new LinkedHashMap<>();
		chart.put("kind", "funnel");
		chart.put("labels",
				funnel.steps().stream().map(step -> text(locale, "analytics.step." + step.name())).toList());
		chart.put("counts", funnel.steps().stream().map(Step::count).toList());
		chart.put("rates", funnel.steps().stream().map(step -> Figures.chartPercent(step.rate())).toList());
		chart.put("people", text(locale, "analytics.chart.people"));
		chart.put("ofPrevious", text(locale, "analytics.chart.of-previous"));
		return chart;
	}

	private List<String> laterDropLabels(int laterDrops, Locale locale) {
		List<String> labels = new ArrayList<>();
		for (int k = 1; k <= laterDrops; k++) {
			labels.add(text(locale, "analytics.chart.later-drop", k));
		}
		return labels;
	}

	private List<String> headers(Locale locale, String... columns) {
		return java.util.Arrays.stream(columns).map(column -> text(locale, "analytics.column." + column)).toList();
	}

	private String text(Locale locale, String key, Object... arguments) {
		return this.messages.getMessage(key, arguments, locale);
	}

	private static Double ratio(int part, int whole) {
		return (whole > 0) ? (double) part / whole : null;
	}

}
