package io.microdrops.storefront;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.microdrops.catalog.CatalogManagement;
import io.microdrops.checkout.Checkout;
import io.microdrops.checkout.Reservation;
import io.microdrops.drop.DropId;
import io.microdrops.drop.DropManagement;
import io.microdrops.drop.DropNotFoundException;
import io.microdrops.drop.DropView;
import io.microdrops.recognition.Recognition;
import io.microdrops.shared.Slug;
import io.microdrops.storefront.share.ShareCards;
import io.microdrops.waitingroom.WaitingRoom;
import io.microdrops.waitlist.PurchaseAccess;
import io.microdrops.waitlist.WaitlistManagement;
import io.microdrops.waitlist.WaitlistPlace;
import io.microdrops.waitlist.WaitlistRefusedException;
import io.microdrops.web.SignedInUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.View;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A drop's page: the story of each item, the timeline with an honest countdown, the stock
 * as the database holds it, the access rules, and the fan's waitlist place.
 */
@Controller
class DropController {

	static final String VIEW_DROP = "storefront/drops/show";

	static final String VIEW_STOCK = "storefront/drops/partials/stock";

	static final String SHARED_PAGE_CACHE_CONTROL = "public, max-age=1";

	private static final View NOTHING_CHANGED = (model, request, response) -> response
		.setStatus(HttpStatus.NO_CONTENT.value());

	private final DropManagement drops;

	private final CatalogManagement catalog;

	private final WaitlistManagement waitlists;

	private final PurchaseAccess access;

	private final Clock clock;

	private final ShareCards shareCards;

	private final PreorderPanels preorders;

	private final Recognition recognition;

	private final WaitingRoom waitingRooms;

	private final Checkout checkout;

	DropController(DropManagement drops, CatalogManagement catalog, WaitlistManagement waitlists, PurchaseAccess access,
			Clock clock, ShareCards shareCards, PreorderPanels preorders, Recognition recognition,
			WaitingRoom waitingRooms, Checkout checkout) {
		this.waitingRooms = waitingRooms;
		this.checkout = checkout;
		this.drops = drops;
		this.catalog = catalog;
		this.waitlists = waitlists;
		this.access = access;
		this.clock = clock;
		this.shareCards = shareCards;
		this.preorders = preorders;
		this.recognition = recognition;
	}

	@GetMapping("/drops/{slug}")
	String show(@PathVariable String slug, @AuthenticationPrincipal SignedInUser user, Model model,
			HttpServletRequest request, HttpServletResponse response) {
		DropView view = publicView(slug);
		if (user == null && !model.containsAttribute("message")) {
			// The same bytes for every anonymous visitor: no CSRF token, no idempotency
			// key, nothing about them. A CDN, the browser and SharedPageCache may keep it
			// for a second.
			model.addAttribute("sharedPage", true);
			request.setAttribute(SharedPageCache.SHARED_DROP, view.drop().id());
			response.setHeader(HttpHeaders.CACHE_CONTROL, SHARED_PAGE_CACHE_CONTROL);
		}
		Instant now = this.clock.instant();
		model.addAttribute("view", view);
		model.addAttribute("page", DropPage.of(view, now));
		DropId buyersOf = view.drop().fairness().buyersOf();
		model.addAttribute("fairnessNotes", FairnessNotes.of(view.drop(), view.timeZone(),
				(buyersOf != null) ? this.drops.find(buyersOf).orElse(null) : null));
		List<DropPage.ItemStory> stories = view.items()
			.stream()
			.map(item -> new DropPage.ItemStory(item, this.catalog.story(item.sku().slug())))
			.toList();
		model.addAttribute("stories", stories);
		model.addAttribute("share",
				this.shareCards.drop(view, stories.stream().map(DropPage.ItemStory::story).toList()));
		model.addAttribute("calendarFeed", this.shareCards.calendarFeed(view.communitySlug()));
		// The items' stories start below the timeline and access panels.
		model.addAttribute("storyBelowFold", true);
		model.addAttribute("depth", this.waitlists.depth(view.drop().id()));
		model.addAttribute("joinRefusal", WaitlistManagement.joinRefusal(view).orElse(null));
		OptionalInt position = OptionalInt.empty();
		Set<String> notifying = Set.of();
		Map<UUID, Integer> taken = Map.of();
		if (user != null) {
			position = this.waitlists.position(view.drop().id(), user.accountId());
			PurchaseAccess.Decision decision = this.access.check(slug, user.accountId(), now);
			model.addAttribute("decision", decision);
			// What the fan holds or bought: at the per-fan limit, there is nothing more
			// to reserve.
			taken = this.checkout.takenBy(view.drop().id(), user.accountId());
			// Units held and not paid yet: the way back to the checkout.
			model.addAttribute("holds",
					this.checkout.payableHoldsOf(view.drop().id(), user.accountId())
						.stream()
						.collect(Collectors.groupingBy(Reservation::sku)));
			model.addAttribute("atLimit", atLimit(view, taken));
			// A fan the drop's account rules keep out is told so, not "you may buy".
			if (decision.verdict() == PurchaseAccess.Verdict.ALLOWED
					|| decision.verdict() == PurchaseAccess.Verdict.NOT_OPEN_YET) {
				this.checkout.missedRequirement(view.drop(), user.accountId(), now)
					.ifPresent(missed -> model.addAttribute("missedRequirement",
							"checkout.refused.ACCOUNT_REQUIREMENT." + missed.name()));
			}
			// An early-access code may open the drop to this fan before its early access,
			// and lets them past a waiting room, once.
			model.addAttribute("codeOpens", (decision.allowed() && decision.earlyAccessCode() != null)
					|| this.access.queueFreeCode(view.drop(), user.accountId(), now, decision).isPresent());
			model.addAttribute("decisionArguments",
					new Object[] {
							(decision.opensToYouAt() != null)
									? DropPage.format(decision.opensToYouAt(), view.timeZone()) : "",
							view.timeZone().getId(),
							(decision.earlyAccessCode() != null) ? decision.earlyAccessCode().code() : "" });
			notifying = view.items()
				.stream()
				.filter(item -> this.waitlists.isNotifying(item.sku().id(), user.accountId()))
				.map(item -> item.sku().slug())
				.collect(Collectors.toSet());
			// Only for a signed-in fan: the page anonymous visitors get stays the same
			// for all.
			this.recognition.greeting(view.drop().community(), user.accountId()).ifPresent(greeting -> {
				model.addAttribute("greeting", greeting);
				// The piece they got most recently from this community: "you own #12 of
				// the March drop".
				this.recognition.collectionOf(user.accountId())
					.editions()
					.stream()
					.filter(owned -> view.communitySlug().equals(owned.communitySlug()))
					.max(java.util.Comparator.comparing(Recognition.OwnedEdition::boughtAt))
					.ifPresent(owned -> model.addAttribute("ownedEdition", owned));
			});
		}
		model.addAttribute("position", position.isPresent() ? position.getAsInt() : null);
		model.addAttribute("taken", taken);
		model.addAttribute("notifying", notifying);
		model.addAttribute("preorderPanel", this.preorders.of(view, user));
		if (view.drop().hasWaitingRoom()) {
			WaitingRoomController.model(view, user, model, this.waitingRooms);
		}
		stock(view, model);
		return VIEW_DROP;
	}

