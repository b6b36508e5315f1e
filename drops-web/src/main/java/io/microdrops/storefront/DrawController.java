package io.microdrops.storefront;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.microdrops.draw.DrawEntry;
import io.microdrops.draw.DrawManagement;
import io.microdrops.draw.DrawRefusedException;
import io.microdrops.draw.PublishedDraw;
import io.microdrops.drop.DropManagement;
import io.microdrops.drop.DropNotFoundException;
import io.microdrops.drop.DropView;
import io.microdrops.web.SignedInUser;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * A draw drop's draw page: the rules and weights, the commitment published before any
 * entry, the fan's own entry and held units, and after the draw the seed, the winners and
 * how to recompute them.
 */
@Controller
class DrawController {

	static final String VIEW_DRAW = "storefront/draws/show";

	private final DrawManagement draws;

	private final DropManagement drops;

	private final Clock clock;

	DrawController(DrawManagement draws, DropManagement drops, Clock clock) {
		this.draws = draws;
		this.drops = drops;
		this.clock = clock;
	}

	@GetMapping("/drops/{slug}/draw")
	String show(@PathVariable String slug, @AuthenticationPrincipal SignedInUser user, Model model) {
		PublishedDraw draw = publishedOrNotFound(slug);
		DropView view = this.drops.publicView(slug).orElseThrow(() -> new DropNotFoundException(slug));
		Instant now = this.clock.instant();
		model.addAttribute("draw", draw);
		model.addAttribute("view", view);
		model.addAttribute("zone", view.timeZone().getId());
		model.addAttribute("jsonUrl",
				ServletUriComponentsBuilder.fromCurrentContextPath()
					.path("/api/v1/drops/{slug}/draw")
					.buildAndExpand(slug)
					.toUriString());
		model.addAttribute("entriesOpen", DropPage.format(draw.entriesOpenAt(), view.timeZone()));
		model.addAttribute("entriesClose", DropPage.format(draw.entriesCloseAt(), view.timeZone()));
		model.addAttribute("drawnAt",
				(draw.drawnAt() != null) ? DropPage.format(draw.drawnAt(), view.timeZone()) : null);
		model.addAttribute("takesEntries", !now.isBefore(draw.entriesOpenAt()) && now.isBefore(draw.entriesCloseAt()));
		DrawEntry entry = null;
		List<DrawManagement.FanOffer> offers = List.of();
		if (user != null) {
			entry = this.draws.entryOf(slug, user.accountId()).orElse(null);
			offers = this.draws.offersOf(slug, user.accountId());
		}
		model.addAttribute("entry", entry);
		model.addAttribute("offers",
				offers.stream()
					.map(offer -> new OfferLine(offer,
							(offer.expiresAt() != null) ? DropPage.format(offer.expiresAt(), view.timeZone()) : null))
					.toList());
		return VIEW_DRAW;
	}

	@PostMapping("/drops/{slug}/draw/entry")
	String enter(@PathVariable String slug, @AuthenticationPrincipal SignedInUser user, RedirectAttributes redirect) {
		publishedOrNotFound(slug);
		try {
			DrawEntry before = this.draws.entryOf(slug, user.accountId()).orElse(null);
			this.draws.enter(slug, user.accountId());
			redirect.addFlashAttribute("message", (before != null) ? "draw.already-entered" : "draw.entered");
		}
		catch (DrawRefusedException ex) {
			redirect.addFlashAttribute("message", ex.messageKey());
		}
		// Only a valid slug reaches here: the draw was found by it.
		return "redirect:/drops/" + slug + "/draw#entry";
	}

	/** A drop that is not shared out by draw has no draw page. */
	private PublishedDraw publishedOrNotFound(String slug) {
		try {
			return this.draws.published(slug);
		}
		catch (DrawRefusedException ex) {
			throw new DropNotFoundException(slug);
		}
	}

	/**
	 * One held or offered unit, with its expiry in the drop's time zone.
	 *
	 * @param offer the offer
	 * @param expiresText when the purchase window ends, or {@code null}
	 */
	record OfferLine(DrawManagement.FanOffer offer, String expiresText) {
	}

}
