package io.microdrops.admin.community;

import java.time.ZoneId;
import java.util.List;

import io.microdrops.community.CommunityManagement;
import io.microdrops.community.SlugTakenException;
import jakarta.validation.Valid;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

@Controller
@RequestMapping("/admin/communities")
class CommunityAdminController {

	static final String VIEW_LIST = "admin/communities/list";

	static final String VIEW_FORM = "admin/communities/form";

	static final List<String> ZONES = ZoneId.getAvailableZoneIds()
		.stream()
		.filter(zone -> zone.contains("/") && !zone.startsWith("Etc/") && !zone.startsWith("SystemV/"))
		.sorted()
		.toList();

	private final CommunityManagement communities;

	CommunityAdminController(CommunityManagement communities) {
		this.communities = communities;
	}

	@GetMapping
	String list(Model model) {
		model.addAttribute("communities", this.communities.overview());
		return VIEW_LIST;
	}

	@GetMapping("/new")
	String newForm(Model model) {
		model.addAttribute("form", CommunityForm.empty());
		return form(model, true);
	}

	@PostMapping
	String create(@Valid @ModelAttribute("form") CommunityForm form, BindingResult result, Model model,
			RedirectAttributes redirect) {
		checkZone(form, result);
		if (result.hasErrors()) {
			return form(model, true);
		}
		try {
			this.communities.create(form.slug(), form.details());
		}
		catch (SlugTakenException ex) {
			result.rejectValue("slug", "community.slug.taken");
			return form(model, true);
		}
		redirect.addFlashAttribute("message", "community.created");
		return "redirect:/admin/communities";
	}

	@GetMapping("/{slug}/edit")
	String editForm(@PathVariable String slug, Model model) {
		model.addAttribute("form", CommunityForm.of(this.communities.require(slug)));
		return form(model, false);
	}

	@PostMapping("/{slug}")
	String update(@PathVariable String slug, @Valid @ModelAttribute("form") CommunityForm form, BindingResult result,
			Model model, RedirectAttributes redirect) {
		this.communities.require(slug);
		checkZone(form, result);
		if (result.hasErrors()) {
			return form(model, false);
		}
		this.communities.update(slug, form.details());
		redirect.addFlashAttribute("message", "community.updated");
		return "redirect:/admin/communities";
	}

	private static void checkZone(CommunityForm form, BindingResult result) {
		// With a field that did not even convert, that is what the form says first.
		if (result.getTarget() != null && !result.hasFieldErrors("timeZone") && !form.hasValidZone()) {
			result.rejectValue("timeZone", "community.time-zone.invalid");
		}
	}

	private static String form(Model model, boolean creating) {
		model.addAttribute("creating", creating);
		model.addAttribute("zones", ZONES);
		return VIEW_FORM;
	}

}
