package io.microdrops.api;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.zip.CRC32;

import io.microdrops.drop.DropManagement;
import io.microdrops.drop.DropNotFoundException;

import org.springframework.http.CacheControl;
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

	PublicDropsApi(DropManagement drops) {
		this.drops = drops;
	}

	@GetMapping
	List<DropJson.Summary> list() {
		return this.drops.publicDrops().stream().map(DropJson.Summary::of).toList();
	}

	/**
	 * One drop, the same for every caller: cacheable by anyone (a CDN included) for one
	 * second, and answered 304 to a client that already holds this version (ETag).
	 */
	@GetMapping("/{slug}")
	ResponseEntity<DropJson> drop(@PathVariable String slug) {
		DropJson drop = this.drops.publicView(slug)
			.map(DropJson::of)
			.orElseThrow(() -> new DropNotFoundException(slug));
		CRC32 version = new CRC32();
		// The record's text: stable across nodes, unlike hash codes of its enums.
		version.update(drop.toString().getBytes(StandardCharsets.UTF_8));
		return ResponseEntity.ok()
			.cacheControl(CacheControl.maxAge(FRESH_FOR).cachePublic())
			.eTag(Long.toHexString(version.getValue()))
			.body(drop);
	}

}
