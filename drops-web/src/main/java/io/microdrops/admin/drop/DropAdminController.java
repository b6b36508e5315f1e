package io.microdrops.admin.drop;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.microdrops.catalog.CatalogManagement;
import io.microdrops.catalog.SkuStatus;
import io.microdrops.community.Community;
import io.microdrops.community.CommunityManagement;
import io.microdrops.drop.AccessMode;
import io.microdrops.drop.DropManagement;
import io.microdrops.drop.DropPlan;
import io.microdrops.drop.DropRefusedException;
import io.microdrops.drop.DropState;
import io.microdrops.drop.DropView;
import io.microdrops.drop.NewDropItem;
import io.microdrops.drop.Timeline;
import io.microdrops.preorder.PreorderManagement;
import io.microdrops.waitingroom.WaitingRoom;
import io.microdrops.waitlist.WaitlistManagement;
import io.microdrops.web.SignedInUser;
import jakarta.validation.Valid;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

@Controller
@RequestMapping("/admin/drops")
class DropAdminController {

	static final String VIEW_LIST = "admin/drops/list";

	static final String VIEW_FORM = "admin/drops/form";

	static final String VIEW_DETAIL = "admin/drops/detail";

	private final DropManagement drops;

	private final CommunityManagement communities;

	private final CatalogManagement catalog;

	private final MessageSource messages;

	private final WaitlistManagement waitlists;

	private final PreorderManagement preorders;

	private final WaitingRoom waitingRooms;

	DropAdminController(DropManagement drops, CommunityManagement communities, CatalogManagement catalog,
			MessageSource messages, WaitlistManagement waitlists, PreorderManagement preorders,
			WaitingRoom waitingRooms) {
		this.waitingRooms = waitingRooms;
		this.drops = drops;
		this.communities = communities;
		this.catalog = catalog;
		this.messages = messages;
		this.waitlists = waitlists;
		this.preorders = preorders;
	}

	/**
	 * The drops by where they are: coming and live ones, soonest first (drafts included),
	 * or only the drafts, only the closed ones (latest first), or all; each tab with its
	 * count.
	 */
	@GetMapping
	String list(@RequestParam(defaultValue = "current") String show, Model model) {
		List<DropView> all = this.drops.allDrops();
		Map<String, List<DropView>> tabs = new LinkedHashMap<>();
		// The soonest first: the live drop on top, then the coming ones in order.
		List<DropView> soonestFirst = all.stream()
			.sorted(Comparator.comparing(view -> view.drop().timeline().opensAt()))
			.toList();
		tabs.put("current", soonestFirst.stream().filter(view -> view.state() != DropState.CLOSED).toList());
		tabs.put("drafts", soonestFirst.stream().filter(view -> view.state() == DropState.DRAFT).toList());
		tabs.put("closed", all.stream().filter(view -> view.state() == DropState.CLOSED).toList());
		tabs.put("all", all);
		String shown = tabs.containsKey(show) ? show : "current";
		model.addAttribute("tabs", tabs);
		model.addAttribute("show", shown);
		model.addAttribute("drops", tabs.get(shown));
		model.addAttribute("waitlistDepths", this.waitlists.depths());
		return VIEW_LIST;
	}

	@GetMapping("/new")
	String newForm(@RequestParam(required = false) String community, Model model) {
		model.addAttribute("form", DropForm.empty(community));
		return form(model, true);
	}

	@PostMapping
	String create(@Valid @ModelAttribute("form") DropForm form, BindingResult result, Model model,
			RedirectAttributes redirect) {
		DropPlan plan = plan(form, result);
		if (result.hasErrors()) {
			return reshow(form, model, true);
		}
		try {
			// One transaction: a refused waiting room leaves no draft behind.
			this.drops.createDraft(form.slug(), plan, form.waitingRoomSettings());
		}
		catch (DropRefusedException ex) {
			reject(ex, result);
			return reshow(form, model, true);
		}
		redirect.addFlashAttribute("message", "drop.created");
		return "redirect:/admin/drops/" + form.slug();
	}

	@GetMapping("/{slug}")
	String detail(@PathVariable String slug, Model model) {
		DropView view = this.drops.view(slug);
		model.addAttribute("view", view);
		model.addAttribute("warnings", this.drops.fatigueWarnings(view.drop()));
		model.addAttribute("preorders", this.preorders.progress(view.drop()).orElse(null));
		model.addAttribute("queue", view.drop().hasWaitingRoom() ? this.waitingRooms.overview(slug) : null);
		return VIEW_DETAIL;
	}

	@GetMapping("/{slug}/edit")
	String editForm(@PathVariable String slug, Model model) {
		model.addAttribute("form", DropForm.of(this.drops.view(slug)));
		return form(model, false);
	}

	@PostMapping("/{slug}")
	String update(@PathVariable String slug, @Valid @ModelAttribute("form") DropForm form, BindingResult result,
			Model model, RedirectAttributes redirect) {
		this.drops.require(slug);
		DropPlan plan = plan(form, result);
		if (result.hasErrors()) {
			return reshow(form, model, false);
		}
		try {
			// One transaction: a refused waiting room leaves the plan as it was.
			this.drops.revise(slug, plan, form.waitingRoomSettings());
		}
		catch (DropRefusedException ex) {
			reject(ex, result);
			return reshow(form, model, false);
		}
		redirect.addFlashAttribute("message", "drop.updated");
		return "redirect:/admin/drops/" + slug;
	}

