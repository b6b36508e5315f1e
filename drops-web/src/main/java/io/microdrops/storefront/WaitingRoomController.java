package io.microdrops.storefront;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;

import io.microdrops.checkout.Checkout;
import io.microdrops.drop.DropManagement;
import io.microdrops.drop.DropNotFoundException;
import io.microdrops.drop.DropView;
import io.microdrops.waitingroom.QueuePlace;
import io.microdrops.waitingroom.WaitingRoom;
import io.microdrops.waitingroom.WaitingRoomRefusedException;
import io.microdrops.waitlist.PurchaseAccess;
import io.microdrops.web.SignedInUser;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A drop's waiting room on its page: joining, and the region that shows the fan's place
 * (refreshed every 5 s with htmx while the fan waits) and, once admitted, the reserve
 * forms carrying the admission.
 */
@Controller
class WaitingRoomController {

	/**
	 * The region alone: the file also holds the reserve forms' fragment, which renders
	 * inside it only.
	 */
	static final String VIEW_QUEUE = "storefront/drops/partials/queue :: queue";

	private final WaitingRoom rooms;

	private final DropManagement drops;

	private final Checkout checkout;

	private final PurchaseAccess access;

	private final Clock clock;

	WaitingRoomController(WaitingRoom rooms, DropManagement drops, Checkout checkout, PurchaseAccess access,
			Clock clock) {
		this.rooms = rooms;
		this.drops = drops;
		this.checkout = checkout;
		this.access = access;
		this.clock = clock;
	}

	@GetMapping("/drops/{slug}/queue")
	String queue(@PathVariable String slug, @AuthenticationPrincipal SignedInUser user, Model model,
			HttpServletResponse response) {
		DropView view = this.drops.publicView(slug)
			.filter(found -> found.drop().hasWaitingRoom())
			.orElseThrow(() -> new DropNotFoundException(slug));
		// The fan's own place and admission: never kept by a cache.
		response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue());
		model(view, user, model, this.rooms);
		// A fan let past the queue by their own early-access code is told so on every
		// refresh, as on the drop page (asked only while the fan waits or has not
		// joined).
		if (Boolean.TRUE.equals(model.getAttribute("queueRefreshes"))) {
			java.time.Instant now = this.clock.instant();
			PurchaseAccess.Decision decision = this.access.check(view.drop(), user.accountId(), now);
			model.addAttribute("codeOpens",
					this.access.queueFreeCode(view.drop(), user.accountId(), now, decision).isPresent());
		}
		// A fan the drop's account rules keep out is told so instead of offered a place,
		// as on the drop page (drops without rules read nothing more).
		if (model.getAttribute("queue") instanceof QueuePlace place && place.status() == QueuePlace.Status.NOT_JOINED) {
			this.checkout.missedRequirement(view.drop(), user.accountId(), this.clock.instant())
				.ifPresent(missed -> model.addAttribute("missedRequirement",
						"checkout.refused.ACCOUNT_REQUIREMENT." + missed.name()));
		}
		// Where the region offers reserve forms or a place, they offer only what the fan
		// may still have (read then, not on the refreshes of the fans who wait).
		Map<UUID, Integer> taken = Map.of();
		if (model.getAttribute("queue") instanceof QueuePlace place
				&& (Boolean.TRUE.equals(model.getAttribute("codeOpens")) || switch (place.status()) {
					case PRE_QUEUE, WAITING -> false;
					default -> true;
				})) {
			taken = this.checkout.takenBy(view.drop().id(), user.accountId());
		}
		model.addAttribute("taken", taken);
		model.addAttribute("atLimit", DropController.atLimit(view, taken));
		return VIEW_QUEUE;
	}

	@PostMapping("/drops/{slug}/queue")
	String join(@PathVariable String slug, @AuthenticationPrincipal SignedInUser user, RedirectAttributes redirect) {
		try {
			QueuePlace place = this.rooms.join(slug, user.accountId());
			redirect.addFlashAttribute("message", "waitingroom.joined." + place.status().name());
		}
		catch (WaitingRoomRefusedException ex) {
			redirect.addFlashAttribute("message", ex.messageKey());
			redirect.addFlashAttribute("messageTone", "refused");
		}
		return "redirect:/drops/" + slug + "#queue";
	}

	/**
	 * Adds what the queue region shows: the drop, and for a signed-in fan their place.
	 */
	static void model(DropView view, SignedInUser user, Model model, WaitingRoom rooms) {
		model.addAttribute("queueDrop", view);
		QueuePlace place = (user != null) ? rooms.place(view.drop().slug(), user.accountId()) : null;
		model.addAttribute("queue", place);
		model.addAttribute("queueRefreshes", place != null && switch (place.status()) {
			case NOT_JOINED, PRE_QUEUE, WAITING -> true;
			default -> false;
		});
		Long wait = (place != null) ? place.estimatedWaitSeconds() : null;
		model.addAttribute("waitMinutes", (wait != null) ? Math.max(1, (wait + 59) / 60) : null);
	}

}
