package io.microdrops.admin.drop;

import java.time.LocalDateTime;
import java.time.ZoneId;

import io.microdrops.drop.Drop;
import io.microdrops.drop.DropId;
import io.microdrops.drop.DropManagement;
import io.microdrops.drop.DropRefusedException;
import io.microdrops.drop.DropView;
import io.microdrops.drop.FairnessRules;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A drop's fairness rules for merchandisers: which identities beyond the account the
 * per-fan limit spans (a card, a delivery address), and what an account needs to reserve
 * (a confirmed e-mail address, created before a moment or before the announcement, a
 * minimum age, a paid order from an earlier drop of the community — how add-ons reach
 * that drop's buyers only). Shown publicly with the drop's rules; fixed once units may be
 * claimed.
 */
@Controller
class FairnessController {

	static final String VIEW_FAIRNESS = "admin/drops/fairness";

	private final DropManagement drops;

	FairnessController(DropManagement drops) {
		this.drops = drops;
	}

	@GetMapping("/admin/drops/{slug}/fairness")
	String show(@PathVariable String slug, Model model) {
		DropView view = this.drops.view(slug);
		page(view, model);
		FairnessRules rules = view.drop().fairness();
		String buyersOf = (rules.buyersOf() != null) ? this.drops.find(rules.buyersOf()).map(Drop::slug).orElse(null)
				: null;
		model.addAttribute("form", FairnessForm.of(rules, view.timeZone(), buyersOf));
		return VIEW_FAIRNESS;
	}

	@PostMapping("/admin/drops/{slug}/fairness")
	String save(@PathVariable String slug, @Valid @ModelAttribute("form") FairnessForm form, BindingResult result,
			Model model, RedirectAttributes redirect) {
		DropView view = this.drops.view(slug);
		page(view, model);
		DropId buyersOf = null;
		if (form.buyersOf() != null && !form.buyersOf().isBlank()) {
			buyersOf = this.drops.find(form.buyersOf().strip()).map(Drop::id).orElse(null);
			if (buyersOf == null) {
				result.rejectValue("buyersOf", "fairness.refused.buyers-of-unknown");
			}
		}
		if (!result.hasFieldErrors("createdBefore") && form.createdBeforeChoice() == CreatedBefore.MOMENT
				&& form.createdBefore() == null) {
			result.rejectValue("createdBefore", "fairness.refused.created-before-missing");
		}
		if (result.hasErrors()) {
			return VIEW_FAIRNESS;
		}
		try {
			this.drops.changeFairness(slug, form.toRules(view.timeZone(), buyersOf));
		}
		catch (DropRefusedException ex) {
			for (DropRefusedException.Reason reason : ex.reasons()) {
				if (reason.field() != null) {
					result.rejectValue(reason.field(), reason.messageKey(), reason.arguments(), null);
				}
				else {
					result.reject(reason.messageKey(), reason.arguments(), null);
				}
			}
			return VIEW_FAIRNESS;
		}
		redirect.addFlashAttribute("message", "fairness.admin.saved");
		return "redirect:/admin/drops/" + view.drop().slug() + "/fairness";
	}

	/**
	 * Adds the drop and the drops whose buyers it may be for: the community's scheduled
	 * drops opening before it, newest first.
	 */
	private void page(DropView view, Model model) {
		model.addAttribute("view", view);
		model.addAttribute("buyersOfChoices", this.drops.buyersOfChoices(view.drop()));
	}

	/** Which accounts may reserve by their creation time. */
	enum CreatedBefore {

		/** Any account, however new. */
		ANY,

		/** Accounts created before the drop's announcement. */
		ANNOUNCEMENT,

		/** Accounts created before a moment the merchandiser sets. */
		MOMENT

	}

	/**
	 * The fairness form as typed; the moment in the community's time zone.
	 *
	 * @param capAcrossCards accounts paying with one card share the per-fan limit
	 * @param capAcrossAddresses accounts delivering to one address share it
	 * @param confirmedEmail a confirmed e-mail address is needed to reserve
	 * @param createdBeforeChoice any account, before the announcement, or before a moment
	 * @param createdBefore the moment, for {@link CreatedBefore#MOMENT}
	 * @param minAccountAgeDays days an account must be old, or empty
	 * @param buyersOf the slug of the drop whose buyers alone may reserve, or empty
	 */
	record FairnessForm(Boolean capAcrossCards, Boolean capAcrossAddresses, Boolean confirmedEmail,
			@NotNull(message = "{form.required}") CreatedBefore createdBeforeChoice,
			@DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) LocalDateTime createdBefore,
			@Min(value = 1, message = "{fairness.refused.min-account-age}") @Max(
					value = FairnessRules.MAX_ACCOUNT_AGE_DAYS,
					message = "{fairness.refused.min-account-age}") Integer minAccountAgeDays,
			@Size(max = 200, message = "{fairness.refused.buyers-of-unknown}") String buyersOf) {

		static FairnessForm of(FairnessRules rules, ZoneId zone, String buyersOf) {
			CreatedBefore choice = rules.createdBeforeAnnouncement() ? CreatedBefore.ANNOUNCEMENT
					: (rules.createdBefore() != null) ? CreatedBefore.MOMENT : CreatedBefore.ANY;
			return new FairnessForm(rules.capAcrossCards(), rules.capAcrossAddresses(), rules.confirmedEmail(), choice,
					(rules.createdBefore() != null) ? LocalDateTime.ofInstant(rules.createdBefore(), zone) : null,
					rules.minAccountAgeDays(), buyersOf);
		}

		FairnessRules toRules(ZoneId zone, DropId buyersOf) {
			return new FairnessRules(Boolean.TRUE.equals(this.capAcrossCards),
					Boolean.TRUE.equals(this.capAcrossAddresses), Boolean.TRUE.equals(this.confirmedEmail),
					(this.createdBeforeChoice == CreatedBefore.MOMENT) ? DropForm.instant(this.createdBefore, zone)
							: null,
					this.createdBeforeChoice == CreatedBefore.ANNOUNCEMENT, this.minAccountAgeDays, buyersOf);
		}

	}

}