	@PostMapping("/{slug}/schedule")
	String schedule(@PathVariable String slug, @RequestParam(required = false) String overrideReason,
			@AuthenticationPrincipal SignedInUser user, RedirectAttributes redirect) {
		return act(slug, redirect, "drop.scheduled", () -> this.drops.schedule(slug,
				new DropManagement.Scheduler(user.accountId(), user.isAdmin()), overrideReason));
	}

	@PostMapping("/{slug}/unschedule")
	String unschedule(@PathVariable String slug, RedirectAttributes redirect) {
		return act(slug, redirect, "drop.unscheduled", () -> this.drops.unschedule(slug));
	}

	@PostMapping("/{slug}/close")
	String close(@PathVariable String slug, RedirectAttributes redirect) {
		return act(slug, redirect, "drop.closed", () -> this.drops.closeEarly(slug));
	}

	private String act(String slug, RedirectAttributes redirect, String success, Runnable action) {
		try {
			action.run();
			redirect.addFlashAttribute("message", success);
		}
		catch (DropRefusedException ex) {
			// Resolved to text here: only plain strings travel in the flash scope.
			redirect.addFlashAttribute("refusal",
					ex.reasons()
						.stream()
						.map(reason -> this.messages.getMessage(reason.messageKey(), reason.arguments(),
								reason.messageKey(), LocaleContextHolder.getLocale()))
						.toList());
		}
		return "redirect:/admin/drops/" + slug;
	}

	/**
	 * Turns the form into a plan, recording what cannot be turned (unknown community or
	 * SKU) as field errors.
	 */
	private DropPlan plan(DropForm form, BindingResult result) {
		// A field that did not even convert (text for a date or a number) is reported as
		// such; the checks below wait for a form that converts.
		if (result.getTarget() == null) {
			return null;
		}
		Community community = (form.community() != null) ? this.communities.find(form.community()).orElse(null) : null;
		if (community == null && !result.hasFieldErrors("community")) {
			result.rejectValue("community", "drop.refused.unknown-community");
		}
		List<NewDropItem> items = new ArrayList<>();
		List<DropForm.ItemRow> rows = (form.items() != null) ? form.items() : List.of();
		for (int i = 0; i < rows.size(); i++) {
			DropForm.ItemRow row = rows.get(i);
			if (!row.isFilled()) {
				continue;
			}
			var sku = this.catalog.find(row.sku());
			if (sku.isEmpty()) {
				result.rejectValue("items[" + i + "].sku", "drop.refused.unknown-sku");
			}
			else if (row.quantity() == null || row.perFanLimit() == null) {
				result.rejectValue("items[" + i + "].quantity", "drop.refused.item-numbers");
			}
			else if (sku.get().editionSize() != null && row.quantity() > sku.get().editionSize()) {
				result.rejectValue("items[" + i + "].quantity", "drop.refused.over-edition",
						new Object[] { sku.get().name(), sku.get().editionSize() }, null);
			}
			else {
				items.add(new NewDropItem(sku.get().id(), row.quantity(), row.perFanLimit()));
			}
		}
		// The timeline's problems too, so one answer names every problem (read in UTC
		// while no community is chosen; the form is refused then anyway, and read in the
		// community's zone once one is).
		ZoneId zone = (community != null) ? community.timeZone() : ZoneOffset.UTC;
		Timeline timeline = new Timeline(DropForm.instant(form.announceAt(), zone),
				DropForm.instant(form.earlyAccessAt(), zone), DropForm.instant(form.opensAt(), zone),
				DropForm.instant(form.closesAt(), zone));
		for (Timeline.Problem problem : timeline.problems()) {
			if (!result.hasFieldErrors(problem.field())) {
				result.rejectValue(problem.field(), problem.messageKey());
			}
		}
		if (community == null || result.hasErrors()) {
			return null;
		}
		return new DropPlan(form.title(), community.id(), form.accessMode(), timeline, form.holdMinutes(),
				form.preorderThreshold(), DropForm.instant(form.preorderDeadline(), community.timeZone()), items);
	}

	private static void reject(DropRefusedException ex, BindingResult result) {
		for (DropRefusedException.Reason reason : ex.reasons()) {
			if (reason.field() != null) {
				result.rejectValue(reason.field(), reason.messageKey(), reason.arguments(), null);
			}
			else {
				result.reject(reason.messageKey(), reason.arguments(), null);
			}
		}
	}

	private String reshow(DropForm form, Model model, boolean creating) {
		return form(model, creating);
	}

	private String form(Model model, boolean creating) {
		model.addAttribute("creating", creating);
		model.addAttribute("communities", this.communities.overview());
		model.addAttribute("skus",
				this.catalog.list().stream().filter(sku -> sku.status() == SkuStatus.ACTIVE).toList());
		model.addAttribute("accessModes", AccessMode.values());
		return VIEW_FORM;
	}

}
