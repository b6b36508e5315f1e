package io.microdrops.storefront;

import io.microdrops.analytics.StoryViews;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Where a drop's page reports the story block that was last in view when the visitor left
 * ({@code js/story-beacon.js}; no CSRF token needed, see SecurityConfiguration). Always
 * answers 204: a report analytics cannot use is dropped quietly.
 */
@Controller
class StoryBeaconController {

	private final StoryViews views;

	StoryBeaconController(StoryViews views) {
		this.views = views;
	}

	@PostMapping("/drops/{slug}/story-beacon")
	ResponseEntity<Void> lastInView(@PathVariable String slug, @RequestParam(required = false) String sku,
			@RequestParam(required = false) String block, HttpServletRequest request) {
		if (sku != null && block != null && block.matches("\\d{1,3}")) {
			this.views.lastInView(slug, sku, Integer.parseInt(block), StoryViewTracking.visitor(request));
		}
		return ResponseEntity.noContent().build();
	}

}
