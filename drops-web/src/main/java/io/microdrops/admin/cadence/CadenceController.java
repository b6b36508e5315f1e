package io.microdrops.admin.cadence;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import io.microdrops.cadence.CadenceManagement;
import io.microdrops.cadence.CadenceNotFoundException;
import io.microdrops.cadence.CadenceRefusedException;
import io.microdrops.cadence.CadenceView;
import io.microdrops.cadence.Problem;
import io.microdrops.catalog.CatalogManagement;
import io.microdrops.catalog.SkuStatus;
import io.microdrops.community.CommunityManagement;
import io.microdrops.drop.AccessMode;
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

@Controller
@RequestMapping("/admin/cadences")
class CadenceController {

	static final String VIEW_LIST = "admin/cadences/list";

	static final String VIEW_FORM = "admin/cadences/form";

	private final CadenceManagement cadences;

	private final CommunityManagement communities;

	private final CatalogManagement catalog;

	private final CadenceWording wording;

	private final Clock clock;

	CadenceController(CadenceManagement cadences, CommunityManagement communities, CatalogManagement catalog,
			CadenceWording wording, Clock clock) {
		this.cadences = cadences;
		this.communities = communities;
		this.catalog = catalog;
		this.wording = wording;
		this.clock = clock;
	}

	@GetMapping
	String list(Model model, Locale locale) {
		model.addAttribute("cadences",
				this.cadences.list()
					.stream()
					.map(view -> new Row(view, this.wording.describe(view.recurrence(), view.timeZone(), locale)))
					.toList());
		return VIEW_LIST;
	}

	@GetMapping("/new")
	String newForm(Model model) {
		model.addAttribute("form", CadenceForm.empty(LocalDate.now(this.clock.withZone(ZoneOffset.UTC))));
		return form(model, null);
	}

	@PostMapping
	String create(@Valid @ModelAttribute("form") CadenceForm form, BindingResult result, Model model,
			RedirectAttributes redirect) {
		if (!result.hasErrors()) {
			try {
				this.cadences.create(form.toCreate());
				redirect.addFlashAttribute("message", "cadence.created");
				return "redirect:/admin/cadences";
			}
			catch (CadenceRefusedException ex) {
				reject(ex, form, result);
			}
			catch (DateTimeException ex) {
				result.rejectValue("startsOn", "cadence.starts-on.invalid");
			}
		}
		return form(model, null);
	}

	@GetMapping("/{slug}/edit")
	String editForm(@PathVariable String slug, Model model) {
		CadenceView view = this.cadences.find(slug).orElseThrow(CadenceController::notFound);
		model.addAttribute("form", CadenceForm.of(view));
		return form(model, view);
	}

	@PostMapping("/{slug}")
	String update(@PathVariable String slug, @Valid @ModelAttribute("form") CadenceForm form, BindingResult result,
			Model model, RedirectAttributes redirect) {
		CadenceView view = this.cadences.find(slug).orElseThrow(CadenceController::notFound);
		if (!result.hasErrors()) {
			try {
				this.cadences.update(form.toChange(slug));
				redirect.addFlashAttribute("message", "cadence.updated");
				return "redirect:/admin/cadences";
			}
			catch (CadenceRefusedException ex) {
				reject(ex, form, result);
			}
			catch (DateTimeException ex) {
				result.rejectValue("startsOn", "cadence.starts-on.invalid");
			}
		}
		return form(model, view);
	}

	@PostMapping("/{slug}/pause")
	String pause(@PathVariable String slug, RedirectAttributes redirect) {
		try {
			this.cadences.pause(slug);
		}
		catch (CadenceNotFoundException ex) {
			throw notFound();
		}
		redirect.addFlashAttribute("message", "cadence.paused");
		return "redirect:/admin/cadences";
	}

	@PostMapping("/{slug}/resume")
	String resume(@PathVariable String slug, RedirectAttributes redirect) {
		try {
			this.cadences.resume(slug);
		}
		catch (CadenceNotFoundException ex) {
			throw notFound();
		}
		redirect.addFlashAttribute("message", "cadence.resumed");
		return "redirect:/admin/cadences";
	}

	@PostMapping("/run")
	String runNow(RedirectAttributes redirect) {
		this.cadences.runNow();
		redirect.addFlashAttribute("message", "cadence.ran");
		return "redirect:/admin/cadences";
	}

	private String form(Model model, CadenceView editing) {
		model.addAttribute("editing", editing);
		model.addAttribute("communities", this.communities.overview());
		model.addAttribute("skus",
				this.catalog.list().stream().filter(sku -> sku.status() == SkuStatus.ACTIVE).toList());
		model.addAttribute("weekdays", Arrays.asList(DayOfWeek.values()));
		model.addAttribute("weeksOfMonth", List.of(1, 2, 3, 4, -1));
		model.addAttribute("accessModes", Arrays.asList(AccessMode.values()));
		return VIEW_FORM;
	}

	private static void reject(CadenceRefusedException ex, CadenceForm form, BindingResult result) {
		List<Integer> rows = form.filledRows();
		for (Problem problem : ex.problems()) {
			String field = formField(problem.field(), rows);
			if (field == null) {
				result.reject(problem.messageKey(), problem.arguments(), null);
			}
			else if (!result.hasFieldErrors(field)) {
				result.rejectValue(field, problem.messageKey(), problem.arguments(), null);
			}
		}
	}

	/**
	 * Maps a problem's field to the form's: the module numbers only the items sent, the
	 * form numbers its rows.
	 */
	private static String formField(String field, List<Integer> rows) {
		if (field == null || !field.startsWith("items[")) {
			return field;
		}
		int close = field.indexOf(']');
		int item = Integer.parseInt(field.substring("items[".length(), close));
		return "items[" + rows.get(item) + "]" + field.substring(close + 1);
	}

	/**
	 * A cadence in the list with its recurrence in plain words.
	 *
	 * @param view the cadence
	 * @param rule the recurrence in words
	 */
	record Row(CadenceView view, String rule) {
	}

	private static ResponseStatusException notFound() {
		return new ResponseStatusException(HttpStatus.NOT_FOUND);
	}

}
