package io.microdrops.admin.catalog;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Optional;

import jakarta.validation.Valid;

import io.microdrops.catalog.CatalogManagement;
import io.microdrops.catalog.Sku;
import io.microdrops.catalog.SkuDetails;
import io.microdrops.catalog.SkuSlugTakenException;
import io.microdrops.shared.Money;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The SKU list and the SKU form: create, edit, retire and reactivate.
 */
@Controller
class SkuAdminController {

	static final String VIEW_LIST = "admin/skus/list";

	static final String VIEW_FORM = "admin/skus/form";

	/** Prices are below a million in major units. */
	private static final BigDecimal MAX_PRICE = new BigDecimal("1000000");

	private final CatalogManagement catalog;

	SkuAdminController(CatalogManagement catalog) {
		this.catalog = catalog;
	}

	@GetMapping("/admin/skus")
	String list(Model model) {
		model.addAttribute("skus", this.catalog.list());
		model.addAttribute("storyBlocks", this.catalog.storyBlockCounts());
		return VIEW_LIST;
	}

	@GetMapping("/admin/skus/new")
	String newSku(Model model) {
		return form(model, SkuForm.empty(), null);
	}

	@PostMapping("/admin/skus")
	String create(@Valid @ModelAttribute("form") SkuForm form, BindingResult result, Model model,
			RedirectAttributes redirect) {
		Optional<Money> price = price(form, result);
		if (result.hasErrors() || price.isEmpty()) {
			return form(model, form, null);
		}
		try {
			this.catalog.create(form.slug(), details(form, price.get()));
		}
		catch (SkuSlugTakenException ex) {
			result.rejectValue("slug", "sku.slug.taken");
			return form(model, form, null);
		}
		redirect.addFlashAttribute("message", "sku.created");
		return "redirect:/admin/skus/" + form.slug() + "/story";
	}

	@GetMapping("/admin/skus/{slug}/edit")
	String edit(@PathVariable String slug, Model model) {
		Sku sku = this.catalog.require(slug);
		return form(model, SkuForm.of(sku), sku);
	}

	@PostMapping("/admin/skus/{slug}")
	String update(@PathVariable String slug, @Valid @ModelAttribute("form") SkuForm form, BindingResult result,
			Model model, RedirectAttributes redirect) {
		Sku sku = this.catalog.require(slug);
		Optional<Money> price = price(form, result);
		if (result.hasErrors() || price.isEmpty()) {
			return form(model, form, sku);
		}
		this.catalog.update(slug, details(form, price.get()));
		redirect.addFlashAttribute("message", "sku.updated");
		return "redirect:/admin/skus";
	}

	@PostMapping("/admin/skus/{slug}/retire")
	String retire(@PathVariable String slug, RedirectAttributes redirect) {
		this.catalog.retire(slug);
		redirect.addFlashAttribute("message", "sku.retired");
		return "redirect:/admin/skus";
	}

	@PostMapping("/admin/skus/{slug}/reactivate")
	String reactivate(@PathVariable String slug, RedirectAttributes redirect) {
		this.catalog.reactivate(slug);
		redirect.addFlashAttribute("message", "sku.reactivated");
		return "redirect:/admin/skus";
	}

	private String form(Model model, SkuForm form, Sku sku) {
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", form);
		}
		model.addAttribute("sku", sku);
		model.addAttribute("currencies", SkuForm.CURRENCIES);
		return VIEW_FORM;
	}

	private static SkuDetails details(SkuForm form, Money price) {
		return new SkuDetails(form.name(), price, form.editionSize(), form.makerName(), form.makerBio());
	}

	/**
	 * Turns the typed price into minor units of its currency, refusing text that is no
	 * number, a price below zero or from a million, and more decimals than the currency
	 * has (24.505 EUR).
	 */
	private static Optional<Money> price(SkuForm form, BindingResult result) {
		// A field that did not even convert (text for the edition size) is reported as
		// such; the other checks wait for a form that converts.
		if (result.getTarget() == null) {
			return Optional.empty();
		}
		if (!result.hasFieldErrors("currency") && !SkuForm.CURRENCIES.contains(form.currency())) {
			result.rejectValue("currency", "sku.currency.invalid");
		}
		if (result.hasFieldErrors("price")) {
			return Optional.empty();
		}
		if (form.ambiguousPrice()) {
			result.rejectValue("price", "sku.price.ambiguous");
			return Optional.empty();
		}
		Optional<BigDecimal> typed = form.typedPrice();
		if (typed.isEmpty()) {
			result.rejectValue("price", "typeMismatch");
			return Optional.empty();
		}
		BigDecimal major = typed.get();
		if (major.signum() < 0) {
			result.rejectValue("price", "sku.price.negative");
			return Optional.empty();
		}
		if (major.compareTo(MAX_PRICE) >= 0) {
			result.rejectValue("price", "sku.price.too-high");
			return Optional.empty();
		}
		if (result.hasFieldErrors("currency")) {
			return Optional.empty();
		}
		Currency currency = Currency.getInstance(form.currency());
		BigDecimal minor = major.movePointRight(Math.max(0, currency.getDefaultFractionDigits()));
		if (minor.stripTrailingZeros().scale() > 0) {
			result.rejectValue("price", "sku.price.too-precise");
			return Optional.empty();
		}
		return Optional.of(new Money(minor.longValueExact(), currency));
	}

}
