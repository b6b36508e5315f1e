package io.microdrops.api;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.microdrops.drop.DropManagement;
import io.microdrops.drop.DropNotFoundException;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/drops")
class PublicDropsApi {

	/** How long a cache may answer with a drop's JSON without asking again. */
	private static final Duration FRESH_FOR = Duration.ofSeconds(1);

	private final DropManagement drops;

	private final SharedDropJson shared;

	PublicDropsApi(DropManagement drops, SharedDropJson shared) {
		this.drops = drops;
		this.shared = shared;
	}

	@GetMapping
	List<DropJson.Summary> list() {
		return this.drops.publicDrops().stream().map(DropJson.Summary::of).toList();
	}

	/**
	 * One drop, the same for every caller: cacheable by anyone (a CDN included) for one
	 * second, and answered 304 to a client that already holds this version (ETag). This
	 * node reads it at most once a second ({@link SharedDropJson}).
	 */
	@GetMapping("/{slug}")
	@ApiResponse(responseCode = "200", description = "The drop",
			content = @Content(mediaType = "application/json", schema = @Schema(implementation = DropJson.class)))
	ResponseEntity<byte[]> drop(@PathVariable String slug) {
		SharedDropJson.Json drop = this.shared.find(slug, this::read)
			.orElseThrow(() -> new DropNotFoundException(slug));
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_JSON)
			.cacheControl(CacheControl.maxAge(FRESH_FOR).cachePublic())
			.eTag(drop.etag())
			.body(drop.body());
	}

	private Optional<DropJson> read(String slug) {
		return this.drops.publicView(slug).map(DropJson::of);
	}

}