	/**
	 * Whether a fan has as many as one fan may have of every item of a drop.
	 * @param view the drop
	 * @param taken the units the fan holds or bought, by drop item
	 * @return whether there is nothing more for them to reserve
	 */
	static boolean atLimit(DropView view, Map<UUID, Integer> taken) {
		return !view.items().isEmpty() && view.items()
			.stream()
			.allMatch(item -> taken.getOrDefault(item.item().id(), 0) >= item.item().perFanLimit());
	}

	/**
	 * The stock region alone, for the page's refresh; answers 204 when nothing changed
	 * since the version the page shows, so screen readers are not told the same again.
	 */
	@GetMapping("/drops/{slug}/stock")
	ModelAndView stock(@PathVariable String slug, @RequestParam(required = false) String seen, Model model) {
		DropView view = publicView(slug);
		if (DropPage.stockSignature(view).equals(seen)) {
			return new ModelAndView(NOTHING_CHANGED);
		}
		model.addAttribute("view", view);
		stock(view, model);
		return new ModelAndView(VIEW_STOCK);
	}

	@PostMapping("/drops/{slug}/waitlist")
	String join(@PathVariable String slug, @AuthenticationPrincipal SignedInUser user, RedirectAttributes redirect) {
		try {
			WaitlistPlace place = this.waitlists.join(slug, user.accountId());
			redirect.addFlashAttribute("message", place.alreadyOnIt() ? "waitlist.already-on-it" : "waitlist.joined");
		}
		catch (WaitlistRefusedException ex) {
			redirect.addFlashAttribute("message", ex.messageKey());
		}
		return "redirect:/drops/" + slug + "#waitlist";
	}

	@PostMapping("/drops/{slug}/waitlist/leave")
	String leave(@PathVariable String slug, @AuthenticationPrincipal SignedInUser user, RedirectAttributes redirect) {
		this.waitlists.leave(slug, user.accountId());
		redirect.addFlashAttribute("message", "waitlist.left");
		return "redirect:/drops/" + slug + "#waitlist";
	}

	@PostMapping("/skus/{sku}/notify")
	String notifyMe(@PathVariable String sku, @RequestParam String drop, @AuthenticationPrincipal SignedInUser user,
			RedirectAttributes redirect) {
		requireSlug(drop);
		this.waitlists.notifyMe(sku, user.accountId());
		redirect.addFlashAttribute("message", "notify.added");
		return backTo(drop);
	}

	@PostMapping("/skus/{sku}/notify/stop")
	String stopNotifying(@PathVariable String sku, @RequestParam String drop,
			@AuthenticationPrincipal SignedInUser user, RedirectAttributes redirect) {
		requireSlug(drop);
		this.waitlists.stopNotifying(sku, user.accountId());
		redirect.addFlashAttribute("message", "notify.removed");
		return backTo(drop);
	}

	private DropView publicView(String slug) {
		return this.drops.publicView(slug).orElseThrow(() -> new DropNotFoundException(slug));
	}

	private static void stock(DropView view, Model model) {
		model.addAttribute("stockSignature", DropPage.stockSignature(view));
		model.addAttribute("refreshes", DropPage.refreshes(view));
	}

	// The drop a notify-me form was sent from: a form naming no drop fans may see records
	// nothing.
	private void requireSlug(String drop) {
		if (!Slug.isValid(drop) || this.drops.publicView(drop).isEmpty()) {
			throw new DropNotFoundException(drop);
		}
	}

	// Only a slug goes into the address, so the redirect cannot leave the shop.
	private static String backTo(String drop) {
		return Slug.isValid(drop) ? "redirect:/drops/" + drop + "#items" : "redirect:/";
	}

}
