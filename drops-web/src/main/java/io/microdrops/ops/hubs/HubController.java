package io.microdrops.ops.hubs;

import java.time.ZoneId;
import java.util.List;

import io.microdrops.fulfilment.HubManagement;
import io.microdrops.fulfilment.HubRefusedException;
import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Ops and admins manage micro-hubs: address, opening hours, pickup capacity, delivery
 * area, same-day cut-off and whether checkout offers the hub.
 */
@Controller
@RequestMapping("/ops/hubs")
class HubController {

	static final String VIEW_LIST = "ops/hubs/list";

	static final String VIEW_FORM = "ops/hubs/form";

	private static final List<String> ZONES = ZoneId.getAvailableZoneIds()
		.stream()
		.filter(zone -> zone.contains("/") && !zone.startsWith("Etc/") && !zone.startsWith("SystemV/"))
		.sorted()
		.toList();

	private final HubManagement hubs;

	HubController(HubManagement hubs) {
		this.hubs = hubs;
	}

	@GetMapping
	String list(Model model) {
		model.addAttribute("hubs", this.hubs.hubs());
		return VIEW_LIST;
	}

	@GetMapping("/new")
	String newForm(Model model) {
		model.addAttribute("form", HubForm.empty());
		return form(model, true);
	}

	@PostMapping
	String create(@Valid @ModelAttribute("form") HubForm form, BindingResult result, Model model,
			RedirectAttributes redirect) {
		var details = form.details(result);
		if (result.hasErrors()) {
			return form(model, true);
		}
		try {
			this.hubs.create(details);
		}
		catch (HubRefusedException ex) {
			reject(ex, result);
			return form(model, true);
		}
		redirect.addFlashAttribute("message", "hub.created");
		return "redirect:/ops/hubs";
	}

	@GetMapping("/{slug}/edit")
	String editForm(@PathVariable String slug, Model model) {
		model.addAttribute("form", HubForm.of(require(slug)));
		return form(model, false);
	}

	@PostMapping("/{slug}")
	String update(@PathVariable String slug, @Valid @ModelAttribute("form") HubForm form, BindingResult result,
			Model model, RedirectAttributes redirect) {
		require(slug);
		var details = form.details(result);
		if (result.hasErrors()) {
			return form(model, false);
		}
		try {
			this.hubs.update(slug, details);
		}
		catch (HubRefusedException ex) {
			reject(ex, result);
			return form(model, false);
		}
		redirect.addFlashAttribute("message", "hub.saved");
		return "redirect:/ops/hubs";
	}

	private io.microdrops.fulfilment.Hub require(String slug) {
		return this.hubs.find(slug).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}

	private static void reject(HubRefusedException ex, BindingResult result) {
		ex.problems().forEach(problem -> {
			String field = "openingHours".equals(problem.field()) ? "monday" : problem.field();
			result.rejectValue(field, problem.messageKey());
		});
	}

	private String form(Model model, boolean creating) {
		model.addAttribute("creating", creating);
		model.addAttribute("zones", ZONES);
		model.addAttribute("days", HubForm.DAYS);
		return VIEW_FORM;
	}

}
