package io.microdrops.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the journeys found on every page they checked, written as Markdown to
 * {@code target/e2e/quality-report.md} and summed up on the console when the suite ends.
 */
final class QualityReport {

	private final List<Check> checks = new ArrayList<>();

	private final List<Weight> weights = new ArrayList<>();

	synchronized void add(Check check) {
		this.checks.add(check);
	}

	synchronized void add(Weight weight) {
		this.weights.add(weight);
	}

	synchronized List<PageWeight> weights(String journey) {
		return this.weights.stream().filter(weight -> weight.journey().equals(journey)).map(Weight::weight).toList();
	}

	synchronized void write(Path file) {
		StringBuilder out = new StringBuilder("# Browser journeys: pages checked\n\n");
		out.append("axe-core at WCAG 2.2 A/AA (tags ")
			.append(String.join(", ", QualityGates.AXE_TAGS))
			.append("), the Nu HTML checker (errors), console, requests.\n\n");
		out.append("| journey | step | who | page | axe violations | HTML errors | other problems |\n");
		out.append("|---|---|---|---|---|---|---|\n");
		for (Check check : this.checks) {
			out.append("| ")
				.append(check.journey())
				.append(" | ")
				.append(check.step())
				.append(" | ")
				.append(check.actor())
				.append(" | `")
				.append(check.path())
				.append("` | ")
				.append(check.axeViolations())
				.append(" | ")
				.append(check.htmlErrors())
				.append(" | ")
				.append(check.otherProblems())
				.append(" |\n");
		}
		out.append("\n# Page weight (HTML + CSS + JavaScript, empty cache, no images)\n\n");
		out.append("| journey | step | page | over the wire | uncompressed | requests |\n|---|---|---|---|---|---|\n");
		for (Weight weight : this.weights) {
			out.append("| ")
				.append(weight.journey())
				.append(" | ")
				.append(weight.step())
				.append(" | `")
				.append(weight.weight().path())
				.append("` | ")
				.append(kilobytes(weight.weight().transferred()))
				.append(" | ")
				.append(kilobytes(weight.weight().decoded()))
				.append(" | ")
				.append(weight.weight().requests())
				.append(" |\n");
		}
		try {
			Files.createDirectories(file.getParent());
			Files.writeString(file, out, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	synchronized String summary() {
		long axe = this.checks.stream().mapToLong(Check::axeViolations).sum();
		long html = this.checks.stream().mapToLong(Check::htmlErrors).sum();
		StringBuilder out = new StringBuilder();
		out.append(String.format(Locale.ROOT, "Browser journeys checked %d pages: %d axe violations, %d HTML errors%n",
				this.checks.size(), axe, html));
		Map<String, PageWeight> heaviest = new TreeMap<>();
		for (Weight weight : this.weights) {
			heaviest.merge(weight.weight().path().replaceFirst("\\?.*$", ""), weight.weight(),
					(one, other) -> (one.transferred() >= other.transferred()) ? one : other);
		}
		heaviest.forEach((path, weight) -> out
			.append(String.format(Locale.ROOT, "  page weight %-45s %s over the wire (%s uncompressed)%n", path,
					kilobytes(weight.transferred()), kilobytes(weight.decoded()))));
		return out.toString();
	}

	static String kilobytes(long bytes) {
		return String.format(Locale.ROOT, "%.1f KB", bytes / 1000.0);
	}

	record Check(String journey, String step, String actor, String path, int axeViolations, int htmlErrors,
			int otherProblems) {
	}

	record Weight(String journey, String step, PageWeight weight) {
	}

}
