package io.microdrops.storefront.calendar;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.microdrops.community.Community;
import io.microdrops.community.CommunityManagement;
import io.microdrops.drop.DropManagement;
import io.microdrops.drop.DropNotFoundException;
import io.microdrops.drop.DropView;

import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * Calendar files: one drop's events to download, and a community's feed to subscribe to.
 * Both are public, like the pages they come from.
 */
@Controller
class CalendarFilesController {

	private static final MediaType CALENDAR = new MediaType("text", "calendar", StandardCharsets.UTF_8);

	private final DropManagement drops;

	private final CommunityManagement communities;

	private final DropCalendars calendars;

	CalendarFilesController(DropManagement drops, CommunityManagement communities, DropCalendars calendars) {
		this.drops = drops;
		this.communities = communities;
		this.calendars = calendars;
	}

	@GetMapping("/drops/{slug}/calendar.ics")
	ResponseEntity<String> drop(@PathVariable String slug) {
		DropView view = this.drops.publicView(slug).orElseThrow(() -> new DropNotFoundException(slug));
		return ResponseEntity.ok()
			.contentType(CALENDAR)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(slug + ".ics").build().toString())
			.cacheControl(CacheControl.noCache())
			.body(this.calendars.drop(view));
	}

	@GetMapping("/communities/{slug}/drops.ics")
	ResponseEntity<String> community(@PathVariable String slug) {
		Community community = this.communities.require(slug);
		return ResponseEntity.ok()
			.contentType(CALENDAR)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.inline().filename(slug + ".ics").build().toString())
			// Calendar apps poll; a few minutes of caching spares the database.
			.cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())
			.body(this.calendars.community(community,
					this.drops.publicDrops().stream().filter(view -> view.communitySlug().equals(slug)).toList()));
	}

}
