package io.microdrops.e2e;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.AxeResults;
import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;

/**
 * The gates every page of a journey passes: no axe-core violation at WCAG 2.2 A and AA,
 * no error from the Nu HTML checker, and nothing caught by the page's
 * {@link PageMonitor}. No axe rule is switched off.
 */
final class QualityGates {

	/**
	 * axe-core's tags for WCAG 2.0, 2.1 and 2.2 at levels A and AA (2.2 added AA rules
	 * only).
	 */
	static final List<String> AXE_TAGS = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa");

	private final HtmlValidator validator = new HtmlValidator();

	private final Map<String, List<String>> validated = new HashMap<>();

	private final QualityReport report;

	QualityGates(QualityReport report) {
		this.report = report;
	}

	/**
	 * Checks the page as it is now.
	 * @param journey the journey's name, for the report
	 * @param step the step's name
	 * @param actor who is looking
	 * @param page the page
	 * @param monitor the page's monitor
	 * @return every problem found, in words; empty when the page passes
	 */
	List<String> check(String journey, String step, String actor, Page page, PageMonitor monitor) {
		List<String> problems = new ArrayList<>();
		AxeResults axe = new AxeBuilder(page).withTags(AXE_TAGS).analyze();
		if (axe.isErrored()) {
			problems.add("axe-core failed: " + axe.getErrorMessage());
		}
		for (Rule rule : axe.getViolations()) {
			for (CheckedNode node : rule.getNodes()) {
				problems.add("axe " + rule.getId() + " (" + rule.getHelp() + ") at " + node.getTarget() + ": "
						+ node.getHtml());
			}
		}
		int axeViolations = problems.size();
		List<String> htmlErrors = htmlErrors(monitor.document());
		problems.addAll(htmlErrors);
		List<String> other = monitor.takeProblems();
		problems.addAll(other);
		this.report.add(new QualityReport.Check(journey, step, actor, path(page.url()), axeViolations,
				htmlErrors.size(), other.size()));
		return problems;
	}

	private List<String> htmlErrors(Response document) {
		if (document == null) {
			return List.of("no document loaded");
		}
		String html = document.text();
		return this.validated.computeIfAbsent(html, this.validator::errors)
			.stream()
			.map(error -> "HTML " + error)
			.toList();
	}

	static String path(String url) {
		return url.replaceFirst("^https?://[^/]+", "");
	}

}
