package io.microdrops.ops.fulfilment;

import java.util.List;
import java.util.Optional;

import io.microdrops.fulfilment.FulfilmentManagement;
import io.microdrops.fulfilment.Handover;
import io.microdrops.fulfilment.Hub;
import io.microdrops.fulfilment.TransitionRefusedException;
import io.microdrops.shared.Slug;
import io.microdrops.web.SignedInUser;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The counter: today's pickups at a hub, searchable by code, name or order number, and
 * the handover, where ops type or scan the fan's code to mark the order collected. A
 * wrong, reused or other hub's code is refused with a clear message.
 */
@Controller
class PickupsController {

	static final String VIEW_PICKUPS = "ops/pickups/index";

	private final FulfilmentManagement fulfilment;

	private final OpsFulfilment ops;

	PickupsController(FulfilmentManagement fulfilment, OpsFulfilment ops) {
		this.fulfilment = fulfilment;
		this.ops = ops;
	}

	@GetMapping("/ops/pickups")
	String pickups(@RequestParam(required = false) String hub, @RequestParam(required = false) String q, Model model) {
		model.addAttribute("hubs", this.ops.hubs());
		model.addAttribute("q", (q != null) ? q.strip() : "");
		Hub chosen = this.ops.hub(hub).orElse(null);
		if (chosen == null) {
			model.addAttribute("entries", List.of());
			return VIEW_PICKUPS;
		}
		model.addAttribute("hub", chosen);
		model.addAttribute("today", this.ops.today(chosen));
		model.addAttribute("entries", this.fulfilment.pickups(chosen.slug(), this.ops.today(chosen),
				(q != null && q.length() <= 100) ? q : null));
		return VIEW_PICKUPS;
	}

	@PostMapping("/ops/pickups/handover")
	String handOver(@RequestParam String hub, @RequestParam(defaultValue = "") String code,
			@AuthenticationPrincipal SignedInUser user, RedirectAttributes redirect) {
		try {
			Handover handover = this.fulfilment.handOver(hub, code, OpsFulfilment.actor(user));
			// Flash attributes live in the session store: plain strings only.
			redirect.addFlashAttribute("handedOver", new String[] { handover.entry().orderNumber(),
					handover.entry().fanName(), handover.entry().quantity() + " × " + handover.entry().skuName() });
		}
		catch (TransitionRefusedException ex) {
			OpsFulfilment.flashRefusal(redirect, ex);
			redirect.addFlashAttribute("typedCode", (code.length() <= 20) ? code : "");
		}
		catch (IllegalArgumentException ex) {
			redirect.addFlashAttribute("refusal", "ops.pickups.unknown-hub");
		}
		// Back to the hub's page only for something shaped like a hub: a made-up value
		// would not fit in (or not be allowed in) the Location header.
		return "redirect:" + UriComponentsBuilder.fromPath("/ops/pickups")
			.queryParamIfPresent("hub", Optional.of(hub).filter(Slug::isValid))
			.build()
			.toUriString();
	}

}
