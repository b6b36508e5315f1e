package io.microdrops.storefront;

import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;

import io.microdrops.account.ApiTokenManagement;
import io.microdrops.account.ApiTokenRefusedException;
import io.microdrops.account.IssuedApiToken;
import io.microdrops.web.SignedInUser;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A person's personal API tokens: issue one (its text is on the answering page only, not
 * kept anywhere, not even in the session), see when each was last used, revoke one.
 */
@Controller
class ApiTokensController {

	static final String VIEW_TOKENS = "storefront/account/tokens";

	private final ApiTokenManagement tokens;

	ApiTokensController(ApiTokenManagement tokens) {
		this.tokens = tokens;
	}

	@GetMapping("/account/tokens")
	String tokens(@AuthenticationPrincipal SignedInUser user, Model model) {
		model.addAttribute("form", new TokenForm(""));
		return page(user, model);
	}

	@PostMapping("/account/tokens")
	String issue(@AuthenticationPrincipal SignedInUser user, @Valid @ModelAttribute("form") TokenForm form,
			BindingResult result, Model model, HttpServletResponse response) {
		if (!result.hasErrors()) {
			try {
				IssuedApiToken issued = this.tokens.issue(user.accountId(), form.name());
				model.addAttribute("issued", issued);
				model.addAttribute("form", new TokenForm(""));
				// The page holds the token: no cache, no back-button copy.
				response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue());
			}
			catch (ApiTokenRefusedException ex) {
				result.rejectValue("name", ex.messageKey());
			}
		}
		return page(user, model);
	}

	@PostMapping("/account/tokens/{id}/revoke")
	String revoke(@AuthenticationPrincipal SignedInUser user, @PathVariable UUID id, RedirectAttributes redirect) {
		redirect.addFlashAttribute("message",
				this.tokens.revoke(user.accountId(), id) ? "tokens.revoked" : "tokens.revoke.gone");
		return "redirect:/account/tokens";
	}

	private String page(SignedInUser user, Model model) {
		model.addAttribute("tokens", this.tokens.tokensOf(user.accountId()));
		model.addAttribute("maxActive", ApiTokenManagement.MAX_ACTIVE);
		return VIEW_TOKENS;
	}

}
