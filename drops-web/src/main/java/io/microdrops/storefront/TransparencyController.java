package io.microdrops.storefront;

import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;

import io.microdrops.fulfilment.Hub;
import io.microdrops.fulfilment.HubManagement;
import io.microdrops.transparency.TransparencyReport;
import io.microdrops.transparency.TransparencyReports;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * A drop's public transparency page: how it went, in the figures the JSON API publishes
 * too. Before the drop sells out or closes the page says when the figures come.
 */
@Controller
class TransparencyController {

	static final String VIEW_TRANSPARENCY = "storefront/transparency/show";

	private final TransparencyReports reports;

	private final HubManagement hubs;

	TransparencyController(TransparencyReports reports, HubManagement hubs) {
		this.reports = reports;
		this.hubs = hubs;
	}

	@GetMapping("/drops/{slug}/transparency")
	String show(@PathVariable String slug, Model model) {
		TransparencyReport report = this.reports.report(slug);
		ZoneId zone = ZoneId.of(report.timeZone());
		model.addAttribute("report", report);
		model.addAttribute("zone", report.timeZone());
		model.addAttribute("salesStart", DropPage.format(report.salesStartAt(), zone));
		model.addAttribute("opens", DropPage.format(report.opensAt(), zone));
		model.addAttribute("closes", DropPage.format(report.closesAt(), zone));
		model.addAttribute("generated", DropPage.format(report.generatedAt(), zone));
		model.addAttribute("soldOut", (report.soldOutAt() != null) ? DropPage.format(report.soldOutAt(), zone) : null);
		model.addAttribute("timeToSellOut",
				(report.secondsToSellOut() != null) ? duration(report.secondsToSellOut()) : null);
		model.addAttribute("drawnAt", (report.draw() != null && report.draw().drawnAt() != null)
				? DropPage.format(report.draw().drawnAt(), zone) : null);
		Map<String, String> hubNames = new HashMap<>();
		report.fulfilment()
			.stream()
			.filter(line -> line.hub() != null)
			.forEach(line -> hubNames.put(line.hub(), this.hubs.find(line.hub()).map(Hub::name).orElse(line.hub())));
		model.addAttribute("hubNames", hubNames);
		model.addAttribute("jsonUrl",
				ServletUriComponentsBuilder.fromCurrentContextPath()
					.path("/api/v1/drops/{slug}/transparency")
					.buildAndExpand(slug)
					.toUriString());
		return VIEW_TRANSPARENCY;
	}

	/**
	 * A length of time in plain figures: {@code 45 s}, {@code 3 min 20 s},
	 * {@code 2 h 5 min}, {@code 1 d 4 h}.
	 * @param seconds the length in seconds
	 * @return the text
	 */
	static String duration(long seconds) {
		if (seconds < 60) {
			return seconds + " s";
		}
		if (seconds < 3600) {
			return (seconds / 60) + " min " + (seconds % 60) + " s";
		}
		if (seconds < 86400) {
			return (seconds / 3600) + " h " + ((seconds % 3600) / 60) + " min";
		}
		return (seconds / 86400) + " d " + ((seconds % 86400) / 3600) + " h";
	}

}
