package io.microdrops.storefront;

import java.util.UUID;

import io.microdrops.checkout.Fulfilment;
import io.microdrops.checkout.PaymentProvider;
import io.microdrops.checkout.PaymentUnavailableException;
import io.microdrops.drop.DropManagement;
import io.microdrops.drop.DropNotFoundException;
import io.microdrops.drop.DropView;
import io.microdrops.preorder.PlacePreorder;
import io.microdrops.preorder.PlacedPreorder;
import io.microdrops.preorder.PreorderManagement;
import io.microdrops.preorder.PreorderRefusedException;
import io.microdrops.web.SignedInUser;
import jakarta.validation.Valid;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Pre-orders in pages: the form to pre-order from a drop, and the fan's own pre-orders
 * under their account, where a pending one can be withdrawn before the deadline.
 */
@Controller
class PreorderController {

	static final String VIEW_FORM = "storefront/preorders/form";

	static final String VIEW_LIST = "storefront/account/preorders";

	private final PreorderManagement preorders;

	private final PreorderPanels panels;

	private final DropManagement drops;

	private final PaymentProvider payments;

	PreorderController(PreorderManagement preorders, PreorderPanels panels, DropManagement drops,
			PaymentProvider payments) {
		this.preorders = preorders;
		this.panels = panels;
		this.drops = drops;
		this.payments = payments;
	}

	@GetMapping("/drops/{slug}/preorder")
	String form(@PathVariable String slug, @RequestParam(required = false) String sku,
			@AuthenticationPrincipal SignedInUser user, Model model) {
		if (user == null) {
			return "redirect:/login";
		}
		DropView view = publicView(slug);
		String chosen = (sku != null) ? sku : view.items().isEmpty() ? "" : view.items().getFirst().sku().slug();
		model.addAttribute("form", PreorderForm.empty(chosen));
		return form(view, user, model);
	}

	@PostMapping("/drops/{slug}/preorder")
	String place(@PathVariable String slug, @Valid @ModelAttribute("form") PreorderForm form, BindingResult result,
			@AuthenticationPrincipal SignedInUser user, Model model, RedirectAttributes redirect) {
		DropView view = publicView(slug);
		if (result.hasErrors()) {
			return form(view, user, model);
		}
		try {
			PlacedPreorder placed = this.preorders.place(new PlacePreorder(slug, form.sku(), form.quantity(),
					user.accountId(), form.cardNumber(), new Fulfilment(form.method(), form.hub(), form.address())));
			redirect.addFlashAttribute("message", placed.alreadyPlaced() ? "preorder.already" : "preorder.placed");
			return "redirect:/drops/" + slug + "#preorder";
		}
		catch (PreorderRefusedException ex) {
			String key = "preorder.refused." + ex.reason().name();
			switch (ex.reason()) {
				case INVALID_QUANTITY, OVER_LIMIT -> result.rejectValue("quantity", key);
				case INVALID_PAYMENT -> result.rejectValue("cardNumber", key);
				case PAYMENT_DECLINED -> result.rejectValue("cardNumber", key, new Object[] { ex.detail() }, null);
				case INVALID_FULFILMENT ->
					result.rejectValue((form.method() == Fulfilment.Method.PICKUP) ? "hub" : "address", key);
				case NOT_FOUND -> result.rejectValue("sku", key);
				default -> result.reject(key);
			}
			return form(view, user, model);
		}
		catch (PaymentUnavailableException ex) {
			// Nothing was written; asking again is safe.
			result.reject("preauth.payments-unavailable");
			return form(view, user, model);
		}
	}

	@GetMapping("/account/preorders")
	String list(@AuthenticationPrincipal SignedInUser user, Model model) {
		model.addAttribute("preorders", this.preorders.preordersOf(user.accountId()));
		return VIEW_LIST;
	}

	@PostMapping("/account/preorders/{id}/cancel")
	String cancel(@PathVariable UUID id, @AuthenticationPrincipal SignedInUser user, RedirectAttributes redirect) {
		try {
			this.preorders.cancel(id, user.accountId());
			redirect.addFlashAttribute("message", "preorder.cancelled");
		}
		catch (PreorderRefusedException ex) {
			// Another fan's pre-order is not there for this one, as their orders are not.
			if (ex.reason() == PreorderRefusedException.Reason.NOT_FOUND) {
				throw new DropNotFoundException(id.toString());
			}
			redirect.addFlashAttribute("message", "preorder.refused." + ex.reason().name());
		}
		return "redirect:/account/preorders";
	}

	private String form(DropView view, SignedInUser user, Model model) {
		model.addAttribute("view", view);
		model.addAttribute("panel", this.panels.of(view, user));
		model.addAttribute("provider", this.payments.name());
		model.addAttribute("authorises", this.payments.authorisationWindow().isPresent());
		model.addAttribute("methods", Fulfilment.Method.values());
		return VIEW_FORM;
	}

	private DropView publicView(String slug) {
		return this.drops.publicView(slug).orElseThrow(() -> new DropNotFoundException(slug));
	}

}
