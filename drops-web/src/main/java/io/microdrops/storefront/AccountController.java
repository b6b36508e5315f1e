package io.microdrops.storefront;

import jakarta.servlet.http.HttpServletResponse;

import io.microdrops.account.AccountManagement;
import io.microdrops.secondchance.SecondChances;
import io.microdrops.account.EmailConfirmationOutcome;
import io.microdrops.web.SignedInUser;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

@Controller
class AccountController {

	static final String VIEW_ACCOUNT = "storefront/account/index";

	static final String VIEW_CONFIRMATION = "storefront/account/confirmation";

	private final AccountManagement accounts;

	private final SecondChances secondChances;

	AccountController(AccountManagement accounts, SecondChances secondChances) {
		this.accounts = accounts;
		this.secondChances = secondChances;
	}

	@GetMapping("/account")
	String account(@AuthenticationPrincipal SignedInUser user, Model model) {
		model.addAttribute("user", user);
		model.addAttribute("emailConfirmed", this.accounts.isEmailConfirmed(user.accountId()));
		model.addAttribute("marketingConsent", this.accounts.hasMarketingConsent(user.accountId()));
		model.addAttribute("secondChances", this.secondChances.openOffersOf(user.accountId()));
		return VIEW_ACCOUNT;
	}

	@PostMapping("/account/confirmation")
	String sendConfirmationAgain(@AuthenticationPrincipal SignedInUser user, RedirectAttributes redirect) {
		boolean requested = this.accounts.requestEmailConfirmation(user.accountId());
		redirect.addFlashAttribute("message",
				requested ? "account.confirmation.sent" : "account.confirmation.not-sent");
		return "redirect:/account";
	}

	/** Drop news by mail: the fan turns it on or off on their account page. */
	@PostMapping("/account/marketing")
	String marketing(@AuthenticationPrincipal SignedInUser user, @RequestParam(defaultValue = "false") boolean consent,
			RedirectAttributes redirect) {
		if (consent) {
			this.accounts.giveMarketingConsent(user.accountId());
		}
		else {
			this.accounts.withdrawMarketingConsent(user.accountId());
		}
		redirect.addFlashAttribute("message", consent ? "account.marketing.given" : "account.marketing.withdrawn");
		return "redirect:/account";
	}

	@GetMapping("/account/confirm")
	String confirm(@RequestParam(name = "token", required = false) String token, Model model,
			HttpServletResponse response) {
		EmailConfirmationOutcome outcome = this.accounts.confirmEmail(token);
		response.setStatus(switch (outcome) {
			case CONFIRMED -> HttpStatus.OK.value();
			case ALREADY_USED, EXPIRED -> HttpStatus.GONE.value();
			case UNKNOWN -> HttpStatus.NOT_FOUND.value();
		});
		model.addAttribute("outcome", outcome.name());
		return VIEW_CONFIRMATION;
	}

}
