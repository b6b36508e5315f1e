package io.microdrops.admin.draw;

import io.microdrops.draw.DrawManagement;
import io.microdrops.draw.DrawRefusedException;
import io.microdrops.draw.DrawSettings;
import io.microdrops.drop.AccessMode;
import io.microdrops.drop.DropManagement;
import io.microdrops.drop.DropNotFoundException;
import io.microdrops.drop.DropView;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A draw drop's rules for merchandisers: the tickets of waitlist members and returning
 * collectors, and the winners' purchase window. Fixed once entries open; shown publicly
 * on the draw page.
 */
@Controller
class DrawSettingsController {

	static final String VIEW_SETTINGS = "admin/draws/settings";

	private final DropManagement drops;

	private final DrawManagement draws;

	DrawSettingsController(DropManagement drops, DrawManagement draws) {
		this.drops = drops;
		this.draws = draws;
	}

	@GetMapping("/admin/drops/{slug}/draw")
	String show(@PathVariable String slug, Model model) {
		DropView view = drawDrop(slug);
		DrawSettings settings = this.draws.settings(slug);
		model.addAttribute("view", view);
		model.addAttribute("form", new SettingsForm(settings.waitlistWeight(), settings.collectorWeight(),
				settings.purchaseWindowMinutes()));
		return VIEW_SETTINGS;
	}

	@PostMapping("/admin/drops/{slug}/draw")
	String save(@PathVariable String slug, @Valid @ModelAttribute("form") SettingsForm form, BindingResult result,
			Model model, RedirectAttributes redirect) {
		DropView view = drawDrop(slug);
		if (result.hasErrors()) {
			model.addAttribute("view", view);
			return VIEW_SETTINGS;
		}
		try {
			this.draws.configure(slug,
					new DrawSettings(form.waitlistWeight(), form.collectorWeight(), form.purchaseWindowMinutes()));
		}
		catch (DrawRefusedException ex) {
			result.reject(ex.messageKey());
			model.addAttribute("view", view);
			return VIEW_SETTINGS;
		}
		redirect.addFlashAttribute("message", "admin.draw.saved");
		return "redirect:/admin/drops/" + view.drop().slug() + "/draw";
	}

	private DropView drawDrop(String slug) {
		DropView view = this.drops.view(slug);
		if (view.drop().accessMode() != AccessMode.DRAW) {
			throw new DropNotFoundException(slug);
		}
		return view;
	}

	/**
	 * The settings form.
	 *
	 * @param waitlistWeight tickets for fans on a "notify me" list of an item
	 * @param collectorWeight tickets for returning collectors
	 * @param purchaseWindowMinutes how long a winner's unit is held
	 */
	record SettingsForm(
			@NotNull(message = "{form.required}") @Min(value = 1, message = "{draw.refused.weight}") @Max(value = 10,
					message = "{draw.refused.weight}") Integer waitlistWeight,
			@NotNull(message = "{form.required}") @Min(value = 1, message = "{draw.refused.weight}") @Max(value = 10,
					message = "{draw.refused.weight}") Integer collectorWeight,
			@NotNull(message = "{form.required}") @Min(value = 5, message = "{draw.refused.window}") @Max(value = 10080,
					message = "{draw.refused.window}") Integer purchaseWindowMinutes) {
	}

}
