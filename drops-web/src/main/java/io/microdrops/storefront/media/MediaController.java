package io.microdrops.storefront.media;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

import io.microdrops.media.MediaContent;
import io.microdrops.media.MediaId;
import io.microdrops.media.MediaStorage;

import org.springframework.core.io.InputStreamResource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.context.request.WebRequest;

/**
 * Serves stored media to everybody. A key is the SHA-256 of the bytes, so the answer for
 * a key never changes and may be cached for a year; anything that is not such a key is
 * not found, never looked up on disk.
 */
@Controller
class MediaController {

	private static final CacheControl FOREVER = CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable();

	private final MediaStorage storage;

	MediaController(MediaStorage storage) {
		this.storage = storage;
	}

	@GetMapping("/media/{key}")
	ResponseEntity<InputStreamResource> media(@PathVariable String key, WebRequest request) throws IOException {
		Optional<MediaId> id = MediaId.parse(key);
		if (id.isEmpty()) {
			return ResponseEntity.notFound().build();
		}
		String etag = "\"" + id.get().value() + "\"";
		if (request.checkNotModified(etag)) {
			return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).cacheControl(FOREVER).build();
		}
		Optional<MediaContent> content = this.storage.open(id.get());
		if (content.isEmpty()) {
			return ResponseEntity.notFound().build();
		}
		MediaContent media = content.get();
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(media.contentType()))
			.contentLength(media.length())
			.cacheControl(FOREVER)
			.eTag(etag)
			.header("X-Content-Type-Options", "nosniff")
			.body(new InputStreamResource(media.content().getInputStream()));
	}

}
