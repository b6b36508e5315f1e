package io.microdrops.api;

import io.microdrops.draw.DrawEntry;
import io.microdrops.draw.DrawManagement;
import io.microdrops.draw.PublishedDraw;
import io.microdrops.web.SignedInUser;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A draw drop's published draw, for anyone to check: the commitment and the rules from
 * the start, then the seed, the entries and the winners. {@code scripts/verify-draw.py}
 * recomputes the winners from this JSON. A signed-in fan enters a draw while its entries
 * are open ({@code 201}, or {@code 200} with the same entry when entered before);
 * refusals are problem+json: {@code 409} entries closed or the address not confirmed,
 * {@code 404} no such drop or not a draw. An entry cannot be withdrawn, on the page or
 * here.
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

	@PostMapping("/{slug}/draw/entries")
	ResponseEntity<DrawEntry> enter(@PathVariable String slug, @AuthenticationPrincipal SignedInUser user) {
		boolean before = this.draws.entryOf(slug, user.accountId()).isPresent();
		DrawEntry entry = this.draws.enter(slug, user.accountId());
		return ResponseEntity.status(before ? HttpStatus.OK : HttpStatus.CREATED).body(entry);
	}

}
