package io.microdrops.ops.fulfilment;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import io.microdrops.drop.DropManagement;
import io.microdrops.drop.DropNotFoundException;
import io.microdrops.fulfilment.FulfilmentDetail;
import io.microdrops.fulfilment.FulfilmentEntry;
import io.microdrops.fulfilment.FulfilmentManagement;
import io.microdrops.fulfilment.FulfilmentStatus;
import io.microdrops.fulfilment.Hub;
import io.microdrops.fulfilment.PackingSlip;
import io.microdrops.fulfilment.TransitionRefusedException;
import io.microdrops.recognition.Recognition;
import io.microdrops.storefront.Ordinals;
import io.microdrops.web.SignedInUser;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The pick-and-pack queue per hub and day (or the shipping queue), sorted by slot, with
 * counts per status and batch actions; one order's page with its history and next steps;
 * the printable packing slip and pick list.
 */
@Controller
class QueueController {

	static final String VIEW_QUEUE = "ops/queue/index";

	static final String VIEW_ORDER = "ops/orders/show";

	static final String VIEW_SLIP = "ops/orders/slip";

	static final String VIEW_PICK_LIST = "ops/picklists/show";

	static final String SHIPPING = "shipping";

	private final FulfilmentManagement fulfilment;

	private final OpsFulfilment ops;

	private final Recognition recognition;

	private final DropManagement drops;

	QueueController(FulfilmentManagement fulfilment, OpsFulfilment ops, Recognition recognition, DropManagement drops) {
		this.fulfilment = fulfilment;
		this.ops = ops;
		this.recognition = recognition;
		this.drops = drops;
	}

	@GetMapping("/ops/queue")
	String queue(@RequestParam(required = false) String hub,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate day, Model model) {
		model.addAttribute("hubs", this.ops.hubs());
		model.addAttribute("shipping", SHIPPING.equals(hub));
		List<FulfilmentEntry> entries;
		if (SHIPPING.equals(hub)) {
			entries = this.fulfilment.shippingQueue();
			model.addAttribute("selected", SHIPPING);
		}
		else {
			Hub chosen = this.ops.hub(hub).orElse(null);
			if (chosen == null) {
				model.addAttribute("entries", List.of());
				model.addAttribute("counts", this.fulfilment.count(List.of()));
				return VIEW_QUEUE;
			}
			LocalDate today = this.ops.today(chosen);
			LocalDate shown = (day != null) ? day : today;
			entries = this.fulfilment.queue(chosen.slug(), shown);
			// Nothing today: the next day with orders, one click away.
			if (entries.isEmpty()) {
				this.fulfilment.nextQueueDay(chosen.slug(), shown)
					.ifPresent(next -> model.addAttribute("nextDay", next));
			}
			model.addAttribute("hub", chosen);
			model.addAttribute("selected", chosen.slug());
			model.addAttribute("day", shown);
			model.addAttribute("today", today);
		}
		model.addAttribute("entries", entries);
		model.addAttribute("counts", this.fulfilment.count(entries));
		model.addAttribute("drops",
				entries.stream()
					.collect(Collectors.toMap(FulfilmentEntry::dropSlug, FulfilmentEntry::dropTitle, (a, b) -> a,
							LinkedHashMap::new)));
		model.addAttribute("statuses", FulfilmentStatus.values());
		return VIEW_QUEUE;
	}

	@PostMapping("/ops/queue/batch")
	String batch(@RequestParam(name = "ids", required = false) List<UUID> ids, @RequestParam FulfilmentStatus to,
			@RequestParam(required = false) String hub, @RequestParam(required = false) String day,
			@AuthenticationPrincipal SignedInUser user, RedirectAttributes redirect) {
		if (ids == null || ids.isEmpty()) {
			redirect.addFlashAttribute("message", "ops.queue.none-selected");
		}
		else {
			try {
				FulfilmentManagement.BatchResult result = this.fulfilment.moveAll(ids, to, OpsFulfilment.actor(user));
				redirect.addFlashAttribute("moved", result.moved());
				redirect.addFlashAttribute("refusedCount", result.refused().size());
				redirect.addFlashAttribute("movedTo", to.name());
			}
			catch (TransitionRefusedException ex) {
				OpsFulfilment.flashRefusal(redirect, ex);
			}
		}
		return "redirect:" + UriComponentsBuilder.fromPath("/ops/queue")
			.queryParamIfPresent("hub", java.util.Optional.ofNullable(hub).filter(io.microdrops.shared.Slug::isValid))
			// Only a date goes back into the address: anything else would reach the
			// Location header as sent.
			.queryParamIfPresent("day",
					java.util.Optional.ofNullable(day).filter(text -> text.matches("\\d{4}-\\d{2}-\\d{2}")))
			.build()
			.toUriString();
	}

	@GetMapping("/ops/orders/{id}")
	String order(@PathVariable UUID id, Model model) {
		FulfilmentDetail detail = this.fulfilment.detail(id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		model.addAttribute("detail", detail);
		model.addAttribute("zone",
				this.ops.hub(detail.entry().hubSlug()).map(Hub::timeZone).orElse(java.time.ZoneId.systemDefault()));
		return VIEW_ORDER;
	}

	@PostMapping("/ops/orders/{id}/move")
	String move(@PathVariable UUID id, @RequestParam FulfilmentStatus to, @RequestParam(required = false) String note,
			@AuthenticationPrincipal SignedInUser user, RedirectAttributes redirect) {
		try {
			this.fulfilment.move(id, to, note, OpsFulfilment.actor(user));
			redirect.addFlashAttribute("moved", 1);
			redirect.addFlashAttribute("movedTo", to.name());
		}
		catch (TransitionRefusedException ex) {
			OpsFulfilment.flashRefusal(redirect, ex);
		}
		return "redirect:/ops/orders/" + id;
	}

	@GetMapping("/ops/orders/{id}/slip")
	String slip(@PathVariable UUID id, Model model) {
		PackingSlip slip = this.fulfilment.packingSlip(id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		model.addAttribute("slip", slip);
		// The fan's place in their history with the community: "your 3rd drop with us".
		this.recognition.forPackedOrder(slip.entry().order()).ifPresent(recognised -> {
			model.addAttribute("recognition", recognised);
			model.addAttribute("recognitionOrdinal", Ordinals.of(recognised.ordinal()));
		});
		return VIEW_SLIP;
	}

	@GetMapping("/ops/pick-lists/{drop}")
	String pickList(@PathVariable String drop, Model model) {
		String title = this.drops.find(drop).orElseThrow(() -> new DropNotFoundException(drop)).title();
		List<FulfilmentEntry> entries = this.fulfilment.pickList(drop);
		model.addAttribute("drop", drop);
		model.addAttribute("entries", entries);
		model.addAttribute("dropTitle", title);
		model.addAttribute("units", entries.stream().mapToInt(FulfilmentEntry::quantity).sum());
		return VIEW_PICK_LIST;
	}

}
