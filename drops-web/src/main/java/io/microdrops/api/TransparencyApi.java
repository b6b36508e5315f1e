package io.microdrops.api;

import io.microdrops.transparency.TransparencyReport;
import io.microdrops.transparency.TransparencyReports;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A drop's transparency report, for anyone: the figures of the transparency page, and a
 * draw drop's published draw under {@code draw}, which {@code scripts/verify-draw.py}
 * reads directly.
 */
@RestController
@RequestMapping("/api/v1/drops")
class TransparencyApi {

	private final TransparencyReports reports;

	TransparencyApi(TransparencyReports reports) {
		this.reports = reports;
	}

	@GetMapping("/{slug}/transparency")
	TransparencyReport transparency(@PathVariable String slug) {
		return this.reports.report(slug);
	}

}
