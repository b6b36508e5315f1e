package io.microdrops.api;

import io.microdrops.draw.DrawManagement;
import io.microdrops.draw.PublishedDraw;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A draw drop's published draw, for anyone to check: the commitment and the rules from
 * the start, then the seed, the entries and the winners. {@code scripts/verify-draw.py}
 * recomputes the winners from this JSON.
 */
@RestController
@RequestMapping("/api/v1/drops")
class DrawApi {

	private final DrawManagement draws;

	DrawApi(DrawManagement draws) {
		this.draws = draws;
	}

	@GetMapping("/{slug}/draw")
	PublishedDraw draw(@PathVariable String slug) {
		return this.draws.published(slug);
	}

}
