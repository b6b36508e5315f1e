package io.microdrops.admin.followup;

import java.time.Clock;
import java.util.List;

import io.microdrops.catalog.CatalogManagement;
import io.microdrops.drop.DropManagement;
import io.microdrops.drop.DropView;
import io.microdrops.offer.FollowUpManagement;
import io.microdrops.offer.FollowUpRefusedException;
import io.microdrops.offer.FollowUpSettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A drop's follow-up offer for merchandisers: the thank-you note, the delay after pickup
 * or delivery, the early-access code for the community's next drop, and add-on SKUs.
 */
@Controller
class FollowUpAdminController {

	static final String VIEW_FORM = "admin/follow-ups/form";

	private final DropManagement drops;

	private final FollowUpManagement followUps;

	private final CatalogManagement catalog;

	private final Clock clock;

	FollowUpAdminController(DropManagement drops, FollowUpManagement followUps, CatalogManagement catalog,
			Clock clock) {
		this.drops = drops;
		this.followUps = followUps;
		this.catalog = catalog;
		this.clock = clock;
	}

	@GetMapping("/admin/drops/{slug}/follow-up")
	String show(@PathVariable String slug, Model model) {
		DropView view = this.drops.view(slug);
		var settings = this.followUps.settings(slug);
		FollowUpForm form = settings
			.map(found -> new FollowUpForm(found.thankYouNote(), found.delayHours(), found.earlyAccess(),
					found.earlyHours(), found.validityDays(), found.addOnSkus()))
			.orElseGet(() -> new FollowUpForm("", 48, true, 24, 60, List.of()));
		model.addAttribute("form", form);
		model.addAttribute("defined", settings.isPresent());
		return form(view, model);
	}

	@PostMapping("/admin/drops/{slug}/follow-up")
	String save(@PathVariable String slug, @Valid @ModelAttribute("form") FollowUpForm form, BindingResult result,
			Model model, RedirectAttributes redirect) {
		DropView view = this.drops.view(slug);
		if (result.hasErrors()) {
			model.addAttribute("defined", this.followUps.settings(slug).isPresent());
			return form(view, model);
		}
		try {
			this.followUps.define(slug,
					new FollowUpSettings(form.thankYouNote(), form.delayHours(),
							Boolean.TRUE.equals(form.earlyAccess()), form.earlyHours(), form.validityDays(),
							(form.addOnSkus() != null) ? form.addOnSkus() : List.of()),
					this.clock.instant());
		}
		catch (FollowUpRefusedException ex) {
			result.rejectValue(ex.field(), ex.messageKey());
			model.addAttribute("defined", this.followUps.settings(slug).isPresent());
			return form(view, model);
		}
		redirect.addFlashAttribute("message", "admin.follow-up.saved");
		return "redirect:/admin/drops/" + view.drop().slug() + "/follow-up";
	}

	@PostMapping("/admin/drops/{slug}/follow-up/remove")
	String remove(@PathVariable String slug, RedirectAttributes redirect) {
		DropView view = this.drops.view(slug);
		this.followUps.remove(slug);
		redirect.addFlashAttribute("message", "admin.follow-up.removed");
		return "redirect:/admin/drops/" + view.drop().slug() + "/follow-up";
	}

	private String form(DropView view, Model model) {
		model.addAttribute("view", view);
		model.addAttribute("skus", this.catalog.list());
		model.addAttribute("buyersOnly", this.followUps.buyersOnlySales(view.drop().slug(), this.clock.instant()));
		return VIEW_FORM;
	}

	/**
	 * The follow-up form.
	 *
	 * @param thankYouNote the note, plain text
	 * @param delayHours hours after pickup or delivery
	 * @param earlyAccess whether an early-access code goes with it
	 * @param earlyHours how many hours before the public opening the code opens the next
	 * drop
	 * @param validityDays how long the code stays valid
	 * @param addOnSkus the add-on SKUs' slugs
	 */
	record FollowUpForm(
			@NotBlank(message = "{follow-up.refused.note-required}") @Size(max = FollowUpSettings.NOTE_MAX,
					message = "{follow-up.refused.note-too-long}") String thankYouNote,
			@NotNull(message = "{form.required}") @Min(value = 0, message = "{follow-up.refused.delay}") @Max(
					value = 2160, message = "{follow-up.refused.delay}") Integer delayHours,
			Boolean earlyAccess,
			@NotNull(message = "{form.required}") @Min(value = 1, message = "{follow-up.refused.early-hours}") @Max(
					value = 336, message = "{follow-up.refused.early-hours}") Integer earlyHours,
			@NotNull(message = "{form.required}") @Min(value = 1, message = "{follow-up.refused.validity}") @Max(
					value = 365, message = "{follow-up.refused.validity}") Integer validityDays,
			@Size(max = FollowUpManagement.ADD_ONS_MAX,
					message = "{follow-up.refused.too-many-add-ons}") List<String> addOnSkus) {
	}

}
